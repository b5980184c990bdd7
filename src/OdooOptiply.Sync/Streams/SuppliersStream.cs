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

    /// <summary>Partners on supplier prices; the vendor field is `name` up to v15 and `partner_id` from v16.</summary>
    public static async Task<IReadOnlyList<long>> VendorIdsAsync(StreamContext ctx, CancellationToken ct)
    {
        var field = await VendorFieldAsync(ctx, ct);
        var rows = await OdooReads.AllAsync(ctx.Odoo, "product.supplierinfo", OdooDomain.All, ["id", field], ctx.ReadContext(), ct, ctx.PageSize);
        return rows.Refs(field).ToList();
    }

    public static Task<string> VendorFieldAsync(StreamContext ctx, CancellationToken ct) =>
        ctx.MemoAsync("supplierinfo.vendorField", async () =>
            await ctx.Odoo.HasFieldAsync("product.supplierinfo", "partner_id", ct) ? "partner_id" : "name");
}
