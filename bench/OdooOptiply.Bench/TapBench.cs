// tap: `odoo-optiply tap` reading every product from the emulator (a separate process) beside
// `odoo-optiply odoo dump` and the current tap's Python xmlrpc.client loop, same fields and page size.
// Each runs as its own process under /usr/bin/time: wall, CPU (user+sys) and peak working set (max RSS).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OdooOptiply.Bench;

internal static class TapBench
{
    private sealed record Measured(string Name, long Records, double Wall, double Cpu, double PeakMb);

    public static async Task<int> RunAsync(string[] args)
    {
        var products = Args.Int(args, "--products", 100_000);
        var pageSize = Args.Int(args, "--page-size", 1000);
        var version = Args.Int(args, "--version", 18);
        var protocols = (Args.Text(args, "--protocols") ?? "xmlrpc,jsonrpc").Split(',');
        var cli = Args.Text(args, "--cli") ?? Args.FindCli();
        var dir = Directory.CreateTempSubdirectory("bench-tap-").FullName;
        Console.WriteLine($"tap: {products:N0} products, page size {pageSize}, emulator Odoo {version} ({cli})");
        try
        {
            await using var emulator = await EmulatorProcess.StartAsync(cli, version, products, TimeSpan.FromMinutes(5));
            var url = emulator.Url.ToString().TrimEnd('/');
            var results = new List<Measured>();
            foreach (var protocol in protocols)
            {
                var config = Path.Combine(dir, $"config-{protocol}.json");
                await File.WriteAllTextAsync(config, new JsonObject
                {
                    ["url"] = url, ["db"] = "optiply_demo", ["username"] = "admin", ["password"] = "admin", ["protocol"] = protocol,
                    ["page_size"] = pageSize, ["start_date"] = "2000-01-01T00:00:00Z",
                }.ToJsonString());
                var catalog = Path.Combine(dir, "catalog.json");
                if (!File.Exists(catalog)) await File.WriteAllTextAsync(catalog, await CatalogAsync(cli, config, dir));
                // Warm-up, untimed: the emulator's code paths for this protocol.
                await TimedAsync(dir, "warm-up", ["dotnet", cli, "odoo", "dump", "product.product", "--fields", "name", "--limit", "3000", "--url", url,
                    "--db", "optiply_demo", "--username", "admin", "--password", "admin", "--protocol", protocol], _ => 0);
                results.Add(await TimedAsync(dir, $"odoo-optiply tap ({protocol})", ["dotnet", cli, "tap", "--config", config, "--catalog", catalog],
                    lines => lines.Count(l => l.StartsWith("{\"type\":\"RECORD\"", StringComparison.Ordinal))));
                results.Add(await TimedAsync(dir, $"odoo-optiply odoo dump ({protocol})", ["dotnet", cli, "odoo", "dump", "product.product",
                    "--fields", string.Join(",", OdooExtract.TapFields), "--domain", """["|",["active","=",true],["active","=",false]]""",
                    "--page-size", pageSize.ToString(CultureInfo.InvariantCulture), "--url", url, "--db", "optiply_demo", "--username", "admin",
                    "--password", "admin", "--protocol", protocol], lines => lines.Count()));
            }
            if (!args.Contains("--no-python"))
            {
                var script = Path.Combine(Args.RepoRoot(), "bench", "python", "xmlrpc_baseline.py");
                var fields = string.Join(",", OdooExtract.TapFields.Where(f => f != "is_storable" || version >= 18));
                results.Add(await TimedAsync(dir, "python xmlrpc.client loop", ["python3", script, url + "/", "optiply_demo", "admin", "admin",
                    pageSize.ToString(CultureInfo.InvariantCulture), fields], lines => (long)JsonNode.Parse(lines.First())!["records"]!));
            }
            Console.WriteLine();
            Console.WriteLine($"{"program",-34} {"records",9} {"wall s",8} {"cpu s",8} {"peak MB",8} {"rec/s",9}");
            foreach (var r in results)
                Console.WriteLine($"{r.Name,-34} {r.Records,9:N0} {r.Wall,8:0.00} {r.Cpu,8:0.00} {r.PeakMb,8:0} {r.Records / r.Wall,9:N0}");
            return results.All(r => r.Records >= products) ? 0 : 1;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    // The discovered catalog with only products selected, and of it only the fields odoo-extract and the Python loop read.
    private static async Task<string> CatalogAsync(string cli, string config, string dir)
    {
        var run = await RunAsync(["dotnet", cli, "tap", "--config", config, "--discover"], Path.Combine(dir, "catalog.out"));
        if (run != 0) throw new InvalidOperationException($"tap --discover exited {run}");
        var catalog = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "catalog.out")))!.AsObject();
        foreach (var s in catalog["streams"]!.AsArray())
        {
            var isProducts = (string)s!["stream"]! == "products";
            foreach (var m in s["metadata"]!.AsArray())
            {
                var crumb = m!["breadcrumb"]!.AsArray();
                if (crumb.Count == 0) m["metadata"]!["selected"] = isProducts;
                else m["metadata"]!["selected"] = isProducts && OdooExtract.TapFields.Contains((string)crumb[1]!);
            }
        }
        return catalog.ToJsonString();
    }

    private static async Task<Measured> TimedAsync(string dir, string name, string[] command, Func<IEnumerable<string>, long> count)
    {
        var timeFile = Path.Combine(dir, "time.txt");
        var outFile = Path.Combine(dir, "out.txt");
        var exit = await RunAsync(["/usr/bin/time", "-f", "%e %U %S %M", "-o", timeFile, .. command], outFile);
        if (exit != 0) throw new InvalidOperationException($"{name} exited {exit}");
        var t = (await File.ReadAllTextAsync(timeFile)).Trim().Split('\n')[^1].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        long records;
        using (var reader = new StreamReader(outFile)) records = count(LinesOf(reader));
        if (name != "warm-up") Console.WriteLine($"  {name}: {records:N0} records in {t[0]:0.00} s");
        return new Measured(name, records, t[0], t[1] + t[2], t[3] / 1024.0);
    }

    private static IEnumerable<string> LinesOf(StreamReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }

    // Runs a command with stdout to a file (so output costs the same for every program) and stderr passed on.
    private static async Task<int> RunAsync(string[] command, string stdoutFile)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command[1..]) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command[0]}");
        await using var file = File.Create(stdoutFile);
        var copy = process.StandardOutput.BaseStream.CopyToAsync(file);
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        var err = await errors;
        if (process.ExitCode != 0) Console.Error.WriteLine(err.Length > 2000 ? err[^2000..] : err);
        return process.ExitCode;
    }
}
