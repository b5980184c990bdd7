// Both emulators on loopback, the real clients over HTTP, a temp SQLite state file and a SyncRunner:
// what every end-to-end test of the engine starts from. Flags are set per test. With a postgresql:// URL
// the state lives in that PostgreSQL database instead (the same tests on the other store, issue 14).
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.TestSupport;

internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sync-e2e-").FullName;
    private OdooClient _odooClient = null!;
    private OptiplyClient _optiplyClient = null!;

    public OdooEmulator Odoo { get; private set; } = null!;
    public OptiplyEmulator Optiply { get; private set; } = null!;
    public IStateStore Store { get; private set; } = null!;
    public OdooClientSource Source { get; private set; } = null!;
    public TenantConfig Config { get; set; } = null!;

    /// <summary>The clock both the Odoo emulator (write_date) and the runner (signpost) read, when a test drives time.</summary>
    public TimeProvider Clock { get; private set; } = TimeProvider.System;

    public static async Task<SyncHarness> StartAsync(int version = 18, string seed = "demo", Func<SyncFlags, SyncFlags>? flags = null,
        string protocol = "xmlrpc", TimeProvider? clock = null, TimeProvider? odooClock = null, string? postgresUrl = null)
    {
        var h = new SyncHarness { Clock = clock ?? TimeProvider.System };
        // odooClock: the Odoo server's own clock when it differs from ours (write_date, Date header).
        h.Odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version, Seed = seed, Clock = odooClock ?? clock });
        h.Optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions { StrictRequestsPerSecond = null });
        h.Config = new TenantConfig("test",
            new OdooConnection(h.Odoo.Url, h.Odoo.Database, h.Odoo.Username, protocol == "json2" ? null : h.Odoo.Password,
                protocol == "json2" ? h.Odoo.ApiKey : null, protocol, 50),
            new OptiplyConnection(h.Optiply.ClientId, h.Optiply.ClientSecret, h.Optiply.Username, h.Optiply.Password,
                h.Optiply.AccountId, h.Optiply.CouplingId, h.Optiply.BaseUrl, h.Optiply.TokenUrl),
            (flags ?? (f => f))(new SyncFlags()),
            new RunSettings { StatePath = Path.Combine(h._dir, "state.db"), State = postgresUrl, StartDate = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        h._odooClient = new OdooClient(h.Config.ToOdooOptions());
        h._optiplyClient = new OptiplyClient(h.Config.ToOptiplyOptions() with { RequestsPerSecond = 1000 });
        h.Source = await OdooClientSource.ConnectAsync(h._odooClient);
        h.Store = await StateStores.OpenAsync(h.Config);
        return h;
    }

    public OptiplyClientTarget Target => new(_optiplyClient);

    /// <summary>The state file is lost (deleted, moved aside, another folder): a new, empty one takes its place.</summary>
    public async Task LoseStateAsync()
    {
        if (Config.Run.State is not null) throw new NotSupportedException("LoseStateAsync: SQLite state only");
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(_dir, "state.db*")) File.Delete(f);
        Store = await SqliteStateStore.OpenAsync(Config.Run.StatePath, "test");
    }

    public SyncRunner Runner(Ports.IOptiplyTarget? target = null) => new(Config, Source, target ?? Target, Store, Clock);

    public Task<RunReport> SyncAsync(SyncOptions? options = null, Ports.IOptiplyTarget? target = null) => Runner(target).RunAsync(options ?? new SyncOptions());

    /// <summary>The id of the one Odoo record of <paramref name="model"/> matching a JSON domain.</summary>
    public long IdOf(string model, string domainJson) => Convert.ToInt64(Odoo.Data.Search(model, domainJson).First()["id"]);

    public long ProductId(string code) => IdOf("product.product", $"[[\"default_code\",\"=\",\"{code}\"]]");

    /// <summary>Optiply rows of a type whose remoteIdMap holds <paramref name="remoteId"/>.</summary>
    public JsonObject? ByRemoteId(string type, string remoteId) =>
        Optiply.Store.All(type).FirstOrDefault(r => r.RemoteId(Optiply.CouplingId) == remoteId)?.Attributes;

    public long? ByRemoteIdOrNull(string type, string remoteId) =>
        Optiply.Store.All(type).FirstOrDefault(r => r.RemoteId(Optiply.CouplingId) == remoteId)?.Id;

    public int Count(string type) => Optiply.Store.All(type).Count;

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _odooClient.DisposeAsync();
        await _optiplyClient.DisposeAsync();
        await Odoo.DisposeAsync();
        await Optiply.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

internal static class ReportExtensions
{
    public static StreamReport Of(this RunReport run, string stream) => run.Streams.Single(s => s.Stream == stream);

    public static string Describe(this RunReport run) => string.Join("\n", run.Streams.Select(s =>
        $"{s.Stream}: {s.Status} read={s.Read} created={s.Created} updated={s.Updated} deleted={s.Deleted} unchanged={s.Unchanged} skipped={s.Skipped} failed={s.Failed} " +
        string.Join("; ", s.SkipReasons.Select(kv => $"{kv.Key}×{kv.Value}")) + " " + string.Join(" | ", s.Errors)));
}
