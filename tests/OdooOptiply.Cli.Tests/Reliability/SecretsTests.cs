// No secret ever leaves the program: full and incremental syncs over every Odoo protocol, an export, failing runs
// (refused password, refused client secret) and the debugging commands, all at the most verbose log level
// with body traces on, are searched for every credential (password, API key, client secret, the Basic
// header made of it, every bearer token issued) in logs, console output, trace files, exception
// messages, run reports and the state database's bytes.
using System.Text;
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;
using OdooOptiply.TestWorld;
using Spectre.Console.Testing;

namespace OdooOptiply.Cli.Tests.Reliability;

public sealed class SecretsTests : IAsyncLifetime
{
    private const string OptiplySecret = "optiply-client-secret-S3CR3T-5f2c";
    private const string OptiplyPassword = "optiply-password-S3CR3T-9a7b";
    private const string WrongOdooPassword = "wrong-odoo-password-S3CR3T-77";
    private const string WrongOptiplySecret = "wrong-optiply-secret-S3CR3T-88";

    private readonly ListLogger _logs = new();
    private readonly List<string> _seen = []; // console output, exception texts, run reports
    private World _world = null!;
    private string _dir => _world.Dir;
    private OdooEmulator _odoo => _world.Odoo;
    private OptiplyEmulator _optiply => _world.Optiply;

