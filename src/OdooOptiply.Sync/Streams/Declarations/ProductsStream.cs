// products (+ deletions, + stocks): product variants (templates with use_templates), archived ones
// included so they can be disabled. Stock changes do not touch a product's write_date, so changed
// quants, done moves, reordering rules and BoMs since the bookmark bring their products back in, and so
// do products that gained or lost their last BoM since last run (AssembledProducts).
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class ProductsStream
{
    public static StreamDefinition Create(SyncFlags flags) => new()
    {
        Name = StreamNames.Products,
        Model = ProductKeys.Model(flags.UseTemplates),
        Resource = "products",
        Fields = ProductMapper.Fields,
        // Every product is read: one that leaves the filter (archived, not storable, another company) is
        // disabled, not deleted; only a product deleted in Odoo is deleted in Optiply.
        Domain = _ => OdooDomain.All,
        LiveDomain = _ => OdooDomain.All,
        Context = ctx => ctx.ReadContext() with { Companies = null },
        Prepare = AssembledProducts.PrepareAsync,
        RelatedChanges = ChangedThroughStockAsync,
        RelatedDomain = ChangedThroughStockDomainAsync,
        Map = MapAsync,
        AdoptBy = [new("skuCode"), new("eanCode")],
    };

    private static async Task<IReadOnlyList<MappedItem>> MapAsync(StreamContext ctx, IReadOnlyList<OdooRecord> page, CancellationToken ct)
    {
        var ids = page.Select(p => p.Id).ToList();
        var stock = await ProductFactsReader.StockAsync(ctx, ids, ct);
        var minimum = ctx.Flags.SyncMinimumStock ? await ProductFactsReader.MinimumStockAsync(ctx, ids, ct) : [];
        var taxes = ctx.Flags.SellPriceWithTaxes ? await ProductFactsReader.SalesTaxRatesAsync(ctx, page, ct) : [];
        return page.Select(p => new MappedItem(
            p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ProductMapper.Map(p, new ProductFacts(stock.GetValueOrDefault(p.Id), minimum.TryGetValue(p.Id, out var m) ? m : null, taxes.GetValueOrDefault(p.Id),
                InScope: ctx.Flags.CompanyIds.Count == 0 || p.GetId("company_id") is not { } company || ctx.Flags.CompanyIds.Contains(company),
                Assembled: AssembledProducts.Contains(ctx, p)), ctx.Flags)))
            .ToList();
    }

    /// <summary>Products whose stock, reordering rules or BoMs changed since <paramref name="since"/>, or that gained or lost their last BoM.</summary>
    private static async Task<IReadOnlyCollection<long>> ChangedThroughStockAsync(StreamContext ctx, DateTime since, CancellationToken ct)
    {
        var changed = Keyset.Since(since);
        var any = ctx.ReadContext();
        var variants = new HashSet<long>();
        variants.UnionWith((await OdooReads.AllAsync(ctx.Odoo, "stock.quant", changed, ["id", "product_id"], any, ct)).Refs("product_id"));
        variants.UnionWith((await OdooReads.AllAsync(ctx.Odoo, "stock.move", changed.And(OdooDomain.Leaf("state", "=", "done")), ["id", "product_id"], any, ct)).Refs("product_id"));
        if (ctx.Flags.SyncMinimumStock)
            variants.UnionWith((await Optional(() => OdooReads.AllAsync(ctx.Odoo, "stock.warehouse.orderpoint", changed, ["id", "product_id"], any, ct))).Refs("product_id"));
        var boms = await Optional(() => OdooReads.AllAsync(ctx.Odoo, "mrp.bom", changed, ["id", "product_tmpl_id", "product_id"], new Ports.ReadContext(IncludeArchived: true), ct));
        var templates = boms.Refs("product_tmpl_id").ToHashSet();
        if (!ctx.Flags.UseTemplates && templates.Count > 0)
            variants.UnionWith((await OdooReads.ByAsync(ctx.Odoo, "product.product", "product_tmpl_id", templates, ["id"], any, ct)).Select(r => r.Id));
        var assembledChanged = await AssembledProducts.ChangedAsync(ctx, ct);
        if (!ctx.Flags.UseTemplates) return variants.Union(assembledChanged).ToList();
        await ctx.Products.PrimeAsync(variants, ct);
        templates.UnionWith(variants.Select(v => long.Parse(ctx.Products.Key(v), System.Globalization.CultureInfo.InvariantCulture)));
        return templates.Union(assembledChanged).ToList();
    }

    /// <summary>The same products as <see cref="ChangedThroughStockAsync"/>, as one domain on product.product through its stored
    /// one2many fields (stock_quant_ids, stock_move_ids, orderpoint_ids, variant_bom_ids, and the template's bom_ids), so the
    /// incremental read brings them in without four reads of their own (issue 16). Odoo answers each with a subquery on that
    /// model's write_date, as the separate reads did; the read's context includes archived records, so archived reordering rules
    /// and BoMs count as before. Done moves need Odoo's "any" (17+; on 16 the separate reads stay). Templates (use_templates)
    /// and a server without the fields (mrp not installed) keep the separate reads.</summary>
    private static async Task<OdooDomain?> ChangedThroughStockDomainAsync(StreamContext ctx, DateTime since, CancellationToken ct)
    {
        if (ctx.Flags.UseTemplates || ctx.Odoo.Version < 17) return null;
        const string model = "product.product";
        foreach (var field in new[] { "stock_quant_ids", "stock_move_ids", "orderpoint_ids", "variant_bom_ids" })
            if (!await ctx.Odoo.HasFieldAsync(model, field, ct)) return null;
        var at = Keyset.Format(Keyset.Truncate(since));
        OdooDomain Written(string path) => OdooDomain.Leaf(path + ".write_date", ">=", at);
        var parts = new List<OdooDomain>
        {
            Written("stock_quant_ids"),
            OdooDomain.Any("stock_move_ids", OdooDomain.Leaf("state", "=", "done").And(Keyset.Since(since))),
            Written("variant_bom_ids"),
            Written("product_tmpl_id.bom_ids"),
        };
        if (ctx.Flags.SyncMinimumStock) parts.Add(Written("orderpoint_ids"));
        var assembled = await AssembledProducts.ChangedAsync(ctx, ct);
        if (assembled.Count > 0) parts.Add(OdooReads.In("id", assembled));
        return OdooDomain.Combine("|", parts);
    }

    /// <summary>Reads of optional modules (mrp, purchase_stock's orderpoints) answer nothing when the module is absent.</summary>
    internal static async Task<List<OdooRecord>> Optional(Func<Task<List<OdooRecord>>> read)
    {
        try { return await read(); }
        catch (OdooException) { return []; }
    }
}
