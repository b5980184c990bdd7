// sale.order / sale.order.line and pos.order: sequence names, amounts from lines, confirm/cancel/
// lock, and the state renames (16's 'done' = 17+'s locked sale; 19 dropped pos 'invoiced').
using OdooOptiply.Emulators.Odoo.Orm;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo;

internal static class Sales
{
    private const string So = "sale.order", Line = "sale.order.line";

    public static void Register(Behaviours b)
    {
        b.Defaults[So] = (o, e, r) =>
        {
            if (r.GetValueOrDefault("name") is null or "New" or "") r["name"] = o.NextName("S");
            r.TryAdd("state", "draft");
            r.TryAdd("date_order", o.Now());
            r.TryAdd("company_id", 1L);
            r.TryAdd("currency_id", o.Get("res.currency", 1) is null ? null : 1L);
            r.TryAdd("warehouse_id", o.Get("stock.warehouse", 1) is null ? null : 1L);
            r.TryAdd("locked", false);
            r.TryAdd("partner_invoice_id", r.GetValueOrDefault("partner_id"));
            r.TryAdd("partner_shipping_id", r.GetValueOrDefault("partner_id"));
            if (r.GetValueOrDefault("state") is "done") { r["state"] = "sale"; r["locked"] = true; }
        };
        b.Defaults[Line] = (o, e, r) =>
        {
            r.TryAdd("product_uom_qty", 1.0);
            r.TryAdd("qty_delivered", 0.0);
            if (r.GetValueOrDefault("order_id") is long oid) r.TryAdd("company_id", o.Get(So, oid)?.GetValueOrDefault("company_id"));
            if (r.GetValueOrDefault("product_id") is long p && o.Get("product.product", p) is { } product)
            {
                r.TryAdd("name", o.DisplayName(e, "product.product", p));
                r.TryAdd("product_uom", o.Value(e, "product.product", product, "uom_id"));
                r.TryAdd("price_unit", o.Value(e, "product.product", product, "lst_price"));
            }
        };
        b.BeforeWrite[So] = (o, e, ids, vals) =>
        {
            if (vals.GetValueOrDefault("state") is "done") { vals["state"] = "sale"; foreach (var id in ids) o.Get(So, id)!["locked"] = true; }
        };
        b.Compute(Line, "price_subtotal", (o, e, r) => Subtotal(r));
        b.Compute(Line, "price_tax", (o, e, r) => Subtotal(r) * Purchases.TaxRate(o, r, "tax_id"));
        b.Compute(Line, "price_total", (o, e, r) => Subtotal(r) * (1 + Purchases.TaxRate(o, r, "tax_id")));
        b.Compute(Line, "state", (o, e, r) => r.GetValueOrDefault("order_id") is long id && o.Get(So, id) is { } so ? o.Value(e, So, so, "state") : "draft");
        b.Compute(Line, "order_partner_id", (o, e, r) => r.GetValueOrDefault("order_id") is long id ? o.Get(So, id)?.GetValueOrDefault("partner_id") : null);
        b.Compute(So, "amount_untaxed", (o, e, r) => Lines(o, r).Sum(Subtotal));
        b.Compute(So, "amount_tax", (o, e, r) => Lines(o, r).Sum(l => Subtotal(l) * Purchases.TaxRate(o, l, "tax_id")));
        b.Compute(So, "amount_total", (o, e, r) => Lines(o, r).Sum(l => Subtotal(l) * (1 + Purchases.TaxRate(o, l, "tax_id"))));
        b.Compute(So, "state", (o, e, r) => o.Profile.Version <= 16 && r.GetValueOrDefault("state") is "sale" && r.GetValueOrDefault("locked") is true
            ? "done" : r.GetValueOrDefault("state"));
        b.Compute("pos.order", "state", (o, e, r) => o.Profile.Version >= 19 && r.GetValueOrDefault("state") is "invoiced" ? "done" : r.GetValueOrDefault("state"));
        b.Defaults["pos.order"] = (o, e, r) =>
        {
            r.TryAdd("name", o.NextName("Shop/", 4));
            r.TryAdd("state", "draft");
            r.TryAdd("date_order", o.Now());
            r.TryAdd("company_id", 1L);
        };
        b.Method(So, "action_confirm", true, [], (o, e, _, ids, _) => Set(o, e, ids, new() { ["state"] = "sale" }));
        b.Method(So, "action_cancel", true, [], (o, e, _, ids, _) => Set(o, e, ids, new() { ["state"] = "cancel" }));
        b.Method(So, "action_draft", true, [], (o, e, _, ids, _) => Set(o, e, ids, new() { ["state"] = "draft" }));
        b.Method(So, "action_lock", true, [], (o, e, _, ids, _) => Lock(o, ids, true));
        b.Method(So, "action_unlock", true, [], (o, e, _, ids, _) => Lock(o, ids, false));
        b.Method(So, "action_done", true, [], (o, e, _, ids, _) => Lock(o, ids, true));
    }

    private static bool Set(Orm.Orm o, Env e, IReadOnlyList<long> ids, Dictionary<string, object?> vals)
    {
        o.Set(e, So, ids, vals);
        return true;
    }

    private static bool Lock(Orm.Orm o, IReadOnlyList<long> ids, bool locked)
    {
        foreach (var id in ids) { var r = o.Get(So, id)!; r["locked"] = locked; r["write_date"] = o.Now(); }
        return true;
    }

    private static IEnumerable<Row> Lines(Orm.Orm o, Row so) => o.Store.Children(Line, "order_id", (long)so["id"]!).Select(l => o.Get(Line, l)!);

    private static double Subtotal(Row l) => Names.Num(l, "product_uom_qty") * Names.Num(l, "price_unit") * (1 - Names.Num(l, "discount") / 100);
}
