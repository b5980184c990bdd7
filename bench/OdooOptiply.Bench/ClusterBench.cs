// `bench cluster`: how many idle demo-size tenants one worker carries per 30-minute window, and how the
// throughput grows from 1 to 2 to 3 workers on this machine. A throwaway PostgreSQL (temp folder, unix
// socket), both emulators as processes, T tenant files on a schedule far tighter than the nodes can keep
// (pull every 2 s, export every 1 s: they run flat out), then for each worker count a fresh database and
// that many real `odoo-optiply run --cluster` processes. After a warm-up (every tenant ran once: its first
// run adopts), it counts the runs saved over the measured span and prints runs/s, CPU per run (the nodes'
// processes, /proc) and database time per run (pg_stat_database.active_time: statements of the state
// store and of Quartz). Idle tenants per worker per 30 min = runs/s per worker × 1800 / 3 (a tenant needs
// one pull and two exports per 30 minutes at the default schedule).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace OdooOptiply.Bench;

internal static class ClusterBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cli = Args.Text(args, "--cli") ?? Args.FindCli();
        var tenants = Args.Int(args, "--tenants", 60);
        var maxWorkers = Args.Int(args, "--workers", 3);
        var measure = TimeSpan.FromSeconds(Args.Int(args, "--seconds", 60));
        var parallel = Args.Int(args, "--max-parallel", 4);
        await using var pg = await ThrowawayPostgres.StartAsync();
        await using var odoo = await EmulatorProcess.StartOdooAsync(cli, 18, "demo", [], TimeSpan.FromMinutes(2));
        await using var optiply = await EmulatorProcess.StartOptiplyAsync(cli, TimeSpan.FromMinutes(2));
        var dir = Directory.CreateTempSubdirectory("bench-cluster-").FullName;
        var folder = Path.Combine(dir, "tenants");
        Directory.CreateDirectory(folder);
        var seed = Path.Combine(dir, "seed.json");
        await File.WriteAllTextAsync(seed, Tenant("seed", odoo.Url, optiply.Url, Path.Combine(dir, "seed.db")));
        using (var sync = Start(cli, ["sync", "--config", seed], Path.Combine(dir, "seed.log")))
        {
            await sync.WaitForExitAsync();
            if (sync.ExitCode != 0) { Console.Error.WriteLine($"seed sync failed (exit {sync.ExitCode}), see {dir}/seed.log"); return 1; }
        }
        for (var i = 1; i <= tenants; i++)
            await File.WriteAllTextAsync(Path.Combine(folder, $"t{i:0000}.json"), Tenant($"t{i:0000}", odoo.Url, optiply.Url, null));

        Console.WriteLine($"{tenants} idle demo tenants, pull every 2 s and export every 1 s (saturating), {parallel} runs at once per worker, {Environment.ProcessorCount} cores, measured {measure.TotalSeconds:0} s per step");
        Console.WriteLine("| workers | runs | runs/s | runs/s per worker | CPU ms/run | DB ms/run | idle tenants per worker per 30 min |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var workers = 1; workers <= maxWorkers; workers++)
        {
            var db = $"bench_{workers}";
            await pg.ExecuteAsync($"CREATE DATABASE {db}");
            var url = pg.Url(db);
            var nodes = Enumerable.Range(1, workers).Select(i => Start(cli,
                ["run", "--tenants-dir", folder, "--cluster", "--state", url, "--node", $"w{workers}n{i}", "--interval-unit", "seconds",
                 "--max-parallel", parallel.ToString(CultureInfo.InvariantCulture), "--rescan-seconds", "30", "--shutdown-grace", "1"],
                Path.Combine(dir, $"w{workers}n{i}.log"))).ToList();
            try
            {
                // Warm-up: every tenant has run once (its first run adopts what Optiply holds), then the measured span.
                var warm = Stopwatch.StartNew();
                while (await pg.ScalarAsync(db, "SELECT COUNT(DISTINCT tenant) FROM runs") < tenants)
                {
                    if (nodes.Any(n => n.HasExited)) { Console.Error.WriteLine($"a worker exited, see {dir}"); return 1; }
                    if (warm.Elapsed > TimeSpan.FromMinutes(10)) { Console.Error.WriteLine($"warm-up did not finish in 10 min, see {dir}"); return 1; }
                    await Task.Delay(500);
                }
                var runs0 = await pg.ScalarAsync(db, "SELECT COUNT(*) FROM runs");
                var active0 = await pg.ActiveMsAsync(db);
                var cpu0 = nodes.Sum(Cpu);
                var span = Stopwatch.StartNew();
                await Task.Delay(measure);
                var runs = await pg.ScalarAsync(db, "SELECT COUNT(*) FROM runs") - runs0;
                var active = await pg.ActiveMsAsync(db) - active0;
                var cpu = nodes.Sum(Cpu) - cpu0;
                var seconds = span.Elapsed.TotalSeconds;
                var perSecond = runs / seconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {workers} | {runs} | {perSecond:0.0} | {perSecond / workers:0.0} | {(runs > 0 ? cpu / runs : 0):0.0} | {(runs > 0 ? active / runs : 0):0.00} | {perSecond / workers * 1800 / 3:0} |"));
            }
            finally
            {
                foreach (var n in nodes) { if (!n.HasExited) n.Kill(true); n.WaitForExit(); n.Dispose(); }
            }
        }
        Console.WriteLine($"logs: {dir}");
        return 0;
    }

    private static double Cpu(Process p)
    {
        try { p.Refresh(); return p.TotalProcessorTime.TotalMilliseconds; }
        catch (InvalidOperationException) { return 0; }
    }

    private static Process Start(string cli, string[] args, string log)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        var p = Process.Start(info)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    // The emulators' default test credentials (OptiplyEmulatorOptions, RpcService): test values only.
    private static string Tenant(string name, Uri odoo, Uri optiply, string? sqlite)
    {
        var config = new JsonObject
        {
            ["tenant"] = name,
            ["odoo"] = new JsonObject { ["url"] = odoo.ToString(), ["db"] = "optiply_demo", ["username"] = "admin", ["password"] = "admin", ["protocol"] = "xmlrpc" },
            ["optiply"] = new JsonObject
            {
                ["client_id"] = "test-shop", ["client_secret"] = "emulator-client-secret", ["username"] = "api_imports_test-shop_1", ["password"] = "emulator-password",
                ["account_id"] = 1, ["coupling_id"] = 4711, ["requests_per_second"] = 1000,
                ["base_url"] = new Uri(optiply, "v1/").ToString(), ["token_url"] = new Uri(optiply, "api/auth/oauth/token").ToString(),
            },
            ["start_date"] = "2020-01-01",
            ["schedule"] = new JsonObject { ["pull_minutes"] = 2, ["export_minutes"] = 1 },
        };
        if (sqlite is not null) config["state_path"] = sqlite;
        return config.ToJsonString();
    }
}

