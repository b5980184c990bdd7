// Both emulators on loopback, the real clients over HTTP, a temp SQLite state file and a SyncRunner: what every
// end-to-end test of the engine starts from — a thin layer on TestWorld's World and WorldSession. Flags are set
// per test. With a postgresql:// URL the state lives in that PostgreSQL database instead (issue 14).
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;
using OdooOptiply.TestWorld;

namespace OdooOptiply.Sync.Tests.TestSupport;

internal sealed class SyncHarness : IAsyncDisposable
{
    private World _world = null!;
    private WorldSession _session = null!;

    public World World => _world;
    public WorldSession Session => _session;
    public OdooEmulator Odoo => _world.Odoo;
    public OptiplyEmulator Optiply => _world.Optiply;
    public IStateStore Store => _session.Store;
    public OdooClientSource Source => _session.Source;
    public TenantConfig Config { get => _world.Config; set => _world.Config = value; }

    /// <summary>The clock both the Odoo emulator (write_date) and the runner (signpost) read, when a test drives time.</summary>
    public TimeProvider Clock => _world.Clock;

    public static async Task<SyncHarness> StartAsync(int version = 18, string seed = "demo", Func<SyncFlags, SyncFlags>? flags = null,
        string protocol = "xmlrpc", TimeProvider? clock = null, TimeProvider? odooClock = null, string? postgresUrl = null)
    {
        var h = new SyncHarness();
        // odooClock: the Odoo server's own clock when it differs from ours (write_date, Date header).
        h._world = await World.StartAsync(new WorldOptions
        {
            Version = version, Seed = seed, Flags = flags, Protocol = protocol, Clock = clock, OdooClock = odooClock, StateUrl = postgresUrl,
            FolderPrefix = "sync-e2e-",
        });
        h._session = await h._world.ConnectAsync();
        return h;
    }

    public OptiplyClientTarget Target => _session.Target;

    /// <summary>The state file is lost (deleted, moved aside, another folder): a new, empty one takes its place.</summary>
    public Task LoseStateAsync() => _session.LoseStateAsync();

    public SyncRunner Runner(IOptiplyTarget? target = null) => _session.Runner(target);

    public Task<RunReport> SyncAsync(SyncOptions? options = null, IOptiplyTarget? target = null) => _session.SyncAsync(options, target);

    /// <summary>The id of the one Odoo record of <paramref name="model"/> matching a JSON domain.</summary>
    public long IdOf(string model, string domainJson) => Convert.ToInt64(Odoo.Data.Search(model, domainJson).First()["id"]);

    public long ProductId(string code) => IdOf("product.product", $"[[\"default_code\",\"=\",\"{code}\"]]");

    /// <summary>Optiply rows of a type whose remoteIdMap holds <paramref name="remoteId"/>.</summary>
    public JsonObject? ByRemoteId(string type, string remoteId) =>
        Optiply.Store.All(type).FirstOrDefault(r => r.RemoteId(Optiply.CouplingId) == remoteId)?.Attributes;

    public long? ByRemoteIdOrNull(string type, string remoteId) =>
        Optiply.Store.All(type).FirstOrDefault(r => r.RemoteId(Optiply.CouplingId) == remoteId)?.Id;

    public int Count(string type) => Optiply.Store.All(type).Count;

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}

internal static class ReportExtensions
{
    public static StreamReport Of(this RunReport run, string stream) => run.Streams.Single(s => s.Stream == stream);

    public static string Describe(this RunReport run) => string.Join("\n", run.Streams.Select(s =>
        $"{s.Stream}: {s.Status} read={s.Read} created={s.Created} updated={s.Updated} deleted={s.Deleted} unchanged={s.Unchanged} skipped={s.Skipped} failed={s.Failed} " +
        string.Join("; ", s.SkipReasons.Select(kv => $"{kv.Key}×{kv.Value}")) + " " + string.Join(" | ", s.Errors)));
}
