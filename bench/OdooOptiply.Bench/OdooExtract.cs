// odoo-extract: reads every product from the emulator (a separate process) through each transport and
// through the current tap's plain Python xmlrpc.client loop, and prints records/s, MB/s, calls, wall
// time, peak memory and the C#/Python ratio.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OdooOptiply.Odoo;

namespace OdooOptiply.Bench;

internal static partial class OdooExtract
{
    // What the tap reads for products (the client drops any the emulator's version lacks).
    internal static readonly string[] TapFields =
        ["id", "name", "default_code", "barcode", "list_price", "standard_price", "active", "type", "write_date", "create_date",
         "categ_id", "uom_id", "product_tmpl_id", "sale_ok", "purchase_ok", "weight", "volume", "is_storable", "seller_ids"];

    /// <summary>The Odoo emulator's fixed test API key (OdooEmulator.TestApiKey), for JSON-2 on version 19.</summary>
    private const string EmulatorApiKey = "0d00e3a1a7e5f1d2c3b4a5968778695a4b3c2d1e";

    private sealed record Result(string Name, long Records, long Calls, long Bytes, TimeSpan Wall, long PeakManagedBytes);

    public static async Task<int> RunAsync(string[] args)
    {
        var products = Args.Int(args, "--products", 100_000);
        var pageSize = Args.Int(args, "--page-size", 1000);
        var version = Args.Int(args, "--version", 18);
        var transports = Args.Text(args, "--transports") ?? "xmlrpc,jsonrpc,json2";
        var cli = Args.Text(args, "--cli") ?? Args.FindCli();
        Console.WriteLine($"odoo-extract: {products:N0} products, page size {pageSize}, emulator Odoo {version} ({cli})");

        var started = Stopwatch.StartNew();
        await using var emulator = await EmulatorProcess.StartAsync(cli, version, products, TimeSpan.FromMinutes(3));
        Console.WriteLine($"emulator ready at {emulator.Url} in {started.Elapsed.TotalSeconds:0.0} s");
        var options = new OdooOptions
        {
            Url = emulator.Url, Database = Args.Text(args, "--db") ?? "optiply_demo", Username = "admin", Password = "admin",
            ApiKey = Args.Text(args, "--api-key") ?? EmulatorApiKey, PageSize = pageSize,
        };
        var fields = await FieldsAsync(options);
        Console.WriteLine($"fields: {string.Join(",", fields)}");

        // Warm-up, untimed: JIT-compiles both the emulator's and the client's code paths for every
        // transport, so the first transport measured is not charged for everyone's start-up.
        foreach (var name in transports.Split(','))
            if (Enum.Parse<OdooProtocol>(name, ignoreCase: true) != OdooProtocol.Json2 || version >= 19)
                await ExtractAsync(name, options with { Protocol = Enum.Parse<OdooProtocol>(name, ignoreCase: true) }, fields, warmUpLimit: 5 * pageSize);

        var results = new List<Result>();
        foreach (var name in transports.Split(','))
        {
            var protocol = Enum.Parse<OdooProtocol>(name, ignoreCase: true);
            if (protocol == OdooProtocol.Json2 && version < 19)
            {
                Console.WriteLine($"{name}: skipped (JSON-2 needs --version 19)");
                continue;
            }
            results.Add(await ExtractAsync(name, options with { Protocol = protocol }, fields));
        }
        if (args.Contains("--replay")) return await ReplayAsync(args, emulator.Url, options, fields, transports.Split(','), pageSize);
        var python = args.Contains("--no-python") ? null : await PythonAsync(options, pageSize, fields);
        if (python is not null) results.Add(python);
        Print(results, python);
        Console.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB");
        return 0;
    }

    private static async Task<string[]> FieldsAsync(OdooOptions options)
    {
        await using var client = new OdooClient(options with { Protocol = OdooProtocol.JsonRpc });
        var known = await client.FieldsGetAsync("product.product");
        return TapFields.Where(known.Has).ToArray();
    }

    private static async Task<Result> ExtractAsync(string name, OdooOptions options, string[] fields, long? warmUpLimit = null)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var sampler = new PeakSampler();
        var domain = OdooDomain.Leaf("active", "=", true).Or(OdooDomain.Leaf("active", "=", false));
        await using var client = new OdooClient(options);
        await client.AuthenticateAsync();
        var watch = Stopwatch.StartNew();
        long records = 0;
        await foreach (var page in client.SearchReadPagesAsync("product.product", domain, fields, new OdooPageOptions { Limit = warmUpLimit }))
            records += page.Count;
        watch.Stop();
        return new Result(name, records, client.CallCount, client.BytesRead, watch.Elapsed, sampler.Peak);
    }

    /// <summary>The Python xmlrpc.client loop (bench/python/xmlrpc_baseline.py) over the same read, stdout redirected.</summary>
    internal static ProcessStartInfo PythonBaseline(OdooOptions options, int pageSize, string[] fields) => new("python3")
    {
        ArgumentList = { Path.Combine(Args.RepoRoot(), "bench", "python", "xmlrpc_baseline.py"), options.Url.ToString(), options.Database, options.Username,
            options.Password!, pageSize.ToString(CultureInfo.InvariantCulture), string.Join(",", fields) },
        RedirectStandardOutput = true, UseShellExecute = false,
    };

    private static async Task<Result?> PythonAsync(OdooOptions options, int pageSize, string[] fields)
    {
        var info = OdooExtract.PythonBaseline(options, pageSize, fields);
        using var process = Process.Start(info);
        if (process is null) { Console.WriteLine("python3 not found: baseline skipped"); return null; }
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) { Console.WriteLine($"python baseline failed (exit {process.ExitCode})"); return null; }
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        return new Result("python xmlrpc.client", r.GetProperty("records").GetInt64(), r.GetProperty("calls").GetInt64(), 0,
            TimeSpan.FromSeconds(r.GetProperty("seconds").GetDouble()), 0);
    }

    private static void Print(List<Result> results, Result? python)
    {
        Console.WriteLine();
        Console.WriteLine($"{"transport",-22} {"records",9} {"calls",6} {"wall s",8} {"rec/s",10} {"MB/s",8} {"peak heap MB",12} {"vs python",9}");
        foreach (var r in results)
        {
            var seconds = r.Wall.TotalSeconds;
            var mbs = r.Bytes > 0 ? (r.Bytes / 1048576.0 / seconds).ToString("0.0", CultureInfo.InvariantCulture) : "-";
            var peak = r.PeakManagedBytes > 0 ? (r.PeakManagedBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture) : "-";
            var ratio = python is null ? "-" : (seconds / python.Wall.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture);
            Console.WriteLine($"{r.Name,-22} {r.Records,9:N0} {r.Calls,6} {seconds,8:0.00} {r.Records / seconds,10:N0} {mbs,8} {peak,12} {ratio,9}");
        }
    }
}

/// <summary>Samples the managed heap every 5 ms and keeps the highest value seen.</summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakSampler() => _timer = new Timer(_ => Sample(), null, 0, 5);

    public long Peak { get { Sample(); return Interlocked.Read(ref _peak); } }

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
    }

    public void Dispose() => _timer.Dispose();
}
