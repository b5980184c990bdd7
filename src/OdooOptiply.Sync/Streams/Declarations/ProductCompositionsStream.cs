// productCompositions: from the active bills of materials (kits and manufacturing BoMs). Each composed
// product uses one BoM: its own variant BoM before its template's, then the lowest (sequence, id).
// Part quantities are per ONE composed unit. The stream reads BoM lines grouped per composed template
// (a template's BoMs decide its variants' compositions together). Read in full on the first run and the full
// reconciliation; in between (issue 16) only the templates that changed are read again, whole: those of lines
// written since the bookmark, of templates one of whose BoMs was created or written (quantity, sequence, variant, an
// empty BoM put first) or that were given a new variant, and of lines removed or gone out of the live set (a BoM
// archived: found by counting the lines against the runner's row space).
// Compositions a re-read template no longer yields are deleted.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class ProductCompositionsStream
{
    private static readonly IReadOnlyList<string> BomFields = ["id", "product_tmpl_id", "product_id", "product_qty", "product_uom_id", "sequence", "type", "company_id"];
    private static readonly IReadOnlyList<string> LineFields = ["id", "bom_id", "parent_product_tmpl_id", "product_id", "product_qty", "product_uom_id"];

    public static StreamDefinition Create() => new()
    {
        Name = StreamNames.ProductCompositions,
        Model = "mrp.bom.line",
        Resource = "productCompositions",
        AdoptBy = [new("composedProductId", "partProductId")],
        DependsOn = [StreamNames.Products],
        Fields = LineFields,
        Incremental = false,
        GroupField = "parent_product_tmpl_id", // Odoo's related field bom_id.product_tmpl_id: the composed template
        Domain = Live,
        Grouped = new GroupedChanges(Spaces.ProductCompositionRows, (_, since) => BomsChanged(since),
            (_, _, _) => Task.FromResult<IReadOnlyCollection<long>>([]), CompositionsOfTemplatesAsync),
        Context = ctx => ctx.ReadContext() with { IncludeArchived = false },
        NaturalKey = NaturalKeys.Of("composedProductId", "partProductId"),
        Map = MapAsync,
    };

    /// <summary>Lines of active BoMs of the tenant's companies (or shared).</summary>
    private static OdooDomain Live(StreamContext ctx) =>
        OdooDomain.Leaf("bom_id.active", "=", true).And(OdooReads.Companies(ctx.Flags.CompanyIds, "bom_id.company_id"));

    /// <summary>Lines of templates one of whose BoMs was created or written since a moment (their own BoM, or a sibling that may
    /// now be chosen before it, lines or not), or that were given a new variant (a template BoM composes it too): one
    /// subquery in the changed lines' own read.</summary>
    private static OdooDomain BomsChanged(DateTime since)
    {
        var at = Keyset.Format(Keyset.Truncate(since));
        var template = "bom_id." + ProductKeys.TemplateField;
        return OdooDomain.Leaf(template + ".bom_ids.write_date", ">=", at).Or(OdooDomain.Leaf(template + ".product_variant_ids.create_date", ">=", at));
    }

    /// <summary>The composition keys ("composed_part") whose composed product belongs to one of these templates: the template
    /// itself with use_templates, else its variants (archived ones too, so their compositions are not left behind).</summary>
    private static async Task<Func<string, bool>> CompositionsOfTemplatesAsync(StreamContext ctx, IReadOnlyCollection<long> templates, CancellationToken ct)
    {
        var composed = ctx.Flags.UseTemplates ? templates.ToHashSet()
            : (await OdooReads.ByAsync(ctx.Odoo, ProductKeys.VariantModel, ProductKeys.TemplateField, templates, ["id"], new Ports.ReadContext(IncludeArchived: true), ct))
                .Select(p => p.Id).ToHashSet();
        return key => key.IndexOf('_') is var at and > 0 && StreamDefinition.PlainId(key[..at]) is { } product && composed.Contains(product);
    }

    /// <summary>Maps the lines of whole templates: reads every active BoM of those templates, chooses each variant's BoM
    /// and sums its lines per part.</summary>
    private static async Task<IReadOnlyList<MappedItem>> MapAsync(StreamContext ctx, IReadOnlyList<OdooRecord> page, CancellationToken ct)
    {
        var templates = page.Refs("parent_product_tmpl_id").ToList();
        var boms = await OdooReads.ByAsync(ctx.Odoo, "mrp.bom", ProductKeys.TemplateField, templates, BomFields,
            ctx.ReadContext() with { IncludeArchived = false }, ct, OdooReads.Companies(ctx.Flags.CompanyIds));
        var lines = page.ToLookup(l => l.GetId("bom_id") ?? 0);
        var composedBy = await ComposedProductsAsync(ctx, boms, ct);
        await ctx.Products.PrimeAsync(page.Refs("product_id").Concat(composedBy.Values.SelectMany(v => v)), ct);
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
        var variantsOf = (await OdooReads.ByAsync(ctx.Odoo, ProductKeys.VariantModel, ProductKeys.TemplateField, templateBoms.Refs("product_tmpl_id"), ["id", "product_tmpl_id"], ctx.ReadContext(), ct))
            .ToLookup(v => v.GetId("product_tmpl_id") ?? 0, v => v.Id);
        return boms.ToDictionary(b => b.Id, b => b.GetId("product_id") is { } v
            ? (IReadOnlyList<long>)[v]
            : variantsOf[b.GetId("product_tmpl_id") ?? 0].ToList());
    }
}
