// Lines of a page of orders (sale, POS, purchase), read in one go and grouped by order, with their
// products' keys learnt; and the orders whose lines changed since a moment.
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.Streams;

internal static class OrderLines
{
    public static async Task<ILookup<long, OdooRecord>> ReadAsync(StreamContext ctx, string model, IReadOnlyList<OdooRecord> orders,
        IReadOnlyList<string> fields, IReadOnlyList<long> companies, CancellationToken ct)
    {
        var lines = await OdooReads.ByAsync(ctx.Odoo, model, "order_id", orders.Select(o => o.Id), fields, ctx.ReadContext(companies), ct);
        await ctx.Products.PrimeAsync(lines.Refs("product_id"), ct);
        return lines.ToLookup(l => l.GetId("order_id") ?? 0);
    }

    /// <summary>Orders whose lines (<paramref name="lines"/>, the one2many) were written since a moment, as a domain on the
    /// orders: Odoo answers it with one subquery on the lines, inside the orders' own read (issue 16).</summary>
    public static OdooDomain ChangedThrough(string lines, DateTime since) =>
        OdooDomain.Leaf(lines + ".write_date", ">=", Keyset.Format(Keyset.Truncate(since)));

    public static async Task<IReadOnlyCollection<long>> ChangedOrdersAsync(StreamContext ctx, string model, DateTime since,
        IReadOnlyList<long> companies, CancellationToken ct) =>
        (await OdooReads.AllAsync(ctx.Odoo, model, Keyset.Since(since), ["id", "order_id"], ctx.ReadContext(companies), ct)).Refs("order_id").ToList();
}
