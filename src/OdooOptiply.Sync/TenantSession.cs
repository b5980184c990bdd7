// Everything one tenant's run needs, opened from its config: both clients, the engine's two ports over
// them, and the state store; a run in either direction starts here (SyncAsync, ExportAsync). The CLI's commands,
// the daemon and the demo share it.
using Microsoft.Extensions.Logging;
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync;

public sealed class TenantSession : IAsyncDisposable
{
    private readonly HttpMessageHandler? _odooHandler;

    private TenantSession(TenantConfig config, OdooClient odoo, OptiplyClient optiply, IStateStore store, TimeProvider time, ILoggerFactory? loggers,
        HttpMessageHandler? odooHandler)
        => (Config, OdooClient, OptiplyClient, Store, Time, Logger, _odooHandler) = (config, odoo, optiply, store, time, loggers?.CreateLogger("OdooOptiply.Sync"), odooHandler);

    public TenantConfig Config { get; }
    public OdooClient OdooClient { get; }
    public OptiplyClient OptiplyClient { get; }
    public IStateStore Store { get; }
    public TimeProvider Time { get; }
    /// <summary>The engine's logger; its scopes (tenant, run, stream) wrap every line the clients log during a run.</summary>
    public ILogger? Logger { get; }

    /// <summary>The scope of one run's log lines: the tenant and the run (its start, UTC; the run's id is known when it is saved).</summary>
    public IDisposable? RunScope(string activity) => Logger?.BeginScope(new Dictionary<string, object>
    {
        ["tenant"] = Config.Name, ["run"] = $"{activity} {Time.GetUtcNow().UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}",
    });

    /// <summary>Until disposed, every request of both clients names this run (header X-Odoo-Optiply-Run: tenant/job/epoch, the
    /// tenant URL-escaped): the lease epoch is unique per run, so the servers' logs, the runs table and the emulators' traffic meet.</summary>
    /// <param name="gate">asked before every request (TenantLease.SurelyHeld): a process frozen past its lease sends nothing more</param>
    public IDisposable LabelRequests(string job, long epoch, Func<bool>? gate = null)
    {
        var label = $"{Uri.EscapeDataString(Config.Name)}/{job}/{epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        OdooClient.RunLabel = OptiplyClient.RunLabel = label;
        OdooClient.RequestGate = OptiplyClient.RequestGate = gate;
        return new Unlabel(this, label);
    }

    private sealed class Unlabel(TenantSession session, string label) : IDisposable
    {
        public void Dispose()
        {
            if (session.OdooClient.RunLabel == label) (session.OdooClient.RunLabel, session.OdooClient.RequestGate) = (null, null);
            if (session.OptiplyClient.RunLabel == label) (session.OptiplyClient.RunLabel, session.OptiplyClient.RequestGate) = (null, null);
        }
    }

    /// <summary>Opens the state store and creates both clients; connects to nothing yet.</summary>
    /// <param name="quick">one retry at most and short timeouts: for checks a person waits for (doctor)</param>
    /// <param name="odooHandler">a handler shared with other tenants on the same Odoo host (the daemon's per-host connection cap), not
    /// disposed by the session; null: the Odoo client has its own</param>
    public static async Task<TenantSession> OpenAsync(TenantConfig config, ILoggerFactory? loggers = null, TimeProvider? time = null,
        string? tracePath = null, bool quick = false, CancellationToken ct = default, HttpMessageHandler? odooHandler = null)
    {
        var store = await StateStores.OpenAsync(config, ct);
        var odooOptions = config.ToOdooOptions(tracePath is null ? null : tracePath + ".odoo");
        var optiplyOptions = config.ToOptiplyOptions(tracePath is null ? null : tracePath + ".optiply");
        if (quick)
        {
            odooOptions = odooOptions with { MaxRetries = 1, Timeout = TimeSpan.FromSeconds(30) };
            optiplyOptions = optiplyOptions with { MaxRetries = 1, Timeout = TimeSpan.FromSeconds(30) };
        }
        var odoo = new OdooClient(odooOptions, loggers, time, odooHandler);
        var optiply = new OptiplyClient(optiplyOptions, loggers, time);
        return new TenantSession(config, odoo, optiply, store, time ?? TimeProvider.System, loggers, odooHandler);
    }

