// The buy order export as a declaration on the one runner: every open Optiply buy order that did not come from Odoo
// is created in Odoo once (a purchase order with its lines in one call, marked with its origin), confirmed unless
// export_buyorders_as_draft, and its Odoo id written back as the buy order's remoteId; an exported order changed in
// Optiply has its lines edited while Odoo allows it (else the conflict is reported); one deleted in Optiply is cancelled;
// one completed is let go. Exactly once: the writer searches Odoo for the mark before any create and again right before
// it, then asks the lease; a lost answer is looked up. Every later step (confirm, remoteId, line bindings) is idempotent
// and redone by the next run if the process dies (the order's binding keeps an empty hash until the last step).
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Sync.Export;

internal sealed class BuyOrdersExport
{
    private const string Model = "purchase.order";
    private readonly ExportRun _run;
    private readonly OdooPurchaseOrders _odoo;
    private readonly OptiplyBuyOrders _optiply;
    private readonly ExportLookups _lookups;
    private readonly ExportLinks _links;
    private readonly Dictionary<string, Resolution> _resolved = new(StringComparer.Ordinal);

    private BuyOrdersExport(ExportRun run, ExportLookups lookups, ExportLinks links)
    {
        (_run, _lookups, _links) = (run, lookups, links);
        _odoo = new OdooPurchaseOrders(run.Odoo);
        _optiply = new OptiplyBuyOrders(run.Optiply, run.OptiplyWrites, run.OpenPageSize);
    }

    private StreamCounter Counter => _run.Counter;

    public static async Task<ExportDefinition<BuyOrder>> OpenAsync(ExportRun run, Binder binder, CancellationToken ct)
    {
        var e = new BuyOrdersExport(run, await ExportLookups.LoadAsync(run.Store, run.Time, ct), await ExportLinks.LoadAsync(run.Store, binder, run.Time, ct));
        return new ExportDefinition<BuyOrder>
        {
            Name = StreamNames.ExportBuyOrders,
            Sink = e.Sink(),
            Content = o => PurchaseOrderMapper.LinesContent(o.Lines),
            Describe = o => $"buy order {o.Id}",
            ReadAsync = e.ReadAsync,
            LoadAsync = e._optiply.WithLinesAsync,
            LeftAsync = e.LeftAsync,
            FinishAsync = async (read, ct2) =>
            {
                await e.CancelOrphansAsync(read.Seen, ct2);
                if (!run.Stop.IsCancellationRequested) await e.MirrorConfirmedAsync(ct2);
            },
        };
    }

    private OdooSink<BuyOrder> Sink() => new()
    {
        Name = StreamNames.ExportBuyOrders,
        Model = Model,
        Space = Spaces.BuyOrderExports,
        Key = o => o.Id,
        // Our mark, or (orders made before the mark existed, by the old target) the buy order id as name with no origin.
        Marked = (o, id) => OdooDomain.Leaf("origin", "=", ExportMark.Origin(id))
            .Or(OdooDomain.Leaf("name", "=", id).And(OdooDomain.Leaf("origin", "=", false))),
        MapAsync = MapAsync,
        UpdateAsync = UpdateAsync,
        AfterWriteAsync = AfterWriteAsync,
        MustRewrite = o => _links.IsWriting(o.Id),
        WhenDeletedInOdoo = (o, id) => new WriteOutcome(WriteKind.Skipped, id, "conflict: Odoo order deleted",
            $"buy order {o.Id}: changed in Optiply, but Odoo purchase order {id} no longer exists"),
        SearchBeforeCreate = true,
        Pauses = new SinkPauses(PausePoints.BeforeCreate, PausePoints.AfterCreate, PausePoints.AfterLineWrite, PausePoints.AfterBind),
    };

