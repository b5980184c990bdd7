// supplierProducts (+ deletions): product.supplierinfo rows grouped per (vendor, product). A template-level
// row (no variant) counts for every variant of its template; several rows of one pair resolve to one
// (SupplierProductMapper.Choose). Read in full every run so pairs and the preferred vendor are computed
// from all rows (a template's rows are always mapped together, in batches of templates); pairs that no
// longer exist are deleted. Rows not in force on the run's day (expired
// date_end, future date_start; the day as Odoo reckons it, in the user's time zone) are left out before anything else, so a pair whose rows are all out of force
// is deleted in Optiply, and created again (read in full every run) on the day a row comes into force.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class SupplierProductsStream
{
    private static readonly IReadOnlyList<string> Fields =
        ["id", "partner_id", "name", "product_id", "product_tmpl_id", "delay", "min_qty", "price", "sequence", "product_code", "product_name", "product_uom", "product_uom_id",
         "company_id", "date_start", "date_end"];

    public static StreamDefinition Create(SyncFlags flags) => new()
    {
        Name = StreamNames.SupplierProducts,
        Model = "product.supplierinfo",
        Resource = "supplierProducts",
        DependsOn = [StreamNames.Products, StreamNames.Suppliers],
        Fields = Fields,
        Incremental = false,
        GroupField = "product_tmpl_id", // a template's rows decide its variants' pairs and first vendor
        Domain = ctx => OdooReads.Companies(ctx.Flags.CompanyIds),
        NaturalKey = NaturalKeys.Of("productId", "supplierId"),
        AdoptBy = [new("productId", "supplierId")],
        Map = MapAsync,
    };

    private static async Task<IReadOnlyList<MappedItem>> MapAsync(StreamContext ctx, IReadOnlyList<OdooRecord> rows, CancellationToken ct)
    {
        var vendorField = await SuppliersStream.VendorFieldAsync(ctx, ct);
        var today = await ctx.OdooTodayAsync(ct);
        rows = rows.Where(r => SupplierProductMapper.InForce(r, today)).ToList();
        var expanded = await ExpandAsync(ctx, rows, ct);
        var productModel = ctx.Flags.UseTemplates ? "product.template" : "product.product";
        var products = (await OdooReads.ByAsync(ctx.Odoo, productModel, "id", expanded.Select(e => e.Product), ["id", "name", "standard_price"], ctx.ReadContext(), ct))
            .ToDictionary(p => p.Id);
        var minimum = ctx.Flags.ProdMinStockAsSpMoq ? await ProductFactsReader.MinimumStockAsync(ctx, products.Keys.ToList(), ct) : [];
        // The product's first vendor in Odoo's own order: sequence, min_qty descending, price, id.
        var firstVendor = expanded.GroupBy(e => e.Product).ToDictionary(g => g.Key, g => g.Select(e => e.Row)
            .OrderBy(r => r.GetLong("sequence")).ThenByDescending(r => r.GetDouble("min_qty")).ThenBy(r => r.GetDouble("price")).ThenBy(r => r.Id)
            .First().GetId(vendorField));
        return expanded.Where(e => e.Row.GetId(vendorField) is not null)
            .GroupBy(e => (Vendor: e.Row.GetId(vendorField)!.Value, e.Product))
            .OrderBy(g => g.Key.Vendor).ThenBy(g => g.Key.Product)
            .Select(g =>
            {
                var row = SupplierProductMapper.Choose(g.Select(e => e.Row));
                var product = products.GetValueOrDefault(g.Key.Product);
                var facts = new SupplierProductFacts(g.Key.Vendor, g.Key.Product,
                    ctx.Targets.Of(StreamNames.Suppliers, g.Key.Vendor), ctx.Targets.Of(StreamNames.Products, g.Key.Product),
                    product?.GetString("name") ?? "", product?.GetDouble("standard_price") ?? 0,
                    minimum.TryGetValue(g.Key.Product, out var m) ? m : null, firstVendor[g.Key.Product] == g.Key.Vendor,
                    row.GetRefName("product_uom_id") ?? row.GetRefName("product_uom"));
                return new MappedItem(SupplierProductMapper.SourceId(g.Key.Vendor, g.Key.Product), SupplierProductMapper.Map(row, facts, ctx.Flags));
            }).ToList();
    }

    /// <summary>Each row with the product key(s) it applies to: its variant, or all variants of its template (the template with use_templates).</summary>
    private static async Task<List<(OdooRecord Row, long Product)>> ExpandAsync(StreamContext ctx, IReadOnlyList<OdooRecord> rows, CancellationToken ct)
    {
        if (ctx.Flags.UseTemplates)
            return rows.Where(r => r.GetId("product_tmpl_id") is not null).Select(r => (r, r.GetId("product_tmpl_id")!.Value)).ToList();
        var templateRows = rows.Where(r => r.GetId("product_id") is null).ToList();
        var variantsOf = (await OdooReads.ByAsync(ctx.Odoo, "product.product", "product_tmpl_id", templateRows.Refs("product_tmpl_id"), ["id", "product_tmpl_id"], ctx.ReadContext(), ct))
            .ToLookup(v => v.GetId("product_tmpl_id") ?? 0, v => v.Id);
        return rows.SelectMany(r => r.GetId("product_id") is { } v
            ? [(r, v)]
            : variantsOf[r.GetId("product_tmpl_id") ?? 0].Select(id => (r, id))).ToList();
    }
}