/// <summary>initdb + pg_ctl in a temp folder, unix socket only, as the postgres user when run as root.</summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private string _dir = "", _bin = "";
    private bool _root;
    private int _port;

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL not installed (apt-get install postgresql)");
        var pg = new ThrowawayPostgres { _bin = bin, _dir = Path.Combine("/tmp", "pgb-" + Guid.NewGuid().ToString("N")[..8]), _root = Environment.UserName == "root" };
        Directory.CreateDirectory(pg._dir);
        if (pg._root) await Run("chown", ["postgres", pg._dir]);
        using (var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { l.Start(); pg._port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port; }
        await pg.AsServer("initdb", ["-D", Path.Combine(pg._dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
        await pg.AsServer("pg_ctl", ["-D", Path.Combine(pg._dir, "data"), "-l", Path.Combine(pg._dir, "log"), "-w", "-o",
            $"-p {pg._port} -k {pg._dir} -c listen_addresses='' -c max_connections=300 -c shared_buffers=128MB", "start"]);
        return pg;
    }

    public string Url(string db) => $"postgresql:///{db}?host={Uri.EscapeDataString(_dir)}&port={_port}&user=postgres";

    private string Cs(string db) => new NpgsqlConnectionStringBuilder { Host = _dir, Port = _port, Username = "postgres", Database = db, Pooling = false }.ConnectionString;

    public async Task ExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(Cs("postgres"));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string db, string sql)
    {
        await using var c = new NpgsqlConnection(Cs(db));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        try { return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture); }
        catch (PostgresException e) when (e.SqlState == "42P01") { return 0; /* not migrated yet */ }
    }

    /// <summary>Milliseconds backends spent executing statements in <paramref name="db"/> (PostgreSQL 14+).</summary>
    public async Task<double> ActiveMsAsync(string db)
    {
        await using var c = new NpgsqlConnection(Cs("postgres"));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_stat_force_next_flush(); SELECT active_time FROM pg_stat_database WHERE datname=@d", c);
        cmd.Parameters.AddWithValue("d", db);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.NextResultAsync();
        await r.ReadAsync();
        return r.IsDBNull(0) ? 0 : r.GetDouble(0);
    }

    private Task AsServer(string tool, string[] args) =>
        _root ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args]) : Run(Path.Combine(_bin, tool), args);

    private static async Task Run(string exe, string[] args)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(exe)} exited {p.ExitCode}: {(await err).Trim()}");
    }

    public async ValueTask DisposeAsync()
    {
        try { await AsServer("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"]); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
