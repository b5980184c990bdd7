// What the export does with ONE buy order: create it in Odoo exactly once, apply its later changes, or
// cancel it when it was deleted in Optiply. Exactly once: before creating, Odoo is searched for an order
// carrying the buy order's mark (origin); after a create whose answer was lost, it is searched again. Every
// later step (confirm, remoteId, bindings) is idempotent and re-done by the next run if the process dies.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Export;

internal sealed class OrderExport(SyncFlags flags, OdooPurchaseOrders odoo, OptiplyBuyOrders optiply, ExportLookups lookups, ExportLinks links,
    StreamCounter counter, Func<CancellationToken, Task<bool>>? fence = null)
{
    public OdooPurchaseOrders Odoo => odoo;
    public OptiplyBuyOrders Optiply => optiply;
    public ExportLookups Lookups => lookups;
    public ExportLinks Links => links;

    /// <summary>A buy order with no export binding: create it (or adopt the order an earlier run created).</summary>
    public async Task CreateAsync(BuyOrder header, long? existing, CancellationToken ct)
    {
        if (header.Assembly) { counter.Skip("assembly order (not a purchase)"); return; }
        if (existing is null && header.RemoteId is not null) { counter.Skip("has a remote id but no Odoo order carries its mark"); return; }
        counter.Read++;
        var order = await optiply.WithLinesAsync(header, ct);
        var resolved = await lookups.ResolveAsync(order, odoo, flags, ct);
        if (resolved.PartnerId is null) { Report("supplier has no Odoo partner", $"buy order {order.Id}: Optiply supplier {order.SupplierId} has no Odoo partner (not bound by the suppliers stream)"); return; }
        if (resolved.Problem is not null) { Report(resolved.Problem, resolved.Detail!); return; }
        if (order.Lines.Count == 0) { counter.Skip("buy order has no lines"); return; }

        var poId = existing ?? await CreateOnceAsync(order, resolved, ct);
        if (existing is not null) counter.Skip("already in Odoo (earlier run), bound now");
        var po = await ReadAsync(poId, ct);
        if (!flags.ExportBuyOrdersAsDraft && po.IsDraft)
        {
            await odoo.ConfirmAsync(poId, ct);
            await PausePoints.AtAsync(PausePoints.AfterConfirm, ct);
            po = await ReadAsync(poId, ct);
        }
        var hash = PurchaseOrderMapper.LinesHash(order.Lines);
        if (existing is not null)
        {
            // An order an earlier run created may hold older lines (the buy order was edited since): bring them in line, as an
            // edit would, before the hash says they are applied; else the next pull writes Odoo's old lines back over the edit.
            var plan = LinePlanner.Plan(order, resolved.Lines, new Dictionary<string, long>(), po, flags, await odoo.UnitFieldAsync(ct));
            if (plan.Commands.Count > 0)
            {
                if (Refusal(po) is { } why)
                {
                    Report($"conflict: {why}", $"buy order {order.Id}: changed in Optiply, but Odoo purchase order {poId} {why}; the change was not applied");
                    hash = ""; // bound, but not applied: every run reports it until the two sides agree
                }
                else
                {
                    if (plan.AddsLines) await links.BeginLineWriteAsync(order.Id, poId, ct);
                    await odoo.WriteLinesAsync(poId, plan.Commands, ct);
                    counter.Updated++;
                    po = await ReadAsync(poId, ct);
                }
            }
        }
        await optiply.SetRemoteIdAsync(order.Id, poId, ct);
        await PausePoints.AtAsync(PausePoints.AfterRemoteId, ct);
        var lines = LinePlanner.Adopt(resolved.Lines, new Dictionary<string, long>(), po);
        await links.SaveAsync(order.Id, poId, hash, lines, po.IsConfirmed, ct);
        await PausePoints.AtAsync(PausePoints.AfterBind, ct);
    }

    private async Task<long> CreateOnceAsync(BuyOrder order, Resolution resolved, CancellationToken ct)
    {
        var company = flags.EffectiveBuyordersCompanyIds is { Count: > 0 } c ? c[0] : (long?)null;
        var values = PurchaseOrderMapper.Create(order, resolved.PartnerId!.Value, resolved.Lines, flags, await odoo.UnitFieldAsync(ct), company);
        await PausePoints.AtAsync(PausePoints.BeforeCreate, ct);
        // A process frozen since the run's search (SIGSTOP, a stalled VM) may find another run created the order meanwhile:
        // search again (cheap), then check the lease last, right before the create.
        if ((await odoo.FindExportedAsync([order.Id], ct)).TryGetValue(order.Id, out var already))
        {
            counter.Skip("already in Odoo (found right before the create), bound now");
            return already;
        }
        if (fence is not null && !await fence(ct))
            throw new OperationCanceledException($"the tenant's lease was lost (this process stalled past its TTL): buy order {order.Id} not created");
        long id;
        try { id = await odoo.CreateAsync(values, ct); }
        catch (OdooException e) when (e.Outcome == OdooOutcome.Retriable)
        {
            // The answer was lost: the order may exist. Look, never create twice.
            var found = await odoo.FindExportedAsync([order.Id], ct);
            if (!found.TryGetValue(order.Id, out id)) throw;
        }
        counter.Created++;
        await PausePoints.AtAsync(PausePoints.AfterCreate, ct);
        return id;
    }

    /// <summary>An exported order still open in Optiply: apply line changes made in Optiply while Odoo allows it.</summary>
    public async Task UpdateAsync(BuyOrder header, Binding bound, CancellationToken ct)
    {
        counter.Read++;
        var order = await optiply.WithLinesAsync(header, ct);
        var hash = PurchaseOrderMapper.LinesHash(order.Lines);
        var poId = ExportLinks.PurchaseOrderId(bound);
        // A line write left unbound by a run that died must be finished (adopted and bound) even if the lines look unchanged.
        if (hash == bound.Hash && !links.IsWriting(order.Id)) { counter.Unchanged++; return; }
        var resolved = await lookups.ResolveAsync(order, odoo, flags, ct);
        if (resolved.Problem is not null) { Report(resolved.Problem, resolved.Detail!); return; }
        if ((await odoo.ReadAsync([poId], ct)).FirstOrDefault() is not { } po)
        {
            Report("conflict: Odoo order deleted", $"buy order {order.Id}: changed in Optiply, but Odoo purchase order {poId} no longer exists");
            return;
        }
        var plan = LinePlanner.Plan(order, resolved.Lines, links.LinesOf(order.Id), po, flags, await odoo.UnitFieldAsync(ct));
        if (plan.Commands.Count > 0)
        {
            if (Refusal(po) is { } why) { Report($"conflict: {why}", $"buy order {order.Id}: changed in Optiply, but Odoo purchase order {poId} {why}; the change was not applied"); return; }
            if (plan.AddsLines) await links.BeginLineWriteAsync(order.Id, poId, ct);
            await odoo.WriteLinesAsync(poId, plan.Commands, ct);
            await PausePoints.AtAsync(PausePoints.AfterLineWrite, ct);
            counter.Updated++;
            po = await ReadAsync(poId, ct);
        }
        else counter.Unchanged++;
        var lines = new Dictionary<string, long>(links.LinesOf(order.Id), StringComparer.Ordinal);
        foreach (var gone in plan.Removed) lines.Remove(gone);
        foreach (var (k, v) in plan.Adopted) lines[k] = v;
        foreach (var (k, v) in LinePlanner.Adopt(resolved.Lines, lines, po)) lines[k] = v;
        await links.SaveAsync(order.Id, poId, hash, lines, po.IsConfirmed, ct);
    }

    /// <summary>An exported order not in the open list: completed (let go), deleted (404: cancel the Odoo order), still open
    /// after all (updated, its binding kept), or unreadable (reported, its binding and Odoo order kept).</summary>
    public async Task ClosedAsync(Binding bound, CancellationToken ct)
    {
        var now = await optiply.GetAsync(bound.SourceId, ct);
        if (now.Unreadable is { } unreadable) { counter.Fail(UnreadableMessage(unreadable)); return; }
        if (now.Order is { Completed: true }) { await links.ForgetAsync(bound.SourceId, ct); return; }
        if (now.Order is { } open) { await UpdateAsync(open, bound, ct); return; }
        var poId = ExportLinks.PurchaseOrderId(bound);
        if ((await odoo.ReadAsync([poId], ct)).FirstOrDefault() is { State: not "cancel" } po)
        {
            if (Refusal(po) is { } why)
                Report($"conflict: {why}", $"buy order {bound.SourceId}: deleted in Optiply, but Odoo purchase order {poId} {why}; it stays in Odoo");
            else
            {
                await odoo.CancelAsync(poId, ct);
                counter.Deleted++;
            }
        }
        await links.ForgetAsync(bound.SourceId, ct);
    }

    /// <summary>Orphans: purchase orders carrying our mark that nothing binds (a run died after the create) and whose buy order
    /// is gone from Optiply (404), cancelled as for a deleted bound order. Orders whose buy order still exists are left to the
    /// create (open) or the pull (completed); an unreadable one is reported.</summary>
    public async Task CancelOrphansAsync(IReadOnlySet<string> open, CancellationToken ct)
    {
        var bound = links.Orders.Select(ExportLinks.PurchaseOrderId).ToHashSet();
        foreach (var (poId, buyOrderId) in await odoo.MarkedOpenAsync(ct))
        {
            if (bound.Contains(poId) || lookups.PulledOrders.Contains(poId) || open.Contains(buyOrderId) || links.Order(buyOrderId) is not null) continue;
            var now = await optiply.GetAsync(buyOrderId, ct);
            if (now.Unreadable is { } u) { counter.Fail(UnreadableMessage(u)); continue; }
            if (!now.Gone) continue;
            if ((await odoo.ReadAsync([poId], ct)).FirstOrDefault() is not { State: not "cancel" } po) continue;
            if (Refusal(po) is { } why)
            {
                Report($"conflict: {why}", $"buy order {buyOrderId}: deleted in Optiply, but its unbound Odoo purchase order {poId} {why}; it stays in Odoo");
                continue;
            }
            await odoo.CancelAsync(poId, ct);
            counter.Deleted++;
            counter.Error($"buy order {buyOrderId}: deleted in Optiply; its unbound Odoo purchase order {poId} (an earlier run died before binding it) was cancelled");
        }
    }

    /// <summary>Exported RFQs confirmed since (by a user in Odoo) join the buyOrders stream's bindings.</summary>
    public async Task MirrorConfirmedAsync(CancellationToken ct)
    {
        var waiting = links.Orders.Where(b => !lookups.PulledOrders.Contains(ExportLinks.PurchaseOrderId(b))).ToList();
        if (waiting.Count == 0) return;
        var confirmed = (await odoo.ConfirmedAsync(waiting.Select(ExportLinks.PurchaseOrderId).ToList(), ct)).ToHashSet();
        foreach (var b in waiting.Where(b => confirmed.Contains(ExportLinks.PurchaseOrderId(b))))
            await links.SaveAsync(b.SourceId, ExportLinks.PurchaseOrderId(b), b.Hash, links.LinesOf(b.SourceId), confirmed: true, ct);
    }

    /// <summary>Why Odoo no longer lets the order change, or null while it does (an RFQ, or confirmed with nothing received).</summary>
    private static string? Refusal(PurchaseOrder po) =>
        po.State == "cancel" ? "is cancelled"
        : po.Locked ? "is locked (done)"
        : po.AnyReceived ? "has received goods"
        : po.IsDraft || po.State == "purchase" ? null
        : $"is in state {po.State}";

    private async Task<PurchaseOrder> ReadAsync(long id, CancellationToken ct) =>
        (await odoo.ReadAsync([id], ct)).FirstOrDefault() ?? throw new InvalidOperationException($"Odoo purchase order {id} vanished");

    public static string UnreadableMessage(UnreadableBuyOrder u) =>
        $"buy order {u.Id}: cannot be read ({u.Reason}); not exported, not cancelled, its Odoo order left as it is";

    private void Report(string reason, string detail)
    {
        counter.Skip(reason);
        counter.Error(detail);
    }
}
