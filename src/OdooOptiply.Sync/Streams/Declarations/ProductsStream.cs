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

    /// <summary>Reads of optional modules (mrp, purchase_stock's orderpoints) answer nothing when the module is absent.</summary>
    internal static async Task<List<OdooRecord>> Optional(Func<Task<List<OdooRecord>>> read)
    {
        try { return await read(); }
        catch (OdooException) { return []; }
    }
}
