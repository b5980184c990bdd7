// A session on a world's tenant: the real OdooClient and OptiplyClient over HTTP (options tunable per test: quick
// back-off, short timeouts), the tenant's state store (SQLite or PostgreSQL, from the config), and the engine's
// ports over the clients. SyncAsync / ExportAsync run the engine as the CLI's TenantSession does; LoseStateAsync
// loses the state between runs (adoption).
using Microsoft.Data.Sqlite;
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.TestWorld;

/// <param name="Odoo">changes to the Odoo client's options (timeouts, retries)</param>
/// <param name="Optiply">changes to the Optiply client's options; the rate is WorldOptions.OptiplyRequestsPerSecond unless changed here</param>
public sealed record SessionOptions(Func<OdooOptions, OdooOptions>? Odoo = null, Func<OptiplyOptions, OptiplyOptions>? Optiply = null);

public sealed class WorldSession : IAsyncDisposable
{
    private WorldSession(World world) => World = world;

    public World World { get; }
    public TenantConfig Config => World.Config;
    public OdooClient OdooClient { get; private set; } = null!;
    public OptiplyClient OptiplyClient { get; private set; } = null!;
    public OdooClientSource Source { get; private set; } = null!;
    public IStateStore Store { get; private set; } = null!;
    public OptiplyClientTarget Target => new(OptiplyClient);
    public TimeProvider Clock => World.Clock;

    internal static async Task<WorldSession> OpenAsync(World world, SessionOptions options)
    {
        var s = new WorldSession(world);
        s.OdooClient = new OdooClient((options.Odoo ?? (o => o))(world.Config.ToOdooOptions()));
        s.OptiplyClient = new OptiplyClient((options.Optiply ?? (o => o))(world.Config.ToOptiplyOptions() with { RequestsPerSecond = world.Options.OptiplyRequestsPerSecond }));
        s.Source = await OdooClientSource.ConnectAsync(s.OdooClient);
        s.Store = await StateStores.OpenAsync(world.Config);
        return s;
    }

    public SyncRunner Runner(IOptiplyTarget? target = null) => new(Config, Source, target ?? Target, Store, Clock);

    public Task<RunReport> SyncAsync(SyncOptions? options = null, IOptiplyTarget? target = null) => Runner(target).RunAsync(options ?? new SyncOptions());

    public ExportRunner ExportRunner() => new(Config, OdooClient, OptiplyClient, Store, Clock);

    public Task<RunReport> ExportAsync() => ExportRunner().RunAsync();

    /// <summary>The state file is lost (deleted, moved aside, another folder): a new, empty one takes its place. SQLite only.</summary>
    public async Task LoseStateAsync()
    {
        if (Config.Run.State is not null) throw new NotSupportedException("LoseStateAsync: SQLite state only");
        await Store.DisposeAsync();
        World.DeleteStateFiles(Config.Run.StatePath);
        Store = await SqliteStateStore.OpenAsync(Config.Run.StatePath, Config.Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is not null) await Store.DisposeAsync();
        if (OdooClient is not null) await OdooClient.DisposeAsync();
        if (OptiplyClient is not null) await OptiplyClient.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Store = null!; OdooClient = null!; OptiplyClient = null!;
    }
}
