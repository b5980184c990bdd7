// sync: a full sync, a no-change resync (--full again: every record read, nothing written) and an idle poll
// (the scheduled run with nothing changed) of a large tenant, in this process (TenantSession → SyncRunner),
// against the Odoo and Optiply emulators each running as a separate process. Prints per run wall time,
// records/s, Odoo calls and answer bytes, client CPU, Optiply reads and writes, peak memory, Odoo calls per
// stream, and the ratios to the full sync.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Bench;

internal static class SyncBench
{
    private sealed record Result(string Name, RunReport Report, TimeSpan Wall, long OdooCalls, OptiplyCallCounter.Counts Optiply,
        long PeakWorkingSet, long PeakHeap, long PeakLive, long OdooBytes, TimeSpan Cpu, TimeSpan StartCpu, IReadOnlyDictionary<string, long> CallsPerStream, string CpuByThread);

    public static async Task<int> RunAsync(string[] args)
    {
        var products = Args.Int(args, "--products", 100_000);
        var version = Args.Int(args, "--version", 18);
        var rps = Args.Int(args, "--rps", 1000);
        var clockOffset = Args.Int(args, "--clock-offset", 0);
        var seedAge = Args.Int(args, "--seed-age", 3600);
        var protocol = Args.Text(args, "--protocol") ?? "jsonrpc";
        var cli = Args.Text(args, "--cli") ?? Args.FindCli();
        Console.WriteLine($"sync: large:{products} (≈{products:N0} products, {products / 5:N0} supplier rows, {2 * products:N0} sale order lines), " +
                          $"Odoo {version} over {protocol}, Optiply requests_per_second {rps}, Odoo clock offset {clockOffset} s, seed {seedAge} s old");

        var started = Stopwatch.StartNew();
        var odooStart = EmulatorProcess.StartOdooAsync(cli, version, $"large:{products}", ["--clock-offset", clockOffset.ToString(CultureInfo.InvariantCulture), "--seed-age", seedAge.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(5));
        var optiplyStart = EmulatorProcess.StartOptiplyAsync(cli, TimeSpan.FromMinutes(2));
        await using var odoo = await odooStart;
        await using var optiply = await optiplyStart;
        Console.WriteLine($"emulators ready in {started.Elapsed.TotalSeconds:0.0} s: Odoo {odoo.Url}, Optiply {optiply.Url}");

        var dir = Directory.CreateTempSubdirectory("odoo-optiply-bench-").FullName;
        try
        {
            var configPath = WriteConfig(dir, odoo.Url, optiply.Url, protocol, rps);
            var load = TenantConfigLoader.Load(configPath, _ => null);
            if (load.Config is not { } config)
            {
                foreach (var p in load.Problems) Console.Error.WriteLine($"config: {p}");
                return 2;
            }
            var full = await RunOnceAsync("full sync", config, new SyncOptions());
            var resync = await RunOnceAsync("no-change resync", config, new SyncOptions(Full: true));
            var idle = await RunOnceAsync("idle poll", config, new SyncOptions(), Args.Text(args, "--trace-idle"));
            // A daemon polls from one process: the later idle polls are its steady state (the first JITs the paths only a
            // poll takes, and the runtime's tier-1 recompilation of hot methods runs on in the background).
            var again = new List<Result>();
            for (var i = 2; i <= Math.Max(2, Args.Int(args, "--idle-polls", 3)); i++)
                again.Add(await RunOnceAsync($"idle poll {i}", config, new SyncOptions()));
            Print(full, resync, idle, again);
            // A scheduled `odoo-optiply sync` is a fresh process: start-up, then a cold idle poll (nothing JIT-compiled yet).
            for (var i = 1; i <= Args.Int(args, "--cold-cli", 3); i++)
                await ColdCliAsync(cli, dir, configPath, i);
            Console.WriteLine($"bench process peak working set (both runs, emulators excluded): {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB; " +
                              $"emulator processes: Odoo {odoo.PeakWorkingSet / 1048576.0:0} MB, Optiply {optiply.PeakWorkingSet / 1048576.0:0} MB");
            return full.Report.Succeeded && resync.Report.Succeeded && idle.Report.Succeeded && again.All(r => r.Report.Succeeded) ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>A tenant file as a person would write it; requests_per_second is high because both ends are on loopback.</summary>
    private static string WriteConfig(string dir, Uri odooUrl, Uri optiplyUrl, string protocol, int rps)
    {
        var o = new OptiplyEmulatorOptions();
        var json = new JsonObject
        {
            ["tenant"] = "bench",
            ["odoo"] = new JsonObject
            {
                ["url"] = odooUrl.ToString(), ["db"] = "optiply_demo", ["username"] = "admin", ["password"] = "admin", ["protocol"] = protocol,
            },
            ["optiply"] = new JsonObject
            {
                ["client_id"] = o.ClientId, ["client_secret"] = o.ClientSecret, ["username"] = o.Username, ["password"] = o.Password,
                ["account_id"] = o.AccountId, ["coupling_id"] = o.CouplingId, ["requests_per_second"] = rps,
                ["base_url"] = new Uri(optiplyUrl, "v1/").ToString(), ["token_url"] = new Uri(optiplyUrl, "api/auth/oauth/token").ToString(),
            },
            ["start_date"] = "2020-01-01",
            ["state_path"] = "bench.db",
        };
        // JSON-2 (Odoo 19) authenticates with an API key only: the emulator's fixed test key.
        if (protocol is "json2" or "auto") json["odoo"]!["api_key"] = OdooOptiply.Emulators.Odoo.OdooEmulator.TestApiKey;
        var path = Path.Combine(dir, "bench.json");
        File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    // A fresh session per run, as two scheduled `odoo-optiply sync` invocations would have (same state file).
    /// <param name="trace">the run's Odoo and Optiply bodies to this file (.odoo / .optiply; secrets redacted): which calls a run made</param>
    private static async Task<Result> RunOnceAsync(string name, TenantConfig config, SyncOptions options, string? trace = null)
    {
        var process = Process.GetCurrentProcess();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var counter = new OptiplyCallCounter();
        // Sampling costs CPU in proportion to wall time (a /proc read every 5 ms): an idle poll, whose CPU is the figure
        // that matters, samples every 100 ms instead (its memory is small and flat; the stream peaks are still taken).
        using var sampler = new MemorySampler(options.Full || name == "full sync" ? 5 : 100);
        var watch = Stopwatch.StartNew();
        var cpu0 = process.TotalProcessorTime;
        await using var session = await TenantSession.OpenAsync(config, counter, tracePath: trace);
        process.Refresh();
        var cpu1 = process.TotalProcessorTime;
        var threads1 = ThreadCpu.Snapshot();
        var perStream = new Dictionary<string, long>(StringComparer.Ordinal);
        var callsBefore = session.OdooClient.CallCount;
        var cpuBefore = cpu1;
        var progress = new InlineProgress(r =>
        {
            var cpuNow = Process.GetCurrentProcess().TotalProcessorTime;
            var streamCpu = cpuNow - cpuBefore;
            cpuBefore = cpuNow;
            if (!perStream.ContainsKey(r.Stream))
            {
                perStream[r.Stream] = session.OdooClient.CallCount - callsBefore;
                callsBefore = session.OdooClient.CallCount;
            }
            var (ws, heap) = sampler.TakeStreamPeaks();
            Console.WriteLine($"  {name}: {r.Stream} {r.Status}: {r.Read} read, {r.Created} created, {r.Updated} updated, {r.Deleted} deleted, " +
                              $"{r.Unchanged} unchanged, {r.Skipped} skipped, {r.Failed} failed{(r.FullRead ? ", full read" : "")} ({r.Duration.TotalSeconds:0.0} s, " +
                              $"{perStream.GetValueOrDefault(r.Stream)} Odoo calls, {streamCpu.TotalMilliseconds:0} ms CPU, peak WS {ws >> 20} MB, heap {heap >> 20} MB)");
        });
        var report = await session.SyncAsync(options, progress);
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu1;
        var byThread = ThreadCpu.Describe(threads1, ThreadCpu.Snapshot(), cpu.TotalMilliseconds);
        Console.WriteLine($"  {name}: CPU {cpu.TotalMilliseconds:0} ms by thread: {byThread}");
        var result = new Result(name, report, watch.Elapsed, session.OdooClient.CallCount, counter.Snapshot(), sampler.PeakWorkingSet, sampler.PeakHeap, sampler.PeakLive,
            session.OdooClient.BytesRead, cpu, cpu1 - cpu0, perStream, byThread);
        foreach (var s in report.Streams.Where(s => s.Errors.Count > 0))
            Console.WriteLine($"  {name}: {s.Stream}: {string.Join(" | ", s.Errors.Take(3))}");
        return result;
    }

    /// <summary>`odoo-optiply sync` as the scheduler would start it, a process of its own on the same state file (an idle
    /// poll then), timed by /usr/bin/time: its wall and user+sys CPU, start-up included.</summary>
    private static async Task ColdCliAsync(string cli, string dir, string configPath, int round)
    {
        if (!File.Exists("/usr/bin/time")) { Console.WriteLine("cold CLI idle poll: /usr/bin/time not found, skipped"); return; }
        var timing = Path.Combine(dir, "time.txt");
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (var a in new[] { "-f", "%e %U %S", "-o", timing, "dotnet", cli, "sync", "--config", configPath }) info.ArgumentList.Add(a);
        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start /usr/bin/time");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var parts = (await File.ReadAllTextAsync(timing)).Trim().Split(' ');
        double Num(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
        Console.WriteLine($"cold CLI idle poll {round} (a fresh `odoo-optiply sync` process): exit {child.ExitCode}, wall {Num(0):0.00} s, " +
                          $"CPU {Num(1) + Num(2):0.00} s (user {Num(1):0.00}, sys {Num(2):0.00}), start-up included");
        if (child.ExitCode != 0) Console.WriteLine($"  {(await stdout + await stderr).Trim().Split('\n').LastOrDefault()}");
    }

    private static void Print(Result full, Result resync, Result idle, IReadOnlyList<Result> again)
    {
        Console.WriteLine();
        Console.WriteLine($"{"run",-18} {"wall s",8} {"read",9} {"rec/s",8} {"odoo",6} {"odoo MB",8} {"cpu s",7} {"start cpu s",11} {"opt GET",8} {"opt write",9} {"token",5} {"writes",7} {"peak WS MB",10} {"peak heap MB",12} {"after GC MB",11}");
        foreach (var r in new[] { full, resync, idle }.Concat(again))
        {
            var read = r.Report.Streams.Sum(s => s.Read);
            Console.WriteLine($"{r.Name,-18} {r.Wall.TotalSeconds,8:0.00} {read,9:N0} {read / r.Wall.TotalSeconds,8:N0} {r.OdooCalls,6} {r.OdooBytes / 1048576.0,8:0.000} " +
                              $"{r.Cpu.TotalSeconds,7:0.000} {r.StartCpu.TotalSeconds,11:0.000} {r.Optiply.Reads,8} " +
                              $"{r.Optiply.Writes,9} {r.Optiply.Tokens,5} {r.Report.Writes,7} {r.PeakWorkingSet / 1048576.0,10:0} {r.PeakHeap / 1048576.0,12:0} {r.PeakLive / 1048576.0,11:0}");
        }
        foreach (var r in new[] { resync, idle })
            Console.WriteLine($"{r.Name}/full: wall {r.Wall / full.Wall:0.000}, Odoo calls {(double)r.OdooCalls / full.OdooCalls:0.000}, " +
                              $"Odoo bytes {(double)r.OdooBytes / Math.Max(1, full.OdooBytes):0.0000}, Optiply calls {(double)r.Optiply.Total / Math.Max(1, full.Optiply.Total):0.000}");
        Console.WriteLine("idle poll Odoo calls per stream (the first stream's figure includes the run start: version probe, login, server clock, " +
                          "language check = 4 calls): " +
                          string.Join(", ", idle.CallsPerStream.Select(p => $"{p.Key} {p.Value}")));
        var fullReads = idle.Report.Streams.Where(s => s.FullRead || s.Read > 0).Select(s => s.Stream).ToList();
        Console.WriteLine($"goals: resync Optiply writes = 0: {(resync.Optiply.Writes == 0 && idle.Optiply.Writes == 0 ? "met" : "NOT met")}; " +
                          $"idle poll ≤ 25 Odoo calls: {(idle.OdooCalls <= 25 ? "met" : "NOT met")} ({idle.OdooCalls}); " +
                          $"≤ 2 per stream: {(idle.CallsPerStream.Values.All(c => c <= 2) ? "met" : "NOT met")}; " +
                          $"no stream read: {(fullReads.Count == 0 ? "met" : "NOT met (" + string.Join(", ", fullReads) + ")")}; " +
                          $"idle client CPU ≤ 50 ms beyond start-up: {(idle.Cpu.TotalMilliseconds <= 50 ? "met" : "NOT met")} ({idle.Cpu.TotalMilliseconds:0} ms; " +
                          $"warm, the same process again: {string.Join(" / ", again.Select(a => a.Cpu.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms); " +
                          $"peak working set < 300 MB: {(new[] { full, resync, idle }.Max(r => r.PeakWorkingSet) < 300L << 20 ? "met" : "NOT met")}");
        Console.WriteLine("(opt write = HTTP POST/PATCH/DELETE to Optiply; writes = the engine's created+updated+deleted; cpu = this process during the run, " +
                          "start cpu = opening the session: state file, clients, login)");
    }
}

/// <summary>Samples the process working set and the managed heap every 5 ms and keeps the highest of each,
/// for the whole run and since the last stream finished.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _ws, _heap, _live, _streamWs, _streamHeap;

    public MemorySampler(int everyMs = 5) => _timer = new Timer(_ => Sample(), null, 0, everyMs);

    public long PeakWorkingSet { get { Sample(); return Interlocked.Read(ref _ws); } }
    public long PeakHeap { get { Sample(); return Interlocked.Read(ref _heap); } }
    /// <summary>The largest heap right after a collection: what was still referenced, garbage excluded.</summary>
    public long PeakLive { get { Sample(); return Interlocked.Read(ref _live); } }

    /// <summary>The peaks since the previous call (streams report when they finish).</summary>
    public (long WorkingSet, long Heap) TakeStreamPeaks()
    {
        Sample();
        return (Interlocked.Exchange(ref _streamWs, 0), Interlocked.Exchange(ref _streamHeap, 0));
    }

    private void Sample()
    {
        var ws = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(false);
        Raise(ref _ws, ws);
        Raise(ref _heap, heap);
        Raise(ref _live, GC.GetGCMemoryInfo().HeapSizeBytes);
        Raise(ref _streamWs, ws);
        Raise(ref _streamHeap, heap);
    }

    private static void Raise(ref long peak, long now)
    {
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Reports on the caller's thread, so the stream lines come out in run order.</summary>
internal sealed class InlineProgress(Action<StreamReport> report) : IProgress<StreamReport>
{
    public void Report(StreamReport value) => report(value);
}
