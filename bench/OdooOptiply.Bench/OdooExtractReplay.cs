// odoo-extract --replay (issue 16): every read is first recorded through OdooReplay's proxy in front of the emulator,
// then replayed from a separate process at the real server's pace (--pace-ms, default 265: the issue's 5.84 s for 22
// calls). Measured against the replay: the server-bound limit (the sequential read's requests sent again, answers not
// parsed), the C# client sequentially (keyset pages) per transport, the C# client by id chunks on one and on two
// connections (odoo.max_connections), and Python's xmlrpc.client loop; printed with the issue's ratios: sequential vs
// the limit (goal ≤ 1.10), client CPU per record vs Python's (goal ≤ 0.5), two connections vs one.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OdooOptiply.Odoo;

namespace OdooOptiply.Bench;

internal static partial class OdooExtract
{
    private sealed record Replayed(string Name, long Records, long Calls, TimeSpan Wall, TimeSpan Cpu);

    private static async Task<int> ReplayAsync(string[] args, Uri emulatorUrl, OdooOptions options, string[] fields, string[] transports, int pageSize)
    {
        var pace = Args.Int(args, "--pace-ms", 265);
        var dir = Directory.CreateTempSubdirectory("odoo-replay-").FullName;
        var python = !args.Contains("--no-python");
        try
        {
            // 1. Record, through the proxy, every read the replay will ask for.
            var (recorder, recordUrl) = await OdooReplay.StartAsync(dir, emulatorUrl, pace);
            try
            {
                foreach (var t in transports)
                {
                    var o = options with { Url = recordUrl, Protocol = Enum.Parse<OdooProtocol>(t, ignoreCase: true) };
                    await SequentialAsync("rec", o, fields, () => OdooReplay.PhaseAsync(recordUrl, "seq-" + t));
                    await ChunkedAsync("rec", o, fields, 1, () => OdooReplay.PhaseAsync(recordUrl, "chunks-" + t));
                }
                if (python) await OdooReplay.PhaseAsync(recordUrl, "python");
                if (python) await PythonCpuAsync(options with { Url = recordUrl }, pageSize, fields);
            }
            finally { recorder.Kill(); await recorder.WaitForExitAsync(); }
            Console.WriteLine($"recorded {Directory.GetFiles(dir, "*.req").Length} distinct requests; replaying at {pace} ms a call");

            // 2. Replay, from its own process, at the real server's pace.
            var (server, url) = await OdooReplay.StartAsync(dir, null, pace);
            try
            {
                var results = new List<Replayed>();
                var limit = await OdooReplay.LimitAsync(url, dir, "seq-" + transports[0]);
                var limitCalls = File.ReadAllLines(Path.Combine(dir, "order-seq-" + transports[0] + ".txt")).Length;
                foreach (var t in transports)
                {
                    var o = options with { Url = url, Protocol = Enum.Parse<OdooProtocol>(t, ignoreCase: true) };
                    results.Add(await SequentialAsync(t + " sequential", o, fields));
                    results.Add(await ChunkedAsync(t + " id chunks ×1", o, fields, 1));
                    results.Add(await ChunkedAsync(t + " id chunks ×2", o, fields, 2));
                }
                var py = python ? await PythonCpuAsync(options with { Url = url }, pageSize, fields) : null;
                if (py is not null) results.Add(py);
                PrintReplay(results, limit, limitCalls, transports[0], py);
            }
            finally { server.Kill(); await server.WaitForExitAsync(); }
            return 0;
        }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }

    private static OdooDomain AllProducts => OdooDomain.Leaf("active", "=", true).Or(OdooDomain.Leaf("active", "=", false));

    /// <param name="timedFromHere">called after login and fields_get, right before the timed read (recording: names the phase)</param>
    private static async Task<Replayed> SequentialAsync(string name, OdooOptions options, string[] fields, Func<Task>? timedFromHere = null)
    {
        await using var client = new OdooClient(options);
        await client.AuthenticateAsync();
        await client.FieldsGetAsync("product.product");
        if (timedFromHere is not null) await timedFromHere();
        var (cpu0, watch) = (Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.StartNew());
        long records = 0, calls0 = client.CallCount;
        await foreach (var page in client.SearchReadPagesAsync("product.product", AllProducts, fields)) records += page.Count;
        return new Replayed(name, records, client.CallCount - calls0, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu0);
    }

    private static async Task<Replayed> ChunkedAsync(string name, OdooOptions options, string[] fields, int connections, Func<Task>? timedFromHere = null)
    {
        await using var client = new OdooClient(options);
        await client.AuthenticateAsync();
        await client.FieldsGetAsync("product.product");
        if (timedFromHere is not null) await timedFromHere();
        var (cpu0, watch) = (Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.StartNew());
        var calls0 = client.CallCount;
        var records = await client.SearchReadByIdChunksAsync("product.product", AllProducts, fields, connections);
        return new Replayed(name, records.Count, client.CallCount - calls0, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu0);
    }

    private static async Task<Replayed?> PythonCpuAsync(OdooOptions options, int pageSize, string[] fields)
    {
        var info = OdooExtract.PythonBaseline(options, pageSize, fields);
        using var process = Process.Start(info);
        if (process is null) return null;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) { Console.WriteLine($"python baseline failed (exit {process.ExitCode})"); return null; }
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        return new Replayed("python xmlrpc.client", r.GetProperty("records").GetInt64(), r.GetProperty("calls").GetInt64(),
            TimeSpan.FromSeconds(r.GetProperty("seconds").GetDouble()), TimeSpan.FromSeconds(r.GetProperty("cpu").GetDouble()));
    }

    private static void PrintReplay(List<Replayed> results, TimeSpan limit, int limitCalls, string limitTransport, Replayed? python)
    {
        Console.WriteLine();
        Console.WriteLine($"server-bound limit ({limitTransport} sequential's {limitCalls} requests replayed, answers not parsed): {limit.TotalSeconds:0.00} s");
        Console.WriteLine($"{"read",-26} {"records",9} {"calls",6} {"wall s",8} {"vs limit",9} {"cpu s",7} {"cpu µs/rec",11} {"cpu vs python",13}");
        var pyPerRecord = python is null ? (double?)null : python.Cpu.TotalMicroseconds / Math.Max(1, python.Records);
        foreach (var r in results)
        {
            var perRecord = r.Cpu.TotalMicroseconds / Math.Max(1, r.Records);
            Console.WriteLine($"{r.Name,-26} {r.Records,9:N0} {r.Calls,6} {r.Wall.TotalSeconds,8:0.00} {r.Wall / limit,9:0.00} {r.Cpu.TotalSeconds,7:0.000} {perRecord,11:0.0} " +
                              $"{(pyPerRecord is { } p ? (perRecord / p).ToString("0.00", CultureInfo.InvariantCulture) : "–"),13}");
        }
        foreach (var t in results.Where(r => r.Name.EndsWith("×2", StringComparison.Ordinal)))
            if (results.FirstOrDefault(r => r.Name == t.Name[..^1] + "1") is { } one)
                Console.WriteLine($"{t.Name[..^3]}: two connections / one = {t.Wall / one.Wall:0.00} (the issue's replay: 0.53)");
        Console.WriteLine("goals: sequential within 10 % of the limit (vs limit ≤ 1.10); client CPU per record ≤ 0.5 × Python's; two connections ≈ half of one");
    }
}
