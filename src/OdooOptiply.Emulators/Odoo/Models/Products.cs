// product.template and product.product: a variant stores only its own fields and reads the rest
// through its template (Odoo's _inherits); creating a template makes its single variant; type
// 'product' (16-17) is the is_storable flag of 18+; display names are "[code] name".
using OdooOptiply.Emulators.Odoo.Orm;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo;

internal static class Products
{
    /// <summary>Keys a product.product row keeps itself; every other template field is delegated.</summary>
    public static readonly HashSet<string> VariantOwn =
    [
        "id", "product_tmpl_id", "default_code", "barcode", "active", "standard_price", "create_date", "write_date",
        "create_uid", "write_uid", "display_name", "volume", "weight", "combination_indices", "is_favorite",
        "product_template_attribute_value_ids", "code", "partner_ref", "lst_price", "price_extra",
    ];

    public static void Register(Behaviours b)
    {
        b.Defaults["product.template"] = (o, _, row) =>
        {
            row.TryAdd("type", "consu");
            row.TryAdd("is_storable", false);
            row.TryAdd("list_price", 1.0);
            row.TryAdd("sale_ok", true);
            row.TryAdd("purchase_ok", true);
            row.TryAdd("uom_id", 1L);
            row.TryAdd("uom_po_id", row["uom_id"]);
            row.TryAdd("categ_id", o.Get("product.category", 1) is null ? null : 1L);
            NormaliseType(row);
        };
        b.AfterCreate["product.template"] = (o, e, id) =>
        {
            var tmpl = o.Get("product.template", id)!;
            if (o.CreatingTemplateOfVariant) return;
            var variant = new Row { ["product_tmpl_id"] = id, ["active"] = tmpl.GetValueOrDefault("active") ?? true };
            foreach (var k in new[] { "default_code", "barcode", "standard_price" })
                if (tmpl.Remove(k, out var v)) variant[k] = v;
            o.CreateStore(e, "product.product", variant);
        };
        b.Defaults["product.product"] = (o, e, row) =>
        {
            if (row.GetValueOrDefault("product_tmpl_id") is long) return;
            // A variant created alone: its template fields make a template first (as _inherits does).
            var tmplSchema = o.Schema("product.template");
            var tmplVals = row.Where(kv => !VariantOwn.Contains(kv.Key) && tmplSchema.Has(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
            foreach (var k in row.Keys.Where(k => !VariantOwn.Contains(k)).ToList()) row.Remove(k);
            o.CreatingTemplateOfVariant = true;
            try { row["product_tmpl_id"] = o.CreateStore(e, "product.template", tmplVals); }
            finally { o.CreatingTemplateOfVariant = false; }
        };
        b.BeforeWrite["product.product"] = (o, e, ids, vals) =>
        {
            var schema = o.Schema("product.product");
            var moved = vals.Where(kv => !VariantOwn.Contains(schema.Fields[kv.Key].Key) && o.Profile.Model("product.template")!.Has(kv.Key)).ToList();
            if (moved.Count == 0) return;
            foreach (var (k, _) in moved) vals.Remove(k);
            var templates = ids.Select(id => (long)o.Get("product.product", id)!["product_tmpl_id"]!).Distinct().ToList();
            o.Write(e, "product.template", templates, moved.ToDictionary(kv => kv.Key, kv => kv.Value));
        };
        b.BeforeWrite["product.template"] = (o, _, ids, vals) =>
        {
            // 16-17 write the storable flag through type/detailed_type = 'product'.
            if (o.Profile.Version > 17) return;
            var t = vals.GetValueOrDefault("detailed_type") ?? vals.GetValueOrDefault("type");
            if (t is null) return;
            vals.Remove("detailed_type");
            vals.Remove("type");
            foreach (var id in ids)
            {
                var row = o.Get("product.template", id)!;
                row["type"] = t is "product" ? "consu" : t;
                row["is_storable"] = t is "product";
            }
        };
        b.AfterWrite["product.template"] = (o, e, ids, vals) =>
        {
            foreach (var id in ids)
            {
                var row = o.Get("product.template", id)!;
                if (vals.TryGetValue("active", out var a))
                    foreach (var v in o.Store.Children("product.product", "product_tmpl_id", id)) o.Get("product.product", v)!["active"] = a is true;
            }
        };
        Computes(b);
    }

    // 16-17 send type 'product' for storable goods; the store keeps 18's (type consu + is_storable).
    private static void NormaliseType(Row row)
    {
        if (row.GetValueOrDefault("type") is "product") { row["type"] = "consu"; row["is_storable"] = true; }
    }

    private static void Computes(Behaviours b)
    {
        foreach (var model in new[] { "product.template", "product.product" })
        {
            b.Compute(model, "type", (o, e, row) =>
            {
                var tmpl = Template(o, model, row);
                var type = tmpl?.GetValueOrDefault("type") as string ?? "consu";
                return o.Profile.Version <= 17 && tmpl?.GetValueOrDefault("is_storable") is true ? "product" : type;
            });
            b.Compute(model, "is_storable", (o, e, row) => Template(o, model, row)?.GetValueOrDefault("is_storable") is true);
        }
        b.Compute("product.product", "display_name", (o, e, row) => Code(o.Value(e, "product.product", row, "default_code"), o.Value(e, "product.product", row, "name")));
        b.Compute("product.template", "display_name", (o, e, row) => Code(TemplateCode(o, e, row), o.Value(e, "product.template", row, "name")));
        b.Compute("product.template", "default_code", (o, e, row) => TemplateCode(o, e, row));
        b.Compute("product.product", "lst_price", (o, e, row) => Template(o, "product.product", row)?.GetValueOrDefault("list_price") ?? 0.0);
        b.Compute("product.product", "code", (o, e, row) => o.Value(e, "product.product", row, "default_code"));
        b.Compute("product.product", "partner_ref", (o, e, row) => Code(o.Value(e, "product.product", row, "default_code"), o.Value(e, "product.product", row, "name")));
        b.Compute("product.template", "product_variant_count", (o, e, row) => (long)o.Store.Children("product.product", "product_tmpl_id", (long)row["id"]!).Count);
        b.Compute("product.template", "product_variant_id", (o, e, row) => o.Children(e, "product.product", "product_tmpl_id", (long)row["id"]!).Cast<long?>().FirstOrDefault());
        b.Compute("product.product", "product_variant_count", (o, e, row) => (long)o.Store.Children("product.product", "product_tmpl_id", (long)row["product_tmpl_id"]!).Count);
        b.Compute("product.template", "bom_count", (o, e, row) => (long)o.Children(e, "mrp.bom", "product_tmpl_id", (long)row["id"]!).Count);
        b.Compute("product.product", "bom_count", (o, e, row) => (long)BomsOfVariant(o, e, row).Count());
    }

    /// <summary>BoMs of the variant: its template's BoMs for all variants, plus those naming this variant.</summary>
    public static IEnumerable<long> BomsOfVariant(Orm.Orm o, Env e, Row row)
    {
        var id = (long)row["id"]!;
        return o.Children(e, "mrp.bom", "product_tmpl_id", (long)row["product_tmpl_id"]!)
            .Where(b => o.Get("mrp.bom", b)!.GetValueOrDefault("product_id") is not long pid || pid == id);
    }

    private static Row? Template(Orm.Orm o, string model, Row row) =>
        model == "product.template" ? row : row.GetValueOrDefault("product_tmpl_id") is long t ? o.Get("product.template", t) : null;

    private static object? TemplateCode(Orm.Orm o, Env e, Row tmpl)
    {
        var variants = o.Store.Children("product.product", "product_tmpl_id", (long)tmpl["id"]!);
        return variants.Count == 1 ? o.Get("product.product", variants.First())!.GetValueOrDefault("default_code") : null;
    }

    private static string Code(object? code, object? name) =>
        code is string { Length: > 0 } c ? $"[{c}] {name}" : name as string ?? "";
}