    /// <summary>Connects to Odoo (version, login) and runs the engine.</summary>
    public async Task<RunReport> SyncAsync(SyncOptions options, IProgress<StreamReport>? progress = null, CancellationToken ct = default,
        CancellationToken stop = default)
    {
        var started = Time.GetUtcNow().UtcDateTime;
        // A pull asked for by Odoo webhooks runs the streams their models affect (and what those depend on), not the whole pull.
        if (options.Streams is null && !options.Full && Push.PushRequest.CurrentStreams(Config.Flags) is { } pushed)
            options = options with { Streams = pushed, Pushed = true };
        using var scope = RunScope(options.DryRun ? "dry-run" : "sync");
        OdooClientSource source;
        try
        {
            await RunStart.ProbeOdooAsync(Config, Time, ct, OdooClient.RunLabel, _odooHandler);
            source = await OdooClientSource.ConnectAsync(OdooClient, ct, Config.Odoo.MaxConnections);
            // One token request proves Optiply's credentials before anything is read: a wrong password fails the run here.
            if (!options.DryRun) await OptiplyClient.ConnectAsync(ct);
        }
        catch (Exception e) when (e is OdooException or OptiplyException && !ct.IsCancellationRequested)
        {
            // A run that could not start is still a run: its reason goes to the report, `status` and the daemon's log line.
            var failed = new RunReport(Config.Name, started, Time.GetUtcNow().UtcDateTime, options.DryRun,
                [StreamReport.NotRun(RunStart.Stream, e.Message) with { Status = StreamStatus.Failed }]);
            return options.DryRun ? failed : await Store.SaveAsync(failed, CancellationToken.None);
        }
        // Field names from an earlier session (not on --full: the reconciliation asks Odoo again); see FieldsCache.
        var serverVersion = (await OdooClient.VersionAsync(ct)).ServerVersion;
        var (primed, primedAt) = options.Full
            ? (new HashSet<string>(), started)
            : await FieldsCache.LoadAsync(Store, OdooClient, serverVersion, started, TimeSpan.FromHours(Config.Run.ReconcileHours), ct);
        var runner = new SyncRunner(Config, source, new OptiplyClientTarget(OptiplyClient), Store, Time) { Logger = Logger };
        var report = await runner.RunAsync(options, progress, ct, stop);
        Logger?.LogInformation("run {Run} {Outcome}: {Writes} writes in {Seconds:0.0} s{Reason}", report.Id, report.Succeeded ? "done" : "failed", report.Writes,
            report.Duration.TotalSeconds, report.Reason is { } r ? ": " + r : "");
        if (!options.DryRun) await FieldsCache.SaveAsync(Store, OdooClient, serverVersion, primed, primed.Count == 0 ? started : primedAt, CancellationToken.None);
        return report;
    }

    /// <summary>Runs the export (Optiply → Odoo, every flow of ExportCatalog) through the engine's ports over both clients.</summary>
    /// <param name="fence">asked right before every create in Odoo (the lease: TenantLease.StillHeldAsync)</param>
    /// <param name="stop">ends the run at the next record boundary (graceful shutdown, lost lease); <paramref name="ct"/> aborts calls</param>
    public async Task<RunReport> ExportAsync(Func<CancellationToken, Task<bool>>? fence = null, CancellationToken ct = default, CancellationToken stop = default)
    {
        using var scope = RunScope("export"); // the export's log lines carry tenant and run, as the pull's do
        var runner = new Export.ExportRunner(Config, new OdooClientTarget(OdooClient), new OptiplyClientSource(OptiplyClient), new OptiplyClientTarget(OptiplyClient),
            Store, Time) { Fence = fence };
        var report = await runner.RunAsync(ct, stop);
        Logger?.LogInformation("run {Run} {Outcome}: {Writes} writes in {Seconds:0.0} s{Reason}", report.Id, report.Succeeded ? "done" : "failed", report.Writes,
            report.Duration.TotalSeconds, report.Reason is { } r ? ": " + r : "");
        return report;
    }

    /// <summary>Takes the tenant's run lease (pull and export exclusive across processes) or throws <see cref="TenantBusyException"/>.</summary>
    public Task<TenantLease> LeaseAsync(string activity, CancellationToken ct = default) => TenantLease.AcquireAsync(Store, activity, Time, ct);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await OdooClient.DisposeAsync();
        await OptiplyClient.DisposeAsync();
    }
}
