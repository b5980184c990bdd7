// One tenant for the crash suite: both emulators in this test process on loopback ports (dates stamped from
// a fixed clock, so two worlds agree), a tenant file (a TestWorld World), and the real program run as a child
// process (CliProcess) against them, either to the end or killed with SIGKILL after a delay or at a named pause point.
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync.Tests.Reliability;
using OdooOptiply.TestWorld;

namespace OdooOptiply.Cli.Tests.Crash;

internal sealed class CrashWorld : IAsyncDisposable
{
    private World _world = null!;

    // Later than any real signpost, so the program's bookmarks never hide a change the emulators stamp.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero));
    public OdooEmulator Odoo => _world.Odoo;
    public OptiplyEmulator Optiply => _world.Optiply;
    public string ConfigPath => Path.Combine(_world.Dir, "tenant.json");
    public string StatePath => _world.StatePath;
    public int Kills { get; private set; }
    public List<string> Log { get; } = [];

    /// <summary>The postgresql:// URL the tenant's state lives at (PostgresCrashTests), or null for the SQLite file.</summary>
    public string? StateUrl { get; private init; }

    public static async Task<CrashWorld> StartAsync(string? stateUrl = null)
    {
        var w = new CrashWorld { StateUrl = stateUrl };
        w._world = await World.StartAsync(new WorldOptions
        {
            Tenant = "crash", Protocol = "jsonrpc", Clock = w.Clock, OptiplyClock = w.Clock, Optiply = new OptiplyEmulatorOptions(), StateUrl = stateUrl,
            FolderPrefix = "crash-",
        });
        w._world.WriteConfigFile();
        return w;
    }

    /// <summary>Runs `odoo-optiply COMMAND --config …` to the end; fails the test unless it exits 0.</summary>
    public async Task<TimeSpan> RunAsync(string command)
    {
        var r = await CliProcess.RunAsync([command, "--config", ConfigPath], limit: TimeSpan.FromSeconds(90));
        Assert.True(r.ExitCode == 0, $"{command} exited {r.ExitCode}: {r.Out}\n{r.Err}");
        AssertStateIntact();
        if (StateUrl is not null)
        {
            // The finished run is in PostgreSQL, and no SQLite file was made on the side.
            using var pg = new Npgsql.NpgsqlConnection(OdooOptiply.Sync.State.Postgres.PostgresStateUrl.ToConnectionString(StateUrl) + ";Pooling=false");
            pg.Open();
            using var count = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM runs WHERE tenant='crash'", pg);
            Assert.True((long)count.ExecuteScalar()! > 0, "no run saved in PostgreSQL");
            Assert.False(File.Exists(StatePath), "a SQLite state file was written although the state is in PostgreSQL");
        }
        return r.Elapsed;
    }

    /// <summary>Starts the command and kills it (SIGKILL) after <paramref name="delay"/>, unless it ended first.</summary>
    public async Task KillAfterAsync(string command, TimeSpan delay)
    {
        using var process = CliProcess.Start([command, "--config", ConfigPath]);
        var exited = process.Process.WaitForExitAsync();
        // The delay is the point of this kill (a random moment of the run), not a wait for something to happen.
        if (await Task.WhenAny(exited, Task.Delay(delay)) != exited && await process.KillAsync())
        {
            Kills++;
            Log.Add($"{command} killed after {delay.TotalMilliseconds:0} ms");
        }
        else Log.Add($"{command} ended (exit {process.Process.ExitCode}) before {delay.TotalMilliseconds:0} ms");
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        AssertStateIntact();
    }

    /// <summary>Starts the command with ODOO_OPTIPLY_PAUSE_AT=<paramref name="point"/>, waits for it to stop there, then kills it.</summary>
    public async Task<bool> KillAtPauseAsync(string command, string point)
    {
        using var process = CliProcess.Start([command, "--config", ConfigPath], new Dictionary<string, string> { [OdooOptiply.Sync.PausePoints.Variable] = point });
        var paused = await process.TryWaitPausedAtAsync(point, TimeSpan.FromSeconds(60));
        if (await process.KillAsync()) Kills++;
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Log.Add(paused ? $"{command} killed at {point}" : $"{command} never reached {point}");
        AssertStateIntact();
        return paused;
    }

    /// <summary>The state database survived: SQLite's own integrity check passes on what the killed process left.</summary>
    public void AssertStateIntact()
    {
        if (!File.Exists(StatePath)) return;
        using var db = new SqliteConnection($"Data Source={StatePath};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", cmd.ExecuteScalar() as string);
    }

    public void ChangeOdoo() { Clock.Advance(TimeSpan.FromMinutes(5)); ScenarioSteps.ChangeOdoo(Odoo); }

    public void SeedBuyOrders() { Clock.Advance(TimeSpan.FromMinutes(5)); ScenarioSteps.SeedBuyOrders(Optiply); }

    public WorldSnapshot Snapshot() => WorldSnapshot.Of(Odoo, Optiply);

    /// <summary>The state file is lost between two runs (no run is going): the next run starts from an empty state and adopts.</summary>
    public void LoseState()
    {
        if (StateUrl is not null)
        {
            // The tenant's rows are lost (a restore without them): the next run starts from an empty state and adopts.
            using var pg = new Npgsql.NpgsqlConnection(OdooOptiply.Sync.State.Postgres.PostgresStateUrl.ToConnectionString(StateUrl) + ";Pooling=false");
            pg.Open();
            using var delete = new Npgsql.NpgsqlCommand("DELETE FROM bindings WHERE tenant='crash'; DELETE FROM bookmarks WHERE tenant='crash'; DELETE FROM kv WHERE tenant='crash'; DELETE FROM runs WHERE tenant='crash'", pg);
            delete.ExecuteNonQuery();
            Log.Add("state rows deleted");
            return;
        }
        _world.DeleteStateFiles();
        Log.Add("state file deleted");
    }

    /// <summary>Nothing twice: no two Optiply records of a type share a remote id, no two purchase orders share an origin.</summary>
    public void AssertNoDuplicates()
    {
        foreach (var type in OptiplyStore.Types)
        {
            var twice = Optiply.Store.All(type).Select(r => r.RemoteId(Optiply.CouplingId)).Where(id => id is not null).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"{type} twice in Optiply: {string.Join(", ", twice)}");
        }
        var origins = Odoo.Data.Search("purchase.order", "[[\"origin\",\"!=\",false]]").Select(p => p["origin"]).GroupBy(o => o).Where(g => g.Count() > 1).ToList();
        Assert.True(origins.Count == 0, $"purchase orders twice in Odoo: {string.Join(", ", origins.Select(g => g.Key))}");
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
