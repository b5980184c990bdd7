// Which products are assembled: those with an active bill of materials that has at least one line (what
// Odoo's bom_count counts, less BoMs without components, which compose nothing in Optiply either), compared
// with the set stored last run. Deleting a BoM or its last line leaves no trace an incremental read can see
// (the product's write_date does not move and the record is gone), so each run reads the ids and keys of
// all active BoMs and their lines (few, id-and-key only) and the products whose membership changed are
// mapped again. The same set decides each product's `assembled`, so the two never disagree. BoMs are
// filtered by company_ids as productCompositions are: a product is assembled exactly when it has compositions.
using System.Globalization;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Streams;

internal static class AssembledProducts
{
    /// <summary>The state store's key/value entry holding last run's set.</summary>
    public const string StateKey = "products.assembled";
    private const string ChangedMemo = "products.assembledChanged";
    private const string CurrentMemo = "products.assembledNow";

    /// <summary>Before the products stream: reads the current set, remembers what changed since last run, stores the set.</summary>
    public static async Task PrepareAsync(StreamContext ctx, CancellationToken ct)
    {
        // BoMs with at least one line, in one call: Odoo reads "bom_line_ids != False" on a one2many as "has a line" (a subquery).
        var withLines = await ProductsStream.Optional(() => OdooReads.AllAsync(ctx.Odoo, "mrp.bom",
            OdooReads.Companies(ctx.Flags.CompanyIds).And(OdooDomain.Leaf("bom_line_ids", "!=", false)), ["id", "product_tmpl_id", "product_id"], new ReadContext(), ct));
        var now = Keys(withLines, ctx.Flags.UseTemplates);
        ctx.Remember(CurrentMemo, now);
        var stored = ctx.State is null ? null : await ctx.State.GetValueAsync(StateKey, ct);
        var before = stored is null ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var changed = new HashSet<string>(now, StringComparer.Ordinal);
        changed.SymmetricExceptWith(before);
        ctx.Remember(ChangedMemo, changed);
        if (ctx.State is not null && !ctx.DryRun) await ctx.State.SetValueAsync(StateKey, string.Join(",", now.Order(StringComparer.Ordinal)), ct);
    }

    /// <summary>Whether a product record (variant, or template with use_templates) is assembled this run.</summary>
    public static bool Contains(StreamContext ctx, OdooRecord product)
    {
        var now = ctx.Recall<HashSet<string>>(CurrentMemo);
        if (ctx.Flags.UseTemplates) return now.Contains("t" + product.Id.ToString(CultureInfo.InvariantCulture));
        return now.Contains("v" + product.Id.ToString(CultureInfo.InvariantCulture))
            || product.GetId("product_tmpl_id") is { } t && now.Contains("t" + t.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The product ids (variants, or templates with use_templates) whose membership changed since last run.</summary>
    public static async Task<IReadOnlyCollection<long>> ChangedAsync(StreamContext ctx, CancellationToken ct)
    {
        var changed = ctx.Recall<HashSet<string>>(ChangedMemo);
        var templates = changed.Where(k => k[0] == 't').Select(Id).ToList();
        var variants = changed.Where(k => k[0] == 'v').Select(Id).ToHashSet();
        if (ctx.Flags.UseTemplates) return templates;
        // A template BoM counts for every variant of its template.
        variants.UnionWith((await OdooReads.ByAsync(ctx.Odoo, "product.product", "product_tmpl_id", templates, ["id"], ctx.ReadContext(), ct)).Select(r => r.Id));
        return variants;
    }

    /// <summary>"t&lt;template&gt;" for a BoM of a whole template (every BoM with use_templates), "v&lt;variant&gt;" for a variant's own BoM.</summary>
    private static HashSet<string> Keys(IEnumerable<OdooRecord> boms, bool useTemplates)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in boms)
        {
            if (!useTemplates && b.GetId("product_id") is { } variant) keys.Add("v" + variant.ToString(CultureInfo.InvariantCulture));
            else if (b.GetId("product_tmpl_id") is { } template) keys.Add("t" + template.ToString(CultureInfo.InvariantCulture));
        }
        return keys;
    }

    private static long Id(string key) => long.Parse(key.AsSpan(1), CultureInfo.InvariantCulture);
}
