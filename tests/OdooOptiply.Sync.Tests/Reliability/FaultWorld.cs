// One tenant's world for the fault-tolerance suite: both emulators on loopback (faults switchable at run
// time), real clients with quick back-off and a 1 s timeout (so "slower than the timeout" is cheap), a
// SQLite state file (a TestWorld World and session), and the scenario every run replays: full sync → Odoo changes →
// incremental sync → buy orders made in Optiply → export → pull. Snapshot() reduces both systems to comparable text.
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;
using OdooOptiply.TestWorld;

namespace OdooOptiply.Sync.Tests.Reliability;

internal sealed class FaultWorld : IAsyncDisposable
{
    private World _world = null!;
    private WorldSession _session = null!;
    public OdooEmulator Odoo => _world.Odoo;
    public OptiplyEmulator Optiply => _world.Optiply;
    public OdooClient OdooClient => _session.OdooClient;
    public OptiplyClient OptiplyClient => _session.OptiplyClient;
    public OdooClientSource Source => _session.Source;
    public IStateStore Store => _session.Store;
    public TenantConfig Config => _world.Config;
    public string StatePath => _world.StatePath;

    /// <summary>Both emulators stamp dates from this clock, so two worlds stamp the same dates; moved only between runs.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Runs that failed and were simply run again (what the scheduler does), per step.</summary>
    public List<string> Reruns { get; } = [];

    /// <summary>About 10% of requests: 429 with Retry-After, 502/503/504, resets, answers slower than the timeout, cut-off bodies, HTML pages.</summary>
    public static FaultOptions TenPercent(int seed) => new()
    {
        Seed = seed, TooManyRequests = 0.02, BadGateway = 0.03, ResetConnection = 0.02, Slow = 0.01, Truncate = 0.01, HtmlPage = 0.01,
        SlowDelay = TimeSpan.FromMilliseconds(1500), RetryAfterSeconds = 1,
    };

    public static async Task<FaultWorld> StartAsync()
    {
        var w = new FaultWorld();
        w._world = await World.StartAsync(new WorldOptions
        {
            Tenant = "faults", Protocol = "jsonrpc", Clock = w.Clock, OptiplyClock = w.Clock, OptiplyRequestsPerSecond = 0,
            Optiply = new OptiplyEmulatorOptions(), FolderPrefix = "faults-",
        });
        w._session = await w._world.ConnectAsync(new SessionOptions(
            Odoo: o => o with
            {
                Timeout = TimeSpan.FromSeconds(1), BackoffBase = TimeSpan.FromMilliseconds(5), BackoffFactor = 1, MaxRetries = 8, MaxTotalWait = TimeSpan.FromSeconds(30),
            },
            Optiply: o => o with
            {
                RequestsPerSecond = 0, Timeout = TimeSpan.FromSeconds(1), MaxRetries = 8,
                RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            }));
        return w;
    }

    public void SetFaults(FaultOptions? faults) => _world.SetFaults(faults);

    public int FaultsInjected => _world.FaultsInjected;

    // Runs read the clock the emulators stamp dates with, so signposts and write dates agree. The clock moves only
    // between scenario steps, never per re-run, so a world that needed re-runs stamps the same dates as a clean one.
    public Task<RunReport> SyncOnceAsync() => new SyncRunner(Config, Source, new OptiplyClientTarget(OptiplyClient), Store, Clock).RunAsync(new SyncOptions());

    public Task<RunReport> ExportOnceAsync() => new ExportRunner(Config, OdooClient, OptiplyClient, Store, Clock).RunAsync();

    /// <summary>Runs a step until it succeeds, as the scheduler would, at most <paramref name="tries"/> times.</summary>
    public async Task<RunReport> UntilSucceededAsync(string step, Func<Task<RunReport>> run, int tries = 6)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 1; ; i++)
        {
            RunReport report;
            try { report = await run(); }
            catch (Exception e) when (e is OdooException or OptiplyException && i < tries) { Reruns.Add($"{step}: {e.Message}"); continue; }
            // A record that could not be written leaves the stream Ok but is owed: the next scheduled run picks it up.
            if ((report.Succeeded && report.Streams.All(s => s.Failed == 0)) || i == tries) return report;
            Reruns.Add($"{step}: " + string.Join("; ", report.Streams.SelectMany(s => s.Errors).Take(2)));
        }
    }

    /// <summary>The scenario every world replays, in the same order.</summary>
    /// <param name="loseState">the state file is deleted after the full sync: the rest runs from an empty state (adoption)</param>
    public async Task<IReadOnlyList<RunReport>> ScenarioAsync(bool export = true, bool loseState = false)
    {
        var reports = new List<RunReport> { await UntilSucceededAsync("full sync", SyncOnceAsync) };
        if (loseState) await LoseStateAsync();
        ChangeOdoo();
        reports.Add(await UntilSucceededAsync("incremental sync", SyncOnceAsync));
        if (!export) return reports;
        SeedBuyOrders();
        reports.Add(await UntilSucceededAsync("export", ExportOnceAsync));
        reports.Add(await UntilSucceededAsync("pull after export", SyncOnceAsync));
        return reports;
    }

    /// <summary>The Odoo changes the scenario makes between the full and the incremental sync.</summary>
    public void ChangeOdooForIncremental() => ChangeOdoo();

    private void ChangeOdoo()
    {
        Clock.Advance(TimeSpan.FromMinutes(5));
        ScenarioSteps.ChangeOdoo(Odoo);
    }

    private void SeedBuyOrders()
    {
        Clock.Advance(TimeSpan.FromMinutes(5));
        ScenarioSteps.SeedBuyOrders(Optiply);
    }

    public WorldSnapshot Snapshot() => WorldSnapshot.Of(Odoo, Optiply);

    /// <summary>The state file is lost: deleted, and a new empty one opened in its place.</summary>
    public Task LoseStateAsync() => _session.LoseStateAsync();

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
