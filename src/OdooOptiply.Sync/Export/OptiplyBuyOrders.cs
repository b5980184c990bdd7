// Reads the buy orders the export works on from Optiply: the open ones (completed = null) with their
// lines, one order at a time, and single orders by id (to tell a deleted order from a completed one).
// An order that cannot be read (placed or supplierId missing, a date in no known form) is returned as
// unreadable with the reason: an error for that order, never taken for a deleted one. Only a 404 is "gone".
// The open list is paged by id (sort=id, filter[id][GT]=last seen), not by offset: an order completed or
// deleted while the pages are read cannot make another slide unseen across a page boundary. Reads go through the
// IOptiplySource port, the remoteId write-back through IOptiplyTarget.
using System.Globalization;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Export;

/// <summary>A buy order Optiply sent but the export cannot read; <paramref name="Reason"/> says what is wrong.</summary>
public sealed record UnreadableBuyOrder(string Id, string Reason);

/// <summary>The open buy orders as read: the readable ones and the ones that could not be read.</summary>
public sealed record OpenBuyOrders(IReadOnlyList<BuyOrder> Orders, IReadOnlyList<UnreadableBuyOrder> Unreadable);

/// <summary>One buy order looked up by id: <see cref="Order"/> when read, <see cref="Unreadable"/> when Optiply has it in a
/// form that cannot be read, both null only when Optiply answered 404 (gone).</summary>
public sealed record BuyOrderLookup(BuyOrder? Order, UnreadableBuyOrder? Unreadable)
{
    public bool Gone => Order is null && Unreadable is null;
}

public sealed class OptiplyBuyOrders(IOptiplySource source, IOptiplyTarget target, int pageSize = OptiplyBuyOrders.PageSize)
{
    public const int PageSize = 100;

    /// <summary>Open buy orders, without lines (lines are read only for the orders that need them), keyset-paged by id.</summary>
    public async Task<OpenBuyOrders> OpenAsync(CancellationToken ct)
    {
        var orders = new List<BuyOrder>();
        var unreadable = new List<UnreadableBuyOrder>();
        long after = 0;
        while (true)
        {
            var count = 0;
            var query = new OptiplyQuery().IsNull("completed").Where("id", OptiplyOp.GT, after).SortBy("id").WithPageLimit(pageSize);
            await foreach (var r in source.ListAsync("buyOrders", query, ct))
            {
                var (order, problem) = Read(r, []);
                if (order is not null) orders.Add(order);
                else unreadable.Add(problem!);
                if (!long.TryParse(r.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= after)
                    throw new OptiplyException(0, Outcome.Rejected, $"Optiply sent buy order {r.Id} out of id order (after {after}): the open list cannot be paged by id");
                after = id;
                // Stop at the end of one page: the next query starts after the last id seen (one page each, never an offset).
                if (++count == pageSize) break;
            }
            if (count < pageSize) return new OpenBuyOrders(orders, unreadable);
        }
    }

    /// <summary>The order (without lines), unreadable, or gone (404).</summary>
    public async Task<BuyOrderLookup> GetAsync(string id, CancellationToken ct)
    {
        if (await source.GetAsync("buyOrders", id, ct) is not { } r) return new BuyOrderLookup(null, null);
        var (order, problem) = Read(r, []);
        return new BuyOrderLookup(order, problem);
    }

    public async Task<BuyOrder> WithLinesAsync(BuyOrder order, CancellationToken ct)
    {
        var lines = new List<BuyOrderLine>();
        await foreach (var l in source.ListAsync("buyOrderLines", new OptiplyQuery().Where("buyOrderId", order.Id).WithPageLimit(100), ct))
            if (l.GetLong("productId") is { } product)
                lines.Add(new BuyOrderLine(l.Id, product, l.GetLong("quantity") ?? 0, l.GetDecimal("subtotalValue") ?? 0m,
                    l.GetDateTime("expectedDeliveryDate")?.UtcDateTime));
        return order with { Lines = lines.OrderBy(l => long.Parse(l.Id, CultureInfo.InvariantCulture)).ToList() };
    }

    /// <summary>Writes the Odoo purchase order id as the buy order's remoteId (idempotent).</summary>
    public Task SetRemoteIdAsync(string buyOrderId, long purchaseOrderId, CancellationToken ct) =>
        target.UpdateAsync("buyOrders", buyOrderId, new System.Text.Json.Nodes.JsonObject { ["remoteId"] = purchaseOrderId.ToString(CultureInfo.InvariantCulture) }, ct);

    private (BuyOrder?, UnreadableBuyOrder?) Read(OptiplyRecord r, IReadOnlyList<BuyOrderLine> lines)
    {
        var problems = new List<string>();
        var supplier = r.GetLong("supplierId");
        if (supplier is null) problems.Add(r.HasValue("supplierId") ? $"supplierId {r.GetString("supplierId")} is not a number" : "supplierId is missing");
        var placed = r.GetDateTime("placed");
        if (placed is null) problems.Add(r.HasValue("placed") ? $"placed {r.GetString("placed")} is not a date" : "placed is missing");
        if (problems.Count > 0) return (null, new UnreadableBuyOrder(r.Id, string.Join("; ", problems)));
        var coupling = source.CouplingId?.ToString(CultureInfo.InvariantCulture);
        var remote = r.Attributes["remoteIdMap"] is System.Text.Json.Nodes.JsonObject map
            ? map.FirstOrDefault(kv => coupling is null || kv.Key == coupling).Value?.ToString() : null;
        // Completed is any value Optiply sends there, readable as a date or not: only null means open.
        return (new BuyOrder(r.Id, supplier!.Value, placed!.Value.UtcDateTime, r.GetDateTime("expectedDeliveryDate")?.UtcDateTime,
            r.HasValue("completed"), r.GetBool("assembly") ?? false, string.IsNullOrEmpty(remote) ? null : remote, lines), null);
    }
}