    public async Task InitializeAsync() => _world = await World.StartAsync(new WorldOptions
    {
        Tenant = "acme", Version = 19, FolderPrefix = "secrets-",
        Optiply = new OptiplyEmulatorOptions { ClientSecret = OptiplySecret, Password = OptiplyPassword },
    });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private IEnumerable<string> Secrets() =>
    [
        OdooEmulator.TestApiKey, OptiplySecret, OptiplyPassword, WrongOdooPassword, WrongOptiplySecret,
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_optiply.ClientId}:{OptiplySecret}")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_optiply.ClientId}:{WrongOptiplySecret}")),
        .. _optiply.IssuedTokens,
    ];

    // The RPC transports send the API key as the password: a recognisable 40-hex secret either way.
    private string WriteTenant(string protocol, string? odooPassword = null, string? optiplySecret = null)
    {
        var config = _world.ConfigJson(protocol: protocol);
        if (protocol != "json2") config["odoo"]!["password"] = odooPassword ?? OdooEmulator.TestApiKey;
        config["optiply"]!["client_secret"] = optiplySecret ?? OptiplySecret;
        var path = Path.Combine(_dir, $"tenant-{protocol}.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private async Task<RunReport?> SyncAsync(string configPath, bool export = false)
    {
        var config = TenantConfigLoader.Load(configPath).GetOrThrow();
        await using var session = await TenantSession.OpenAsync(config, _logs, tracePath: Path.Combine(_dir, "trace"));
        try
        {
            var run = export
                ? await new OdooOptiply.Sync.Export.ExportRunner(config, session.OdooClient, session.OptiplyClient, session.Store).RunAsync()
                : await session.SyncAsync(new SyncOptions(null, false, false));
            var console = new TestConsole().Width(200);
            console.Write(SyncCommand.ReportTable(run));
            _seen.Add(console.Output);
            _seen.AddRange(run.Streams.SelectMany(s => s.Errors));
            return run;
        }
        catch (Exception e)
        {
            _seen.Add(e.ToString());
            return null;
        }
    }

    private void AssertNoSecretAnywhere()
    {
        var texts = _seen.Concat(_logs.Lines.Select(l => l.ToString())).ToList();
        Assert.NotEmpty(_logs.Lines);
        var files = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.Contains("trace"));
        Assert.Contains(files, f => f.EndsWith("state.db", StringComparison.Ordinal));
        foreach (var secret in Secrets())
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
            foreach (var file in files)
                Assert.False(File.ReadAllText(file, Encoding.Latin1).Contains(secret, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds a secret");
        }
    }

    [Fact]
    public async Task FullAndIncrementalSyncsAndAnExport_OverEveryOdooProtocol_LeakNoSecret()
    {
        var full = await SyncAsync(WriteTenant("xmlrpc"));
        Assert.True(full!.Succeeded);
        Assert.True(full.Writes > 0);
        _odoo.Data.Write("product.product", [_odoo.Data.Search("product.product", "[]").First()["id"] is var id ? Convert.ToInt64(id) : 0], new Dictionary<string, object?> { ["name"] = "Renamed" });
        Assert.True((await SyncAsync(WriteTenant("jsonrpc")))!.Succeeded);
        Assert.True((await SyncAsync(WriteTenant("json2")))!.Succeeded);
        OdooOptiply.Sync.Tests.Reliability.ScenarioSteps.SeedBuyOrders(_optiply);
        var export = await SyncAsync(WriteTenant("json2"), export: true);
        Assert.True(export!.Succeeded && export.Writes > 0, string.Join("; ", export.Streams.SelectMany(s => s.Errors)));
        Assert.NotEmpty(_optiply.IssuedTokens);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task FailingRuns_RefusedOdooPasswordAndRefusedClientSecret_LeakNoSecret()
    {
        // A run that cannot start is saved as failed, with its reason (issue 11), never as a success.
        var odooRefused = await SyncAsync(WriteTenant("jsonrpc", odooPassword: WrongOdooPassword));
        Assert.False(odooRefused!.Succeeded);
        Assert.Contains("login refused", odooRefused.Reason);
        var refused = await SyncAsync(WriteTenant("xmlrpc", optiplySecret: WrongOptiplySecret));
        Assert.False(refused!.Succeeded);
        var console = new TestConsole().Width(200);
        Assert.NotEqual(0, await SyncCommand.RunAsync(WriteTenant("jsonrpc", odooPassword: WrongOdooPassword), [], false, false, console, _ => null, CancellationToken.None)
            .ContinueWith(t => { if (t.Exception is { } e) _seen.Add(e.ToString()); return t.IsFaulted ? -1 : t.Result; }));
        _seen.Add(console.Output);
        Assert.Contains(_seen, s => s.Contains("login refused", StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        AssertNoSecretAnywhere();
    }

    [Fact]
    public async Task DebuggingCommands_VerboseWithTrace_LeakNoSecret()
    {
        var trace = Path.Combine(_dir, "trace-cli");
        var odoo = await ProgramProcess.RunAsync(["odoo", "call", "res.partner", "search_read", "[[]]", "--kwargs", "{\"limit\":2}", "--url", _odoo.Url.ToString(), "--db", _odoo.Database,
            "--username", _odoo.Username, "--api-key", OdooEmulator.TestApiKey, "--protocol", "json2", "--verbose", "--trace", trace + ".odoo"]);
        var odooRefused = await ProgramProcess.RunAsync(["odoo", "version", "--url", _odoo.Url.ToString(), "--db", _odoo.Database, "--username", _odoo.Username,
            "--verbose", "--trace", trace + ".odoo2", "--protocol", "jsonrpc"], new Dictionary<string, string> { ["ODOO_PASSWORD"] = WrongOdooPassword });
        var optiply = await ProgramProcess.RunAsync(["optiply", "list", "products", "--base-url", _optiply.BaseUrl.ToString(), "--token-url", _optiply.TokenUrl.ToString(),
            "--client-id", _optiply.ClientId, "--username", _optiply.Username, "--verbose", "--trace", trace + ".optiply"],
            new Dictionary<string, string> { ["OPTIPLY_CLIENT_SECRET"] = OptiplySecret, ["OPTIPLY_PASSWORD"] = OptiplyPassword });
        Assert.Equal(0, odoo.ExitCode);
        Assert.Equal(0, optiply.ExitCode);
        _seen.AddRange([odoo.Out, odoo.Err, odooRefused.Out, odooRefused.Err, optiply.Out, optiply.Err]);
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(_logs.CreateLogger("odoo-optiply stderr"), "{Stderr}", odoo.Err); // the --verbose log went to stderr
        File.WriteAllText(Path.Combine(_dir, "state.db"), ""); // no state database in this test; keep the file check honest
        AssertNoSecretAnywhere();
    }
}
