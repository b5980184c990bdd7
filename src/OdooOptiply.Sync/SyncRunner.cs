// One run for one tenant: every enabled stream in dependency order. A failing stream stops only the
// streams that need it. A full reconciliation (every stream read in full) happens when --full is asked
// or when the last one is older than schedule.reconcile_hours. --dry-run writes nothing anywhere.
using System.Globalization;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Sync;

/// <param name="Streams">run only these (their dependencies' bindings are still used); null = all</param>
/// <param name="Adopt">adopt what Optiply holds in every binding space (sync --adopt), not only in those never adopted</param>
/// <param name="Reading">progress within each stream as it reads (the CLI's progress line); a full read is counted first then</param>
/// <param name="Pushed">asked for by Odoo webhooks (PushRequest): never the due reconciliation, which the next poll makes</param>
/// <param name="AllowMassDeletions">send the deletions the guard (deletion_guard) would hold, this run only (sync --allow-mass-deletions)</param>
public sealed record SyncOptions(IReadOnlySet<string>? Streams = null, bool Full = false, bool DryRun = false, bool Adopt = false,
    IProgress<StreamProgress>? Reading = null, bool Pushed = false, bool AllowMassDeletions = false);

public sealed class SyncRunner(TenantConfig config, IOdooSource odoo, IOptiplyTarget target, IStateStore store, TimeProvider? time = null)
{
    public const string LastReconciliationKey = "last_full_reconciliation";
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    /// <summary>Each stream's log lines (the clients' calls included) are scoped with the stream's name.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <param name="stop">ends the run at the next page boundary, state saved (graceful shutdown, lost lease); <paramref name="ct"/> aborts calls</param>
    public async Task<RunReport> RunAsync(SyncOptions options, IProgress<StreamReport>? progress = null, CancellationToken ct = default,
        CancellationToken stop = default)
    {
        var signpost = _time.GetUtcNow().UtcDateTime;
        var reconcile = options.Full || (!options.Pushed && await ReconciliationDueAsync(signpost, ct));
        var definitions = StreamCatalog.For(config.Flags);
        var targets = new TargetIds();
        // Bookmarks are taken from the server's clock (the Date of a fresh answer), never from ours (issue 10.10): a local
        // clock ahead would skip what Odoo writes meanwhile, one behind Odoo's would re-read forever. Only a server that
        // sends no Date (or cannot be asked) leaves the local clock.
        var serverSignpost = await ServerSignpostAsync(ct) ?? signpost;
        var ctx = new StreamContext(config, odoo, targets, serverSignpost, store, options.DryRun) { Stop = stop, Adopt = options.Adopt, Reconcile = reconcile, Reading = options.Reading,
            AllowMassDeletions = options.AllowMassDeletions };
        var dry = options.DryRun ? new DryRunTarget(reads: target) : null;
        var runner = new StreamRunner(store, dry ?? target, _time, options.DryRun);
        // Every binding space is known up front, so a stream run alone still finds its dependencies' ids.
        foreach (var space in definitions.SelectMany(d => d.Lines is null ? [d.Name] : new[] { d.Name, d.Lines.Space }))
            targets.Register(Binder.Open(store, space, _time, options.DryRun));
        // The export's unfinished line writes (see Spaces.BuyOrderLineWrites): read only, the buyOrders stream skips their unbound lines.
        targets.Register(Binder.Open(store, Spaces.BuyOrderLineWrites, _time, dryRun: true));

        var reports = new List<StreamReport>();
        var broken = new HashSet<string>(StringComparer.Ordinal);
        // Streams that could not write every record, and the streams depending on them: their dependents keep their
        // bookmarks this run, so what they mapped without the missing records is read again once those exist.
        var owing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var def in definitions.Where(d => options.Streams is null || options.Streams.Contains(d.Name)))
        {
            ct.ThrowIfCancellationRequested();
            if (stop.IsCancellationRequested)
            {
                var notRun = StreamReport.NotRun(def.Name, "not run: the run was stopped (shutting down, or the tenant's lease was lost)");
                reports.Add(notRun);
                progress?.Report(notRun);
                continue;
            }
            if (ctx.FatalReason is { } fatal)
            {
                var stopped = StreamReport.NotRun(def.Name, $"not run: {fatal}");
                reports.Add(stopped);
                progress?.Report(stopped);
                continue;
            }
            var hold = def.DependsOn.Any(owing.Contains);
            IReadOnlyList<StreamReport> report;
            using (Logger?.BeginScope(new Dictionary<string, object> { ["stream"] = def.Name }))
                report = await RunOneAsync(def, ctx, runner, reconcile, broken, hold, ct);
            if (hold || report.Any(r => r.Failed > 0)) owing.Add(def.Name);
            foreach (var r in report)
            {
                reports.Add(r);
                progress?.Report(r);
            }
            if (report[0].Status is StreamStatus.Failed or StreamStatus.NotRun) broken.Add(def.Name);
        }
        var run = new RunReport(config.Name, signpost, _time.GetUtcNow().UtcDateTime, options.DryRun, reports);
        if (dry is not null) return run with { Plan = dry.Planned };
        if (reconcile && options.Streams is null && run.Succeeded)
            await store.SetValueAsync(LastReconciliationKey, signpost.ToString("O", CultureInfo.InvariantCulture), ct);
        return await store.SaveAsync(run, ct);
    }

    private static async Task<IReadOnlyList<StreamReport>> RunOneAsync(StreamDefinition def, StreamContext ctx, StreamRunner runner, bool full,
        HashSet<string> broken, bool holdBookmark, CancellationToken ct)
    {
        if (!def.Enabled(ctx)) return [StreamReport.Disabled(def.Name, def.DisabledReason)];
        var missing = def.DependsOn.FirstOrDefault(broken.Contains);
        if (missing is not null) return [StreamReport.NotRun(def.Name, $"not run: {missing} failed")];
        try
        {
            if (def.Prepare is not null) await def.Prepare(ctx, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (RunFailures.FatalReason(e) is { } fatal) ctx.FatalReason ??= fatal;
            return [StreamReport.NotRun(def.Name, $"preparing failed: {e.GetType().Name}: {e.Message}") with { Status = StreamStatus.Failed }];
        }
        return await runner.RunAsync(def, ctx, full, ct, holdBookmark);
    }

    private async Task<DateTime?> ServerSignpostAsync(CancellationToken ct)
    {
        try { return await odoo.ServerTimeAsync(ct); }
        catch (OdooOptiply.Odoo.OdooException) { return null; } // the streams' own reads report what is wrong with the server
    }

    private async Task<bool> ReconciliationDueAsync(DateTime now, CancellationToken ct)
    {
        var last = await store.GetValueAsync(LastReconciliationKey, ct);
        if (last is null || !DateTime.TryParse(last, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)) return true;
        // A last reconciliation in the future (stamped while the local clock was ahead) is not believed: reconcile now.
        var since = now - at.ToUniversalTime();
        return since < TimeSpan.Zero || since >= TimeSpan.FromHours(config.Run.ReconcileHours);
    }
}
