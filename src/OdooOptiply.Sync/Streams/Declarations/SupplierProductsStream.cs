// supplierProducts (+ deletions): product.supplierinfo rows grouped per (vendor, product). A template-level
// row (no variant) counts for every variant of its template; several rows of one pair resolve to one
// (SupplierProductMapper.Choose). A template's rows are always mapped together (pairs and the preferred vendor
// need all of them), in batches of templates. Read in full on the first run and the full reconciliation; in
// between (issue 16) only the templates that changed are read again, whole: those of rows written since the
// bookmark, of rows whose validity dates fall around the run's day, of products renamed or repriced, and of rows
// removed (found by counting the rows against the runner's row space). Pairs a re-read template no longer yields
// are deleted. Rows not in force on the run's day (expired date_end, future date_start; the day as Odoo reckons
// it, in the user's time zone) are left out before anything else, so a pair whose rows are all out of force is
// deleted in Optiply, and created again on the day a row comes into force.
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
        Grouped = new GroupedChanges(Spaces.SupplierProductRows, (ctx, since) => InForceWindow(ctx, since).Or(OfChangedProducts(ctx, since)),
            ChangedTemplatesAsync, PairsOfTemplatesAsync),
        NaturalKey = NaturalKeys.Of("productId", "supplierId"),
        AdoptBy = [new("productId", "supplierId")],
        Map = MapAsync,
    };

    /// <summary>The runner's binding space of supplier rows (row id → template id).</summary>

    /// <summary>Rows whose validity starts or ends around the days since <paramref name="since"/> (a day wider on each side,
    /// whatever the user's time zone): they may have come into or gone out of force without any write.</summary>
    private static OdooDomain InForceWindow(StreamContext ctx, DateTime since)
    {
        var from = since.Date.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = ctx.Signpost.Date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        OdooDomain Between(string field) => OdooDomain.Leaf(field, ">=", from).And(OdooDomain.Leaf(field, "<=", to));
        return Between("date_start").Or(Between("date_end"));
    }

    /// <summary>Rows of templates whose products' name or cost changed since a moment (the template or one of its variants
    /// written), as a domain on the rows: one subquery in the changed rows' own read instead of a read of the products (issue 16).</summary>
    private static OdooDomain OfChangedProducts(StreamContext ctx, DateTime since)
    {
        var at = Keyset.Format(Keyset.Truncate(since));
        var template = OdooDomain.Leaf("product_tmpl_id.write_date", ">=", at);
        return ctx.Flags.UseTemplates ? template : template.Or(OdooDomain.Leaf("product_tmpl_id.product_variant_ids.write_date", ">=", at));
    }

    /// <summary>Templates whose products' minimum stock changed since a moment (with prodMinStockAsSpMoq; name and cost changes
    /// come in through OfChangedProducts).</summary>
    private static async Task<IReadOnlyCollection<long>> ChangedTemplatesAsync(StreamContext ctx, DateTime since, CancellationToken ct)
    {
        var templates = new HashSet<long>();
        if (ctx.Flags.ProdMinStockAsSpMoq)
        {
            var products = (await ProductsStream.Optional(() => OdooReads.AllAsync(ctx.Odoo, "stock.warehouse.orderpoint", Keyset.Since(since), ["id", "product_id"],
                new Ports.ReadContext(IncludeArchived: true), ct))).Refs("product_id").ToList();
            templates.UnionWith((await OdooReads.ByAsync(ctx.Odoo, "product.product", "id", products, ["id", "product_tmpl_id"], ctx.ReadContext(), ct)).Refs("product_tmpl_id"));
        }
        return templates;
    }

    /// <summary>The pair keys ("vendor_product") whose product belongs to one of these templates.</summary>
    private static async Task<Func<string, bool>> PairsOfTemplatesAsync(StreamContext ctx, IReadOnlyCollection<long> templates, CancellationToken ct)
    {
        var products = ctx.Flags.UseTemplates ? templates.ToHashSet()
            : (await OdooReads.ByAsync(ctx.Odoo, "product.product", "product_tmpl_id", templates, ["id"], ctx.ReadContext(), ct)).Select(p => p.Id).ToHashSet();
        return key => key.LastIndexOf('_') is var at and > 0 && StreamDefinition.PlainId(key[(at + 1)..]) is { } product && products.Contains(product);
    }

    private static async Task<IReadOnlyList<MappedItem>> MapAsync(StreamContext ctx, IReadOnlyList<OdooRecord> rows, CancellationToken ct)
    {
        var vendorField = await SuppliersStream.VendorFieldAsync(ctx, ct);
        var today = await ctx.OdooTodayAsync(ct);
        rows = rows.Where(r => SupplierProductMapper.InForce(r, today)).ToList();
        var expanded = await ExpandAsync(ctx, rows, ct);
        var productModel = ProductKeys.Model(ctx.Flags.UseTemplates);
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
