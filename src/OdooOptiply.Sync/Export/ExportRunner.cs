// One export run for one tenant (Optiply → Odoo): every open Optiply buy order that did not come from Odoo
// is created in Odoo once; exported orders changed in Optiply are edited (or reported as conflicts); exported
// orders deleted in Optiply are cancelled; orders the export is done with are let go. The run is saved in the
// state store's run history like a pull run, with one stream, "export.buyOrders".
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Export;

public sealed class ExportRunner(TenantConfig config, OdooClient odoo, OptiplyClient optiply, IStateStore store, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Buy orders per page of the open list (Optiply's maximum); tests make it small to cross page boundaries.</summary>
    internal int OpenPageSize { get; init; } = OptiplyBuyOrders.PageSize;

    /// <summary>Asked right before every create in Odoo: false when this run no longer holds the tenant's lease (TenantLease.StillHeldAsync).</summary>
    public Func<CancellationToken, Task<bool>>? Fence { get; init; }

    /// <param name="stop">ends the run at the next order boundary (graceful shutdown); <paramref name="ct"/> aborts calls</param>
    public async Task<RunReport> RunAsync(CancellationToken ct = default, CancellationToken stop = default)
    {
        var started = _time.GetUtcNow().UtcDateTime;
        var clock = _time.GetTimestamp();
        var counter = new StreamCounter(StreamNames.ExportBuyOrders);
        var status = StreamStatus.Ok;
        try { await ExportAllAsync(counter, stop, ct); }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            counter.Error(RunFailures.FatalReason(e) is { } fatal ? $"fatal for the run: {fatal}" : $"{e.GetType().Name}: {e.Message}");
            status = StreamStatus.Failed;
        }
        var run = new RunReport(config.Name, started, _time.GetUtcNow().UtcDateTime, false, [counter.Build(status, _time.GetElapsedTime(clock))]);
        return await store.SaveAsync(run, CancellationToken.None);
    }

    private async Task ExportAllAsync(StreamCounter counter, CancellationToken stop, CancellationToken ct)
    {
        var orders = new OrderExport(config.Flags, new OdooPurchaseOrders(odoo), new OptiplyBuyOrders(optiply, OpenPageSize),
            await ExportLookups.LoadAsync(store, ct), await ExportLinks.LoadAsync(store, _time, ct), counter, Fence);
        var read = await orders.Optiply.OpenAsync(ct);
        var open = read.Orders;
        // An order Optiply sent that cannot be read is an error for that order: neither exported nor taken for deleted.
        foreach (var u in read.Unreadable) counter.Fail(OrderExport.UnreadableMessage(u));
        var openIds = open.Select(o => o.Id).Concat(read.Unreadable.Select(u => u.Id)).ToHashSet(StringComparer.Ordinal);
        var candidates = new List<BuyOrder>();
        foreach (var bo in open)
        {
            if (stop.IsCancellationRequested) return;
            if (orders.Links.Order(bo.Id) is { } bound) await Guard(counter, bo.Id, () => orders.UpdateAsync(bo, bound, ct));
            else if (!orders.Lookups.PulledBuyOrders.Contains(bo.Id)) candidates.Add(bo);
        }
        if (candidates.Count > 0 && !config.Flags.ExportBoLinePrice && (await odoo.VersionAsync(ct)).Major >= 18)
            counter.Error("export_BOLine_price is off: Odoo 18+ prices each new line from its vendor price list, not from Optiply's subtotal");
        var existing = candidates.Count == 0 ? new Dictionary<string, long>() : await orders.Odoo.FindExportedAsync(candidates.Select(c => c.Id).ToList(), ct);
        foreach (var bo in candidates.TakeWhile(_ => !stop.IsCancellationRequested))
            await Guard(counter, bo.Id, () => orders.CreateAsync(bo, existing.TryGetValue(bo.Id, out var po) ? po : null, ct));
        foreach (var bound in orders.Links.Orders.Where(b => !openIds.Contains(b.SourceId)).ToList())
            if (!stop.IsCancellationRequested) await Guard(counter, bound.SourceId, () => orders.ClosedAsync(bound, ct));
        if (!stop.IsCancellationRequested) await Guard(counter, "orphans", () => orders.CancelOrphansAsync(openIds, ct));
        if (!stop.IsCancellationRequested) await orders.MirrorConfirmedAsync(ct);
    }

    // One order's failure is counted and reported; the others go on. Authentication failures stop the run.
    private static async Task Guard(StreamCounter counter, string buyOrderId, Func<Task> work)
    {
        try { await work(); }
        catch (OdooException e) when (RunFailures.FatalReason(e) is null)
        {
            counter.Fail($"buy order {buyOrderId}: Odoo {e.Method}: {e.ServerMessage ?? e.Message}");
        }
        catch (OptiplyException e) when (RunFailures.FatalReason(e) is null)
        {
            counter.Fail($"buy order {buyOrderId}: Optiply: {e.Message}");
        }
    }
}
