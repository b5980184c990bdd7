// `odoo-optiply run` as a real child process: settings from ODOO_OPTIPLY_Daemon__* environment variables
// (no option on the command line), the board's address printed, the first pull shown on the page, /healthz
// answering, SIGTERM ending it with exit 0; another address than loopback without a token refused (exit 2).
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Web.Tests;

[Collection(BoardCollection.Name)]
public sealed partial class RunHttpProcessTests
{
    [Fact]
    public async Task Run_SettingsFromEnvironment_ServesTheBoardUntilSigterm()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions { StrictRequestsPerSecond = null });
        var dir = Directory.CreateTempSubdirectory("board-run-").FullName;
        var config = Path.Combine(dir, "acme.json");
        await File.WriteAllTextAsync(config, new JsonObject
        {
            ["tenant"] = "acme", ["start_date"] = "2020-01-01", ["state_path"] = Path.Combine(dir, "acme.db"),
            ["odoo"] = new JsonObject { ["url"] = odoo.Url.ToString(), ["db"] = odoo.Database, ["username"] = odoo.Username, ["password"] = odoo.Password, ["protocol"] = "xmlrpc" },
            ["optiply"] = new JsonObject
            {
                ["client_id"] = optiply.ClientId, ["client_secret"] = optiply.ClientSecret, ["username"] = optiply.Username, ["password"] = optiply.Password,
                ["account_id"] = optiply.AccountId, ["coupling_id"] = optiply.CouplingId, ["requests_per_second"] = 500,
                ["base_url"] = optiply.BaseUrl.ToString(), ["token_url"] = optiply.TokenUrl.ToString(),
            },
        }.ToJsonString());
        using var child = Program.Start(["run"], new()
        {
            ["ODOO_OPTIPLY_Daemon__Configs__0"] = config, ["ODOO_OPTIPLY_Daemon__Http"] = "127.0.0.1:0", ["ODOO_OPTIPLY_Daemon__IntervalUnit"] = "seconds",
        });
        var printed = await child.WaitForAsync(o => BoardLine().IsMatch(o));
        var board = new Uri(BoardLine().Match(printed).Groups["url"].Value);
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(board, "healthz"))).StatusCode);
        await BoardWorld.Until(async () => (await http.GetStringAsync(board)).Contains("data-flow=\"products\" data-state=\"ok\"", StringComparison.Ordinal), "the first pull on the board");
        Assert.Contains("read-only", printed, StringComparison.Ordinal);

        using (var kill = Process.Start("kill", ["-TERM", child.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        Assert.Equal(0, await child.ExitAsync());
        Assert.Contains("stopped", child.Output, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Run_TenantFolder_ServesTheBoardAndItFollowsTheFolder()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions { StrictRequestsPerSecond = null });
        var dir = Directory.CreateTempSubdirectory("board-folder-").FullName;
        string Tenant(string name) => new JsonObject
        {
            ["tenant"] = name, ["start_date"] = "2020-01-01", ["state_path"] = Path.Combine(dir, name + ".db"),
            ["odoo"] = new JsonObject { ["url"] = odoo.Url.ToString(), ["db"] = odoo.Database, ["username"] = odoo.Username, ["password"] = odoo.Password, ["protocol"] = "xmlrpc" },
            ["optiply"] = new JsonObject
            {
                ["client_id"] = optiply.ClientId, ["client_secret"] = optiply.ClientSecret, ["username"] = optiply.Username, ["password"] = optiply.Password,
                ["account_id"] = optiply.AccountId, ["coupling_id"] = optiply.CouplingId, ["requests_per_second"] = 500,
                ["base_url"] = optiply.BaseUrl.ToString(), ["token_url"] = optiply.TokenUrl.ToString(),
            },
            ["schedule"] = new JsonObject { ["pull_minutes"] = 3, ["export_minutes"] = 3 }, // seconds here; the first firing is jittered within one interval
        }.ToJsonString();
        var tenants = Directory.CreateDirectory(Path.Combine(dir, "tenants")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tenants, "acme.json"), Tenant("acme"));
        using var child = Program.Start(["run", "--tenants-dir", tenants, "--http", "127.0.0.1:0", "--interval-unit", "seconds", "--rescan-seconds", "1"], []);
        var printed = await child.WaitForAsync(o => BoardLine().IsMatch(o));
        var board = new Uri(BoardLine().Match(printed).Groups["url"].Value);
        using var http = new HttpClient();
        await BoardWorld.Until(async () => (await http.GetStringAsync(board)).Contains("data-flow=\"products\" data-state=\"ok\"", StringComparison.Ordinal), "acme's first pull on the board");
        // A tenant file added while the daemon runs shows on the board without a restart.
        await File.WriteAllTextAsync(Path.Combine(tenants, "beta.json"), Tenant("beta"));
        await BoardWorld.Until(async () => (await http.GetStringAsync(board)).Contains("beta", StringComparison.Ordinal), "beta on the board");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(board, "readyz"))).StatusCode);

        using (var kill = Process.Start("kill", ["-TERM", child.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        Assert.Equal(0, await child.ExitAsync());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Run_NonLoopbackWithoutToken_RefusedWithExit2()
    {
        using var child = Program.Start(["run", "--config", "/nonexistent/acme.json", "--http", "0.0.0.0:5080"], new() { [BoardAuth.TokenVariable] = "" });
        Assert.Equal(2, await child.ExitAsync());
        Assert.Contains("only when ODOO_OPTIPLY_BOARD_TOKEN is set", child.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithHttp_PrintsTheAddressOfItsBoardAndEndsWell()
    {
        using var child = Program.Start(["demo", "--http", "127.0.0.1:0"], []);
        var printed = await child.WaitForAsync(o => DemoLine().IsMatch(o));
        Assert.Equal(0, await child.ExitAsync());
        Assert.Contains("nothing was created twice", child.Output, StringComparison.Ordinal);
        Assert.Matches(DemoLine(), printed);
    }

    [GeneratedRegex(@"sync board of the demo at http://127\.0\.0\.1:\d+/")]
    private static partial Regex DemoLine();

    [GeneratedRegex(@"sync board at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex BoardLine();

    private sealed class Program : IDisposable
    {
        private readonly PrintedText _out = new();
        public Process Process { get; }
        private Program(Process p) => Process = p;
        public string Output => _out.ToString();

        public static Program Start(string[] args, Dictionary<string, string> env)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "odoo-optiply.dll"));
            foreach (var a in args) info.ArgumentList.Add(a);
            foreach (var (k, v) in env) info.Environment[k] = v;
            var p = new Program(new Process { StartInfo = info });
            p.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) p._out.WriteLine(e.Data); };
            p.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) p._out.WriteLine(e.Data); };
            p.Process.Start();
            p.Process.BeginOutputReadLine();
            p.Process.BeginErrorReadLine();
            return p;
        }

        /// <summary>Waits for what the child prints (as it prints it); fails at once if it exits first.</summary>
        public Task<string> WaitForAsync(Func<string, bool> printed) =>
            _out.PrintedAsync(printed, "the expected line", Process.WaitForExitAsync());

        public async Task<int> ExitAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await Process.WaitForExitAsync(cts.Token);
            Process.WaitForExit();
            return Process.ExitCode;
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}
