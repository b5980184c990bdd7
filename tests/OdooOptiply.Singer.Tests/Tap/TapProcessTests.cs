// The real `odoo-optiply tap` process against an emulator: stdout carries nothing but Singer JSON
// lines (logs go to stderr), --discover prints one catalog, a run resumes from a state file, bad input
// exits 2 with a one-line reason and an empty stdout, and no secret appears on either stream.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Singer.Tests.Tap.Support;

namespace OdooOptiply.Singer.Tests.Tap;

public class TapProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tap-process-").FullName;

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Sync_StdoutIsOnlySingerMessages_AndResumesFromItsState()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 19 });
        // The API key as password (RPC accepts it), so a leak of the secret would be visible.
        var config = TapHarness.Config(odoo, new { password = odoo.ApiKey, protocol = "xmlrpc", full_sync_streams = "stock" });
        var configPath = File("config.json", config.ToJsonString());
        var run = await TapProcess.RunAsync("tap", "--config", configPath);
        Assert.True(run.ExitCode == 0, run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 100);
        var types = new List<string>();
        foreach (var line in lines)
        {
            var m = JsonNode.Parse(line)!.AsObject();
            types.Add((string)m["type"]!);
        }
        Assert.All(types, t => Assert.Contains(t, new[] { "SCHEMA", "RECORD", "STATE", "ACTIVATE_VERSION" }));
        Assert.Contains("tap: done", run.Err);
        Assert.DoesNotContain(odoo.ApiKey, run.Out + run.Err);

        // The last STATE line is what a runner saves; a second run from it reads only the unsettled second again.
        var state = JsonNode.Parse(lines.Last(l => l.Contains("\"STATE\"", StringComparison.Ordinal)))!["value"]!.ToJsonString();
        odoo.Data.Create("res.partner", new Dictionary<string, object?> { ["name"] = "Added Between Runs" });
        var second = await TapProcess.RunAsync("tap", "--config", configPath, "--state", File("state.json", state));
        Assert.True(second.ExitCode == 0, second.Err);
        var records = second.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(m => (string?)m["type"] == "RECORD" && (string?)m["stream"] == "customers").Select(m => (string?)m["record"]!["name"]).ToList();
        Assert.Contains("Added Between Runs", records);
    }

    [Fact]
    public async Task Discover_PrintsOneCatalog_AndCatalogSelects()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var configPath = File("config.json", TapHarness.Config(odoo).ToJsonString());
        var discover = await TapProcess.RunAsync("tap", "--config", configPath, "--discover");
        Assert.True(discover.ExitCode == 0, discover.Err);
        var catalog = JsonNode.Parse(discover.Out)!.AsObject();
        Assert.Equal(19, catalog["streams"]!.AsArray().Count); // tap-odoo's 18 and taxes
        var selected = TapHarness.Select(catalog, "warehouse");
        var run = await TapProcess.RunAsync("tap", "--config", configPath, "--properties", File("catalog.json", selected.ToJsonString()));
        Assert.True(run.ExitCode == 0, run.Err);
        var streams = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(m => m["stream"] is not null).Select(m => (string)m["stream"]!).Distinct();
        Assert.Equal(["warehouse"], streams);
    }

    [Theory]
    [InlineData("""{"url":"http://127.0.0.1:9","username":"u","password":"s3cr3t-value"}""", "db")]
    [InlineData("""{"url":"http://127.0.0.1:9","db":"d","username":"u","password":"s3cr3t-value","language":"Dutch"}""", "language")]
    [InlineData("""{"url":"http://127.0.0.1:9","db":"d","username":"u","password":"s3cr3t-value","start_date":"yesterday"}""", "start_date")]
    [InlineData("""{"url":"http://127.0.0.1:9","db":"d","username":"u","password":"s3cr3t-value""", "JSON")]
    public async Task BadConfig_ExitsTwo_NamingTheKey_WithEmptyStdout(string config, string named)
    {
        var run = await TapProcess.RunAsync("tap", "--config", File("bad.json", config));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains(named, run.Err);
        Assert.DoesNotContain("s3cr3t-value", run.Err);
        Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task BadCatalogOrState_ExitsTwo()
    {
        var config = File("config.json", """{"url":"http://127.0.0.1:9","db":"d","username":"u","password":"p"}""");
        var catalog = await TapProcess.RunAsync("tap", "--config", config, "--catalog", File("c.json", """{"streams":[{"tap_stream_id":"products","replication_method":"LOG_BASED"}]}"""));
        Assert.Equal(2, catalog.ExitCode);
        Assert.Contains("LOG_BASED", catalog.Err);
        var state = await TapProcess.RunAsync("tap", "--config", config, "--state", File("s.json", """{"bookmarks":{"products":{"replication_key_value":"soon"}}}"""));
        Assert.Equal(2, state.ExitCode);
        Assert.Contains("soon", state.Err);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
