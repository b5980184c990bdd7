// suppliers: partners that supply — a supplier rank above zero, or named on any supplier price.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class SuppliersStream
{
    private const string VendorIds = "suppliers.vendorIds";

    public static StreamDefinition Create() => new()
    {
        Name = StreamNames.Suppliers,
        Model = "res.partner",
        Resource = "suppliers",
        Fields = SupplierMapper.Fields,
        Prepare = async (ctx, ct) => ctx.Remember(VendorIds, await VendorIdsAsync(ctx, ct)),
        Domain = Domain,
        LiveDomain = Domain,
        AdoptBy = [new("name")],
        Map = (ctx, page, ct) => Task.FromResult<IReadOnlyList<MappedItem>>(
            page.Select(p => new MappedItem(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), SupplierMapper.Map(p))).ToList()),
    };

    private static OdooDomain Domain(StreamContext ctx)
    {
        var vendors = ctx.Recall<IReadOnlyList<long>>(VendorIds);
        var supplies = OdooDomain.Leaf("supplier_rank", ">", 0);
        if (vendors.Count > 0) supplies = supplies.Or(OdooReads.In("id", vendors));
        return OdooReads.Companies(ctx.Flags.CompanyIds).And(supplies);
    }

    /// <summary>The state's key/value entry holding the vendor ids of the last full read, widened by each run since.</summary>
    public const string VendorIdsKey = "suppliers.vendorIds";

    /// <summary>Partners on supplier prices; the vendor field is `name` up to v15 and `partner_id` from v16. Read from every
    /// row on a full reconciliation (or with nothing stored); in between (issue 16), the stored set plus the vendors of the
    /// rows written since the stream's bookmark, so a poll does not read every supplier row. A partner whose last row was
    /// removed stays in the set until the next full reconciliation (it is still a supplier in Optiply until then).</summary>
    public static async Task<IReadOnlyList<long>> VendorIdsAsync(StreamContext ctx, CancellationToken ct)
    {
        var field = await VendorFieldAsync(ctx, ct);
        var stored = ctx.State is null ? null : await ctx.State.GetValueAsync(VendorIdsKey, ct);
        var bookmark = ctx.State is null ? null : await ctx.State.GetBookmarkAsync(StreamNames.Suppliers, ct);
        var full = ctx.Reconcile || stored is null || bookmark is null || ctx.Config.Run.FullSyncStreams.Contains(StreamNames.Suppliers);
        var domain = full ? OdooDomain.All : Keyset.Since(bookmark!.WriteDate - TimeSpan.FromSeconds(ctx.Config.Run.OverlapSeconds));
        var rows = await OdooReads.AllAsync(ctx.Odoo, "product.supplierinfo", domain, ["id", field], ctx.ReadContext(), ct, ctx.PageSize);
        var vendors = rows.Refs(field).ToHashSet();
        if (!full) vendors.UnionWith(CountedDeletions.Parse(stored));
        var now = CountedDeletions.Format(vendors.Order());
        if (ctx.State is not null && !ctx.DryRun && now != stored) await ctx.State.SetValueAsync(VendorIdsKey, now, ct);
        return vendors.Order().ToList();
    }

    public static Task<string> VendorFieldAsync(StreamContext ctx, CancellationToken ct) =>
        ctx.MemoAsync("supplierinfo.vendorField", async () =>
            await ctx.Odoo.HasFieldAsync("product.supplierinfo", "partner_id", ct) ? "partner_id" : "name");
}
