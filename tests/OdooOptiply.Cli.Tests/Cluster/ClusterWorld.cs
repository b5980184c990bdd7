// Test support for the cluster test: a database of the run's throwaway PostgreSQL, both emulators on
// loopback (shared by every tenant: Optiply is filled once by a seed sync, so each tenant's runs adopt and
// stay idle), a folder of T tenant files on a compressed schedule, and N real `odoo-optiply run --cluster`
// processes. Everything waited on is a printed line or a table row, polled; nothing sleeps for a duration.
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using OdooOptiply.Cli.Tests.Commands;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync.State.Postgres;

namespace OdooOptiply.Cli.Tests.Cluster;

internal sealed record RunRow(string Tenant, DateTime StartedAt, DateTime FinishedAt, string? Holder, long? Epoch)
{
    public int? Pid => Holder is { } h && int.TryParse(h.AsSpan(0, Math.Max(0, h.IndexOf('@'))), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
}

internal sealed class ClusterWorld : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cluster-").FullName;
    public OdooEmulator Odoo { get; private set; } = null!;
    public OptiplyEmulator Optiply { get; private set; } = null!;
    public string Url { get; private set; } = "";
    public string TenantsDir => Path.Combine(_dir, "tenants");
    public List<Child> Nodes { get; } = [];
    public int PullSeconds { get; private init; }

    public static async Task<ClusterWorld> StartAsync(string url, int tenants, int pullSeconds)
    {
        var w = new ClusterWorld { Url = url, PullSeconds = pullSeconds };
        w.Odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        w.Optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions { StrictRequestsPerSecond = null });
        Directory.CreateDirectory(w.TenantsDir);
        // The seed tenant (SQLite state, outside the folder) fills Optiply once, so the tenants' first runs only adopt.
        var seed = Path.Combine(w._dir, "seed.json");
        await File.WriteAllTextAsync(seed, w.TenantJson("seed", sqlite: Path.Combine(w._dir, "seed.db")));
        using (var sync = Child.Start($"sync --config \"{seed}\"", pauseAt: null))
            Assert.True(await sync.WaitForExitAsync(TimeSpan.FromMinutes(3)) == 0, sync.Output + sync.Errors);
        // From here on the traffic is the nodes' only: every request must name its run.
        w.Odoo.Runs.Reset();
        w.Optiply.Runs.Reset();
        for (var i = 1; i <= tenants; i++)
            await File.WriteAllTextAsync(Path.Combine(w.TenantsDir, $"t{i:000}.json"), w.TenantJson($"t{i:000}"));
        return w;
    }

    public string TenantJson(string tenant, string? sqlite = null)
    {
        var config = new JsonObject
        {
            ["tenant"] = tenant,
            ["odoo"] = new JsonObject { ["url"] = Odoo.Url.ToString(), ["db"] = Odoo.Database, ["username"] = Odoo.Username, ["password"] = Odoo.Password, ["protocol"] = "xmlrpc" },
            ["optiply"] = new JsonObject
            {
                ["client_id"] = Optiply.ClientId, ["client_secret"] = Optiply.ClientSecret, ["username"] = Optiply.Username, ["password"] = Optiply.Password,
                ["account_id"] = Optiply.AccountId, ["coupling_id"] = Optiply.CouplingId, ["requests_per_second"] = 1000,
                ["base_url"] = Optiply.BaseUrl.ToString(), ["token_url"] = Optiply.TokenUrl.ToString(),
            },
            ["start_date"] = "2020-01-01",
            // Exports are rare here (a day of "minutes" = seconds): the windows checked are the pulls'.
            ["schedule"] = new JsonObject { ["pull_minutes"] = PullSeconds, ["export_minutes"] = 1440 },
        };
        if (sqlite is not null) config["state_path"] = sqlite; else config["state"] = Url;
        return config.ToJsonString();
    }

    /// <param name="extra">more options (e.g. --http 127.0.0.1:0)</param>
    public Child StartNode(string name, int leaseSeconds, int checkinSeconds, string extra = "", IReadOnlyDictionary<string, string>? env = null)
    {
        var node = Child.Start($"run --tenants-dir \"{TenantsDir}\" --cluster --state \"{Url}\" --node {name} --interval-unit seconds " +
            $"--max-parallel 4 --lease-seconds {leaseSeconds} --checkin-seconds {checkinSeconds} --rescan-seconds 2 --shutdown-grace 1 {extra}",
            env ?? new Dictionary<string, string>());
        Nodes.Add(node);
        return node;
    }

    public async Task<IReadOnlyList<RunRow>> RunsAsync()
    {
        await using var db = new NpgsqlConnection(PostgresStateUrl.ToConnectionString(Url) + ";Pooling=false");
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT tenant, started_at, finished_at, holder, epoch FROM runs ORDER BY tenant, started_at", db);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<RunRow>();
        while (await r.ReadAsync())
            rows.Add(new RunRow(r.GetString(0), r.GetDateTime(1), r.GetDateTime(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4)));
        return rows;
    }

    public async Task<string?> LeaseHolderAsync(string tenant)
    {
        await using var db = new NpgsqlConnection(PostgresStateUrl.ToConnectionString(Url) + ";Pooling=false");
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT holder FROM leases WHERE tenant=@t AND job='run'", db);
        cmd.Parameters.AddWithValue("t", tenant);
        return await cmd.ExecuteScalarAsync() as string;
    }

    /// <summary>Polls until <paramref name="done"/> holds; the timeout is a wide bound, never the thing measured.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> why)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(why());
            await Task.Delay(250);
        }
    }

    public static void Signal(Child node, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", $"-{signal} {node.Process.Id}")!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public string Logs() => string.Join("\n", Nodes.Select((n, i) => $"--- node {i + 1} (pid {n.Process.Id})\n{Tail(n.Output + n.Errors)}"));

    private static string Tail(string s) => s.Length > 6000 ? s[^6000..] : s;

    public async ValueTask DisposeAsync()
    {
        foreach (var n in Nodes)
        {
            if (!n.Process.HasExited) try { Signal(n, "CONT"); } catch (Exception) { /* gone meanwhile */ }
            n.Dispose();
        }
        await Odoo.DisposeAsync();
        await Optiply.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
