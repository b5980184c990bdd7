// productCompositions: from the active bills of materials (kits and manufacturing BoMs). Each composed
// product uses one BoM: its own variant BoM before its template's, then the lowest (sequence, id).
// Part quantities are per ONE composed unit. Read in full every run: BoMs are few, and a change can sit
// on the BoM or on a line; the hashes keep unchanged pairs from travelling.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class ProductCompositionsStream
{
    private static readonly IReadOnlyList<string> BomFields = ["id", "product_tmpl_id", "product_id", "product_qty", "product_uom_id", "sequence", "type", "company_id"];
    private static readonly IReadOnlyList<string> LineFields = ["id", "bom_id", "product_id", "product_qty", "product_uom_id"];

    public static StreamDefinition Create() => new()
    {
        Name = StreamNames.ProductCompositions,
        Model = "mrp.bom",
        Resource = "productCompositions",
        AdoptBy = [new("composedProductId", "partProductId")],
        DependsOn = [StreamNames.Products],
        Fields = BomFields,
        Incremental = false,
        Domain = ctx => OdooReads.Companies(ctx.Flags.CompanyIds),
        Context = ctx => ctx.ReadContext() with { IncludeArchived = false },
        NaturalKey = NaturalKeys.Of("composedProductId", "partProductId"),
        Map = MapAsync,
    };

    private static async Task<IReadOnlyList<MappedItem>> MapAsync(StreamContext ctx, IReadOnlyList<OdooRecord> boms, CancellationToken ct)
    {
        var lines = (await OdooReads.ByAsync(ctx.Odoo, "mrp.bom.line", "bom_id", boms.Select(b => b.Id), LineFields, ctx.ReadContext(), ct))
            .ToLookup(l => l.GetId("bom_id") ?? 0);
        var composedBy = await ComposedProductsAsync(ctx, boms, ct);
        await ctx.Products.PrimeAsync(lines.SelectMany(g => g).Refs("product_id").Concat(composedBy.Values.SelectMany(v => v)), ct);
        var chosen = new Dictionary<string, OdooRecord>(StringComparer.Ordinal);
        // Variant BoMs first, then template BoMs; within each, (sequence, id): the first one a product meets wins.
        foreach (var bom in boms.OrderBy(b => b.GetId("product_id") is null).ThenBy(b => b.GetLong("sequence")).ThenBy(b => b.Id))
            foreach (var variant in composedBy[bom.Id])
                chosen.TryAdd(ctx.Products.Key(variant), bom);
        var items = new List<MappedItem>();
        foreach (var (composedKey, bom) in chosen.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var perUnit = bom.GetDouble("product_qty") is > 0 and var q ? q * Units.Factor(ctx.Flags, bom.GetRefName("product_uom_id")) : 1;
            var parts = lines[bom.Id].Where(l => l.GetId("product_id") is not null)
                .GroupBy(l => ctx.Products.Key(l.GetId("product_id")!.Value))
                .Select(g => (Part: g.Key, Quantity: g.Sum(l => l.GetDouble("product_qty") * Units.Factor(ctx.Flags, l.GetRefName("product_uom_id"))) / perUnit));
            foreach (var (part, quantity) in parts)
            {
                var sourceId = $"{composedKey}_{part}";
                items.Add(new MappedItem(sourceId, CompositionMapper.Map(sourceId,
                    ctx.Targets.Of(StreamNames.Products, composedKey), ctx.Targets.Of(StreamNames.Products, part), quantity)));
            }
        }
        return items;
    }

    /// <summary>The variants each BoM composes: its own variant, or every variant of its template.</summary>
    private static async Task<Dictionary<long, IReadOnlyList<long>>> ComposedProductsAsync(StreamContext ctx, IReadOnlyList<OdooRecord> boms, CancellationToken ct)
    {
        var templateBoms = boms.Where(b => b.GetId("product_id") is null).ToList();
        var variantsOf = (await OdooReads.ByAsync(ctx.Odoo, "product.product", "product_tmpl_id", templateBoms.Refs("product_tmpl_id"), ["id", "product_tmpl_id"], ctx.ReadContext(), ct))
            .ToLookup(v => v.GetId("product_tmpl_id") ?? 0, v => v.Id);
        return boms.ToDictionary(b => b.Id, b => b.GetId("product_id") is { } v
            ? (IReadOnlyList<long>)[v]
            : variantsOf[b.GetId("product_tmpl_id") ?? 0].ToList());
    }
}