    /// <summary>The open buy orders: bound ones (to update) first, then the ones to create; assembly orders, orders that came
    /// from Odoo and orders carrying a remote id no Odoo order's mark explains are left alone.</summary>
    private async Task<ExportRead<BuyOrder>> ReadAsync(CancellationToken ct)
    {
        var read = await _optiply.OpenAsync(ct);
        // An order Optiply sent that cannot be read is an error for that order: neither exported nor taken for deleted.
        foreach (var u in read.Unreadable) Counter.Fail(UnreadableMessage(u));
        var seen = read.Orders.Select(o => o.Id).Concat(read.Unreadable.Select(u => u.Id)).ToHashSet(StringComparer.Ordinal);
        var bound = read.Orders.Where(o => _links.Order(o.Id) is not null).ToList();
        var candidates = new List<BuyOrder>();
        foreach (var o in read.Orders.Where(o => _links.Order(o.Id) is null && !_lookups.PulledBuyOrders.Contains(o.Id)))
            if (o.Assembly) Counter.Skip("assembly order (not a purchase)");
            else candidates.Add(o);
        if (candidates.Count > 0 && !_run.Flags.ExportBoLinePrice && await _run.Odoo.MajorVersionAsync(ct) >= 18)
            Counter.Error("export_BOLine_price is off: Odoo 18+ prices each new line from its vendor price list, not from Optiply's subtotal");
        var remote = candidates.Where(o => o.RemoteId is not null).Select(o => o.Id).ToList();
        var marked = remote.Count == 0 ? new Dictionary<string, long>() : await _odoo.FindExportedAsync(remote, ct);
        var creates = new List<BuyOrder>();
        foreach (var o in candidates)
            if (o.RemoteId is not null && !marked.ContainsKey(o.Id)) Counter.Skip("has a remote id but no Odoo order carries its mark");
            else creates.Add(o);
        return new ExportRead<BuyOrder>([.. bound, .. creates], seen);
    }

    /// <summary>Partner and lines resolved to Odoo; the create values for an order not bound yet.</summary>
    private async Task<SinkValues> MapAsync(BuyOrder order, string key, OdooWriteContext c, CancellationToken ct)
    {
        var resolved = await _lookups.ResolveAsync(order, _odoo, _run.Flags, ct);
        var bound = _links.Order(order.Id) is not null;
        if (!bound && resolved.PartnerId is null)
            return SinkValues.Skip("supplier has no Odoo partner", $"buy order {order.Id}: Optiply supplier {order.SupplierId} has no Odoo partner (not bound by the suppliers stream)");
        if (resolved.Problem is not null) return SinkValues.Skip(resolved.Problem, resolved.Detail);
        _resolved[order.Id] = resolved;
        if (bound) return new SinkValues(new Dictionary<string, object?>());
        if (order.Lines.Count == 0) return SinkValues.Skip("buy order has no lines");
        var company = _run.Flags.EffectiveBuyordersCompanyIds is { Count: > 0 } ids ? ids[0] : (long?)null;
        return new SinkValues(PurchaseOrderMapper.Create(order, resolved.PartnerId!.Value, resolved.Lines, _run.Flags, await _odoo.UnitFieldAsync(ct), company));
    }

    /// <summary>An order already in Odoo: its lines brought in line with Optiply's in one write, while Odoo allows it.</summary>
    private async Task<SinkUpdate> UpdateAsync(BuyOrder order, SinkValues mapped, OdooRecord current, OdooWriteContext c, CancellationToken ct)
    {
        var po = await ReadAsync(current.Id, ct);
        var plan = LinePlanner.Plan(order, _resolved[order.Id].Lines, _links.LinesOf(order.Id), po, _run.Flags, await _odoo.UnitFieldAsync(ct));
        if (plan.Commands.Count == 0) return new SinkUpdate(new Dictionary<string, object?>());
        if (Refusal(po) is { } why)
            return SinkUpdate.Skip($"conflict: {why}", $"buy order {order.Id}: changed in Optiply, but Odoo purchase order {po.Id} {why}; the change was not applied");
        if (plan.AddsLines) await _links.BeginLineWriteAsync(order.Id, po.Id, ct);
        return new SinkUpdate(new Dictionary<string, object?> { ["order_line"] = plan.Commands });
    }

