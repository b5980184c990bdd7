// display_name of the models whose name is not simply their 'name' field, and small computed
// fields that many models share (complete names, normalised emails, related company/warehouse).
using OdooOptiply.Emulators.Odoo.Orm;

namespace OdooOptiply.Emulators.Odoo;

internal static class Names
{
    public static void Register(Behaviours b)
    {
        b.Compute("stock.location", "display_name", (o, e, r) => r.GetValueOrDefault("complete_name") as string ?? r.GetValueOrDefault("name") as string);
        b.Compute("stock.picking.type", "display_name", (o, e, r) =>
            r.GetValueOrDefault("warehouse_id") is long w && o.Get("stock.warehouse", w) is { } wh
                ? $"{wh.GetValueOrDefault("name")}: {r.GetValueOrDefault("name")}" : r.GetValueOrDefault("name") as string);
        b.Compute("res.partner", "display_name", (o, e, r) => PartnerName(o, r));
        b.Compute("res.partner", "complete_name", (o, e, r) => PartnerName(o, r));
        b.Compute("res.partner", "email_normalized", (o, e, r) =>
            r.GetValueOrDefault("email") is string { Length: > 0 } m ? m.Trim().ToLowerInvariant() : null);
        b.Compute("product.supplierinfo", "display_name", (o, e, r) =>
            r.GetValueOrDefault("partner_id") is long p ? o.DisplayName(e, "res.partner", p) : "");
        b.Compute("mrp.bom", "display_name", (o, e, r) =>
        {
            var product = r.GetValueOrDefault("product_tmpl_id") is long t ? o.DisplayName(e, "product.template", t) : "";
            return r.GetValueOrDefault("code") is string { Length: > 0 } code ? $"{code}: {product}" : product;
        });
        b.Compute("mrp.bom.line", "display_name", (o, e, r) => r.GetValueOrDefault("product_id") is long p ? o.DisplayName(e, "product.product", p) : "");
        b.Compute("stock.quant", "display_name", (o, e, r) => r.GetValueOrDefault("location_id") is long l ? o.DisplayName(e, "stock.location", l) : "");
        b.Compute("stock.quant", "available_quantity", (o, e, r) => Num(r, "quantity") - Num(r, "reserved_quantity"));
        b.Compute("stock.quant", "warehouse_id", (o, e, r) => r.GetValueOrDefault("location_id") is long l ? o.Get("stock.location", l)?.GetValueOrDefault("warehouse_id") : null);
        b.Compute("stock.quant", "product_tmpl_id", (o, e, r) => r.GetValueOrDefault("product_id") is long p ? o.Get("product.product", p)?.GetValueOrDefault("product_tmpl_id") : null);
        b.Compute("stock.quant", "company_id", (o, e, r) => r.GetValueOrDefault("location_id") is long l ? o.Get("stock.location", l)?.GetValueOrDefault("company_id") : null);
        b.Compute("mrp.bom.line", "parent_product_tmpl_id", (o, e, r) => r.GetValueOrDefault("bom_id") is long bom ? o.Get("mrp.bom", bom)?.GetValueOrDefault("product_tmpl_id") : null);
        b.Compute("mrp.bom.line", "product_tmpl_id", (o, e, r) => r.GetValueOrDefault("product_id") is long p ? o.Get("product.product", p)?.GetValueOrDefault("product_tmpl_id") : null);
        b.Compute("account.move.line", "display_name", (o, e, r) => r.GetValueOrDefault("name") as string ?? "");
        b.Compute("res.users", "display_name", (o, e, r) => r.GetValueOrDefault("name") as string ?? "");
    }

    private static string PartnerName(Orm.Orm o, Dictionary<string, object?> r)
    {
        var name = r.GetValueOrDefault("name") as string ?? "";
        return r.GetValueOrDefault("parent_id") is long p && o.Get("res.partner", p) is { } parent && parent.GetValueOrDefault("is_company") is true
            ? $"{parent.GetValueOrDefault("name")}, {name}" : name;
    }

    public static double Num(Dictionary<string, object?> r, string key) => r.GetValueOrDefault(key) switch
    {
        double d => d,
        long l => l,
        _ => 0.0,
    };
}
