// "large:N": N storable products (one variant each) with stock, N/5 supplier price rows, ~2N sale
// order lines (5 per order) and N/50 purchase order lines. Rows go straight into the store (defaults
// written out here) because the ORM's per-record work would make a million lines take minutes.
using System.Globalization;
using OdooOptiply.Emulators.Odoo.Orm;

namespace OdooOptiply.Emulators.Seed;

internal static class OdooLargeSeed
{
    public static void Apply(OdooSeedWriter s, int n)
    {
        var o = s.Orm;
        var store = o.Store;
        var now = o.Now();
        Dictionary<string, object?> Row(params (string Key, object? Value)[] kv)
        {
            var d = new Dictionary<string, object?>(kv.Length + 4) { ["create_date"] = now, ["write_date"] = now, ["create_uid"] = Orm.AdminUid, ["write_uid"] = Orm.AdminUid };
            foreach (var (k, v) in kv) d[k] = v;
            return d;
        }
        var suppliers = Enumerable.Range(0, Math.Max(5, n / 1000)).Select(i => s.C("res.partner", new()
            { ["name"] = $"Supplier {i + 1:00000}", ["email"] = $"supplier{i + 1}@example.com", ["is_company"] = true, ["supplier_rank"] = 1L })).ToArray();
        var customer = s.C("res.partner", new() { ["name"] = "Large Customer", ["is_company"] = true, ["customer_rank"] = 1L });
        var products = new long[n];
        for (var i = 0; i < n; i++)
        {
            var code = "L" + (i + 1).ToString("0000000", CultureInfo.InvariantCulture);
            var t = store.Insert("product.template", Row(("name", $"Product {i + 1}"), ("type", "consu"), ("is_storable", i % 10 != 9), ("list_price", 10.0 + i % 90),
                ("uom_id", 1L), ("uom_po_id", 1L), ("categ_id", 2L), ("active", i % 50 != 49), ("sale_ok", true), ("purchase_ok", true)));
            products[i] = store.Insert("product.product", Row(("product_tmpl_id", t), ("default_code", code), ("barcode", OdooSeedWriter.Ean13(200000000000L + i)),
                ("standard_price", 4.0 + i % 40), ("active", i % 50 != 49)));
            store.Insert("stock.quant", Row(("product_id", products[i]), ("location_id", 6L), ("quantity", (double)(i % 100)), ("reserved_quantity", (double)(i % 7)), ("in_date", now)));
        }
        for (var i = 0; i < n / 5; i++)
        {
            var p = products[i * 5];
            store.Insert("product.supplierinfo", Row(("partner_id", suppliers[i % suppliers.Length]), ("product_tmpl_id", store.Get("product.product", p)!["product_tmpl_id"]),
                ("product_id", p), ("price", 3.0 + i % 30), ("min_qty", (double)(i % 4 * 5)), ("delay", (long)(1 + i % 14)), ("currency_id", 1L), ("sequence", 1L), ("product_uom", 1L)));
        }
        Orders(s, products, customer, suppliers, Row);
    }

    private static void Orders(OdooSeedWriter s, long[] products, long customer, long[] suppliers,
        Func<(string, object?)[], Dictionary<string, object?>> row)
    {
        var store = s.Orm.Store;
        var n = products.Length;
        for (var i = 0; i < 2 * n / 5; i++)
        {
            var so = store.Insert("sale.order", row([("name", "S" + (i + 1).ToString("000000", CultureInfo.InvariantCulture)), ("partner_id", customer),
                ("state", i % 20 == 0 ? "cancel" : i % 10 == 1 ? "draft" : "sale"), ("date_order", s.Day(-(i % 365))), ("company_id", 1L), ("currency_id", 1L),
                ("warehouse_id", 1L), ("locked", false)]));
            for (var j = 0; j < 5; j++)
                store.Insert("sale.order.line", row([("order_id", so), ("product_id", products[(i * 5 + j) % n]), ("product_uom_qty", 1.0 + j),
                    ("price_unit", 10.0 + j), ("qty_delivered", 0.0), ("product_uom", 1L), ("company_id", 1L), ("name", "line")]));
        }
        for (var i = 0; i < n / 250; i++)
        {
            var po = store.Insert("purchase.order", row([("name", "P" + (i + 1).ToString("000000", CultureInfo.InvariantCulture)), ("partner_id", suppliers[i % suppliers.Length]),
                ("state", i % 3 == 0 ? "draft" : "purchase"), ("date_order", s.Day(-(i % 90))), ("date_planned", s.Day(7 - i % 90)), ("company_id", 1L), ("currency_id", 1L), ("locked", false)]));
            for (var j = 0; j < 5; j++)
                store.Insert("purchase.order.line", row([("order_id", po), ("product_id", products[(i * 5 + j) % n]), ("product_qty", 10.0 * (j + 1)),
                    ("price_unit", 5.0 + j), ("qty_received", 0.0), ("product_uom", 1L), ("company_id", 1L), ("name", "line"), ("date_planned", s.Day(7))]));
        }
    }
}
