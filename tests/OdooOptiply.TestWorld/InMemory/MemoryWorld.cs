// A tenant whose Odoo and Optiply are in memory (InMemoryOdoo, InMemoryOptiply) with a real SQLite state file and a
// FakeTimeProvider: runs one stream declaration through the real StreamRunner, or one record through the real
// OdooWriter, with no HTTP and no emulator. What the fast engine tests (Sync.Tests/Engine) start from.
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.TestWorld.InMemory;

public sealed class MemoryWorld : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("memory-world-").FullName;

    private MemoryWorld() { }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
    public InMemoryOdoo Odoo { get; private set; } = null!;
    public InMemoryOptiply Optiply { get; } = new();
    public IStateStore Store { get; private set; } = null!;
    public string StatePath => Path.Combine(_dir, "state.db");
    public TenantConfig Config { get; set; } = null!;
    /// <summary>The context of the last run (its FatalReason, the binders it registered).</summary>
    public StreamContext? LastContext { get; private set; }

    public static async Task<MemoryWorld> StartAsync(Func<SyncFlags, SyncFlags>? flags = null, int pageSize = 50)
    {
        var w = new MemoryWorld();
        w.Odoo = new InMemoryOdoo(w.Clock);
        w.Config = new TenantConfig("memory",
            new OdooConnection(new Uri("http://odoo.invalid/"), "memory", "admin", "unused", null, "xmlrpc", pageSize),
            new OptiplyConnection("unused", "unused", "unused", "unused", 1, w.Optiply.CouplingId, new Uri("http://optiply.invalid/v1/"), new Uri("http://optiply.invalid/token")),
            (flags ?? (f => f))(new SyncFlags()),
            new RunSettings { StatePath = w.StatePath, StartDate = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        w.Store = await SqliteStateStore.OpenAsync(w.StatePath, "memory");
        return w;
    }

    /// <summary>One run of <paramref name="def"/> (a minute after the last, as a schedule would); returns the stream's report.</summary>
    /// <param name="allowMassDeletions">the run's deletion guard is off (sync --allow-mass-deletions)</param>
    public async Task<StreamReport> RunAsync(StreamDefinition def, bool full = false, CancellationToken stop = default, bool allowMassDeletions = false)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        var signpost = Clock.GetUtcNow().UtcDateTime;
        LastContext = new StreamContext(Config, Odoo, new TargetIds(), signpost, Store) { Stop = stop, AllowMassDeletions = allowMassDeletions };
        var reports = await new StreamRunner(Store, Optiply, Clock, dryRun: false).RunAsync(def, LastContext, full, CancellationToken.None);
        return reports[0];
    }

    /// <summary>The state file is lost: deleted, and a new empty one opened in its place.</summary>
    public async Task LoseStateAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(_dir, "state.db*")) File.Delete(f);
        Store = await SqliteStateStore.OpenAsync(StatePath, "memory");
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
