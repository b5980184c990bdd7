// Reads the buy orders the export works on from Optiply: the open ones (completed = null) with their
// lines, one order at a time, and single orders by id (to tell a deleted order from a completed one).
using System.Globalization;
using OdooOptiply.Optiply;

namespace OdooOptiply.Sync.Export;

public sealed class OptiplyBuyOrders(OptiplyClient client)
{
    /// <summary>Open buy orders, without lines (lines are read only for the orders that need them).</summary>
    public async Task<IReadOnlyList<BuyOrder>> OpenAsync(CancellationToken ct)
    {
        var result = new List<BuyOrder>();
        await foreach (var r in client.BuyOrders.ListAsync(new OptiplyQuery().IsNull("completed").WithPageLimit(100), ct))
            if (ToOrder(r, []) is { } order) result.Add(order);
        return result;
    }

    /// <summary>The order with its lines, or null when it no longer exists.</summary>
    public async Task<BuyOrder?> GetAsync(string id, CancellationToken ct) =>
        await client.BuyOrders.GetAsync(id, ct) is { } r ? ToOrder(r, []) : null;

    public async Task<BuyOrder> WithLinesAsync(BuyOrder order, CancellationToken ct)
    {
        var lines = new List<BuyOrderLine>();
        await foreach (var l in client.BuyOrderLines.ListAsync(new OptiplyQuery().Where("buyOrderId", order.Id).WithPageLimit(100), ct))
            if (l.GetLong("productId") is { } product)
                lines.Add(new BuyOrderLine(l.Id, product, l.GetLong("quantity") ?? 0, l.GetDecimal("subtotalValue") ?? 0m,
                    l.GetDateTime("expectedDeliveryDate")?.UtcDateTime));
        return order with { Lines = lines.OrderBy(l => long.Parse(l.Id, CultureInfo.InvariantCulture)).ToList() };
    }

    /// <summary>Writes the Odoo purchase order id as the buy order's remoteId (idempotent).</summary>
    public Task SetRemoteIdAsync(string buyOrderId, long purchaseOrderId, CancellationToken ct) =>
        client.BuyOrders.UpdateAsync(buyOrderId, new System.Text.Json.Nodes.JsonObject { ["remoteId"] = purchaseOrderId.ToString(CultureInfo.InvariantCulture) }, ct);

    private BuyOrder? ToOrder(OptiplyRecord r, IReadOnlyList<BuyOrderLine> lines)
    {
        if (r.GetLong("supplierId") is not { } supplier || r.GetDateTime("placed") is not { } placed) return null;
        var coupling = client.Options.CouplingId?.ToString(CultureInfo.InvariantCulture);
        var remote = r.Attributes["remoteIdMap"] is System.Text.Json.Nodes.JsonObject map
            ? map.FirstOrDefault(kv => coupling is null || kv.Key == coupling).Value?.ToString() : null;
        return new BuyOrder(r.Id, supplier, placed.UtcDateTime, r.GetDateTime("expectedDeliveryDate")?.UtcDateTime,
            r.GetDateTime("completed") is not null, r.GetBool("assembly") ?? false, string.IsNullOrEmpty(remote) ? null : remote, lines);
    }
}