    /// <summary>After the create or the line write: confirm, write the remote id back, bind every line (idempotent, redone
    /// by the next run when the process dies before the writer stores the order's hash).</summary>
    private async Task AfterWriteAsync(BuyOrder order, long poId, OdooWriteContext c, CancellationToken ct)
    {
        var po = await ReadAsync(poId, ct);
        if (!_run.Flags.ExportBuyOrdersAsDraft && po.IsDraft)
        {
            await _odoo.ConfirmAsync(poId, ct);
            await PausePoints.AtAsync(PausePoints.AfterConfirm, ct);
            po = await ReadAsync(poId, ct);
        }
        if (order.RemoteId != poId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            await _optiply.SetRemoteIdAsync(order.Id, poId, ct);
            await PausePoints.AtAsync(PausePoints.AfterRemoteId, ct);
        }
        var current = order.Lines.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var lines = _links.LinesOf(order.Id).Where(l => current.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        foreach (var (k, v) in LinePlanner.Adopt(_resolved[order.Id].Lines, lines, po)) lines[k] = v;
        await _links.SaveLinesAsync(order.Id, poId, lines, po.IsConfirmed, ct);
    }

    /// <summary>An exported order not in the open list: completed (let go), deleted (404: cancel the Odoo order), still open
    /// after all (written as any open one), or unreadable (reported, its binding and Odoo order kept).</summary>
    private async Task LeftAsync(Binding bound, Func<BuyOrder, CancellationToken, Task> write, CancellationToken ct)
    {
        var now = await _optiply.GetAsync(bound.SourceId, ct);
        if (now.Unreadable is { } unreadable) { Counter.Fail(UnreadableMessage(unreadable)); return; }
        if (now.Order is { Completed: true }) { await _links.ForgetAsync(bound.SourceId, ct); return; }
        if (now.Order is { } open) { await write(open, ct); return; }
        var poId = ExportLinks.PurchaseOrderId(bound);
        if ((await _odoo.ReadAsync([poId], ct)).FirstOrDefault() is { State: not "cancel" } po)
        {
            if (Refusal(po) is { } why)
                Report($"conflict: {why}", $"buy order {bound.SourceId}: deleted in Optiply, but Odoo purchase order {poId} {why}; it stays in Odoo");
            else
            {
                await _odoo.CancelAsync(poId, ct);
                Counter.Deleted++;
            }
        }
        await _links.ForgetAsync(bound.SourceId, ct);
    }

    /// <summary>Orphans: purchase orders carrying our mark that nothing binds (a run died after the create) and whose buy order
    /// is gone from Optiply (404), cancelled as for a deleted bound order. Orders whose buy order still exists are left to the
    /// create (open) or the pull (completed); an unreadable one is reported.</summary>
    private async Task CancelOrphansAsync(IReadOnlySet<string> open, CancellationToken ct)
    {
        var bound = _links.Orders.Select(ExportLinks.PurchaseOrderId).ToHashSet();
        foreach (var (poId, buyOrderId) in await _odoo.MarkedOpenAsync(ct))
        {
            if (_run.Stop.IsCancellationRequested) return;
            if (bound.Contains(poId) || _lookups.PulledOrders.Contains(poId) || open.Contains(buyOrderId) || _links.Order(buyOrderId) is not null) continue;
            var now = await _optiply.GetAsync(buyOrderId, ct);
            if (now.Unreadable is { } u) { Counter.Fail(UnreadableMessage(u)); continue; }
            if (!now.Gone) continue;
            if ((await _odoo.ReadAsync([poId], ct)).FirstOrDefault() is not { State: not "cancel" } po) continue;
            if (Refusal(po) is { } why)
            {
                Report($"conflict: {why}", $"buy order {buyOrderId}: deleted in Optiply, but its unbound Odoo purchase order {poId} {why}; it stays in Odoo");
                continue;
            }
            await _odoo.CancelAsync(poId, ct);
            Counter.Deleted++;
            Counter.Error($"buy order {buyOrderId}: deleted in Optiply; its unbound Odoo purchase order {poId} (an earlier run died before binding it) was cancelled");
        }
    }

    /// <summary>Exported RFQs confirmed since (by a user in Odoo) join the buyOrders stream's bindings.</summary>
    private async Task MirrorConfirmedAsync(CancellationToken ct)
    {
        var waiting = _links.Orders.Where(b => !_lookups.PulledOrders.Contains(ExportLinks.PurchaseOrderId(b))).ToList();
        if (waiting.Count == 0) return;
        var confirmed = (await _odoo.ConfirmedAsync(waiting.Select(ExportLinks.PurchaseOrderId).ToList(), ct)).ToHashSet();
        foreach (var b in waiting.Where(b => confirmed.Contains(ExportLinks.PurchaseOrderId(b))))
            await _links.SaveLinesAsync(b.SourceId, ExportLinks.PurchaseOrderId(b), _links.LinesOf(b.SourceId), confirmed: true, ct);
    }

    /// <summary>Why Odoo no longer lets the order change, or null while it does (an RFQ, or confirmed with nothing received).</summary>
    private static string? Refusal(PurchaseOrder po) =>
        po.State == "cancel" ? "is cancelled"
        : po.Locked ? "is locked (done)"
        : po.AnyReceived ? "has received goods"
        : po.IsDraft || po.State == "purchase" ? null
        : $"is in state {po.State}";

    private async Task<PurchaseOrder> ReadAsync(long id, CancellationToken ct) =>
        (await _odoo.ReadAsync([id], ct)).FirstOrDefault() ?? throw new InvalidOperationException($"Odoo purchase order {id} vanished");

    public static string UnreadableMessage(UnreadableBuyOrder u) =>
        $"buy order {u.Id}: cannot be read ({u.Reason}); not exported, not cancelled, its Odoo order left as it is";

    private void Report(string reason, string detail)
    {
        Counter.Skip(reason);
        Counter.Error(detail);
    }
}
