// Everything one tenant's run needs, opened from its config: both clients, the engine's two ports over
// them, and the state store. The CLI's sync, status, doctor and demo commands share it.
using Microsoft.Extensions.Logging;
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync;

public sealed class TenantSession : IAsyncDisposable
{
    private TenantSession(TenantConfig config, OdooClient odoo, OptiplyClient optiply, IStateStore store, TimeProvider time)
        => (Config, OdooClient, OptiplyClient, Store, Time) = (config, odoo, optiply, store, time);

    public TenantConfig Config { get; }
    public OdooClient OdooClient { get; }
    public OptiplyClient OptiplyClient { get; }
    public IStateStore Store { get; }
    public TimeProvider Time { get; }

    /// <summary>Opens the state store and creates both clients; connects to nothing yet.</summary>
    /// <param name="quick">one retry at most and short timeouts: for checks a person waits for (doctor)</param>
    public static async Task<TenantSession> OpenAsync(TenantConfig config, ILoggerFactory? loggers = null, TimeProvider? time = null,
        string? tracePath = null, bool quick = false, CancellationToken ct = default)
    {
        var store = await StateStores.OpenAsync(config, ct);
        var odooOptions = config.ToOdooOptions(tracePath is null ? null : tracePath + ".odoo");
        var optiplyOptions = config.ToOptiplyOptions(tracePath is null ? null : tracePath + ".optiply");
        if (quick)
        {
            odooOptions = odooOptions with { MaxRetries = 1, Timeout = TimeSpan.FromSeconds(30) };
            optiplyOptions = optiplyOptions with { MaxRetries = 1, Timeout = TimeSpan.FromSeconds(30) };
        }
        var odoo = new OdooClient(odooOptions, loggers, time);
        var optiply = new OptiplyClient(optiplyOptions, loggers, time);
        return new TenantSession(config, odoo, optiply, store, time ?? TimeProvider.System);
    }

    /// <summary>Connects to Odoo (version, login) and runs the engine.</summary>
    public async Task<RunReport> SyncAsync(SyncOptions options, IProgress<StreamReport>? progress = null, CancellationToken ct = default,
        CancellationToken stop = default)
    {
        var started = Time.GetUtcNow().UtcDateTime;
        OdooClientSource source;
        try
        {
            await RunStart.ProbeOdooAsync(Config, Time, ct);
            source = await OdooClientSource.ConnectAsync(OdooClient, ct);
            // One token request proves Optiply's credentials before anything is read: a wrong password fails the run here.
            if (!options.DryRun) await OptiplyClient.ConnectAsync(ct);
        }
        catch (Exception e) when (e is OdooException or OptiplyException && !ct.IsCancellationRequested)
        {
            // A run that could not start is still a run: its reason goes to the report, `status` and the daemon's log line.
            var failed = new RunReport(Config.Name, started, Time.GetUtcNow().UtcDateTime, options.DryRun,
                [StreamReport.NotRun(RunStart.Stream, e.Message) with { Status = StreamStatus.Failed }]);
            return options.DryRun ? failed : failed with { Id = await Store.SaveRunAsync(failed, CancellationToken.None) };
        }
        var runner = new SyncRunner(Config, source, new OptiplyClientTarget(OptiplyClient), Store, Time);
        return await runner.RunAsync(options, progress, ct, stop);
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
