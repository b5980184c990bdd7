// The program as a user runs it, facing hostile input: unknown flags, broken tenant files, corrupt
// state databases, and servers that answer garbage. Each ends with a non-zero exit and a message naming
// what is wrong, within seconds, leaving stored state as it was.
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Tests.Reliability;

namespace OdooOptiply.Cli.Tests.Hostile;

public sealed class CommandLineHostileTests : IDisposable
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(90); // generous: the point is "not minutes", on a busy 2-core machine too
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string WriteTenant(Uri odoo, Uri optiply, string? statePath = null)
    {
        var path = Path.Combine(_dir, "tenant.json");
        var config = new JsonObject
        {
            ["tenant"] = "acme",
            ["odoo"] = new JsonObject { ["url"] = odoo.ToString(), ["db"] = "acme", ["username"] = "admin", ["password"] = "cli-hostile-pw" },
            ["optiply"] = new JsonObject
            {
                ["client_id"] = "shop", ["client_secret"] = "cli-hostile-secret", ["username"] = "u", ["password"] = "cli-hostile-pw2",
                ["base_url"] = new Uri(optiply, "v1").ToString(), ["token_url"] = new Uri(optiply, "oauth/token").ToString(),
            },
        };
        if (statePath is not null) config["state_path"] = statePath;
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    [Fact]
    public async Task UnknownFlag_ExitsNonZeroNamingTheFlag()
    {
        var r = await ProgramProcess.RunAsync(["sync", "--config", "x.json", "--frobnicate"], limit: Seconds);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--frobnicate", r.All);
    }

    [Fact]
    public async Task BrokenTenantFile_ExitsTwoNamingEveryBadKey()
    {
        var path = Path.Combine(_dir, "tenant.json");
        await File.WriteAllTextAsync(path, """{"odoo": {"url": "nope", "db": 5}, "optiply": [], "language": "dutch", "sync_prodcuts": 1}""");
        var r = await ProgramProcess.RunAsync(["sync", "--config", path], limit: Seconds);
        Assert.Equal(2, r.ExitCode);
        foreach (var key in new[] { "odoo.url", "optiply", "language", "sync_prodcuts" }) Assert.Contains(key, r.All);
    }

    [Fact]
    public async Task CorruptStateDatabase_ExitsNonZeroNamingTheFile_AndLeavesItAsItWas()
    {
        var db = Path.Combine(_dir, "state.db");
        await File.WriteAllTextAsync(db, "definitely not sqlite, but the user's only copy");
        var before = await File.ReadAllBytesAsync(db);
        await using var server = await HostileServer.StartAsync(HostileServer.Always(503, "text/html", "down"));
        var r = await ProgramProcess.RunAsync(["sync", "--config", WriteTenant(server.Url, server.Url, db)], limit: Seconds);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("state.db", r.All);
        Assert.Contains("not a SQLite database", r.All);
        Assert.DoesNotContain("   at ", r.Out + r.Err); // a message, not a stack trace
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task OdooVersion_AgainstAServerAnswering503Forever_FailsWithinSeconds()
    {
        await using var server = await HostileServer.StartAsync(HostileServer.Always(503, "text/html", "<html><body>Service Unavailable (maintenance)</body></html>"));
        var r = await ProgramProcess.RunAsync(["odoo", "version", "--url", server.Url.ToString(), "--db", "x", "--username", "u", "--password", "cli-hostile-pw"], limit: Seconds);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("503", r.All);
        Assert.DoesNotContain("cli-hostile-pw", r.All);
    }

    [Fact]
    public async Task OdooCall_AgainstAnHtmlPageWithStatus200_FailsWithinSeconds()
    {
        await using var server = await HostileServer.StartAsync(HostileServer.Always(200, "text/html", "<html><body>Welcome to our intranet</body></html>"));
        var r = await ProgramProcess.RunAsync(["odoo", "call", "res.partner", "search", "[[]]", "--url", server.Url.ToString(), "--db", "x", "--username", "u", "--password", "cli-hostile-pw", "--protocol", "jsonrpc"], limit: Seconds);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("not valid JSON", r.All);
    }

    [Fact]
    public async Task OdooVersion_AgainstAClosedPort_FailsWithinSeconds()
    {
        var r = await ProgramProcess.RunAsync(["odoo", "version", "--url", "http://127.0.0.1:9", "--db", "x", "--username", "u", "--password", "cli-hostile-pw"], limit: Seconds);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("connection", r.All, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OptiplyList_AgainstAServerAnswering503Forever_FailsWithinSeconds()
    {
        await using var server = await HostileServer.StartAsync(c => c.Request.Path == "/oauth/token"
            ? HostileServer.Always(200, "application/json", """{"access_token":"t","expires_in":3600}""")(c)
            : HostileServer.Always(503, "text/html", "Service Unavailable")(c));
        var r = await ProgramProcess.RunAsync(["optiply", "list", "products", "--base-url", new Uri(server.Url, "v1").ToString(), "--token-url", new Uri(server.Url, "oauth/token").ToString(),
            "--client-id", "c", "--client-secret", "cli-hostile-secret", "--username", "u", "--password", "cli-hostile-pw"], limit: Seconds);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("503", r.All);
        Assert.DoesNotContain("cli-hostile-secret", r.All);
    }

    [Fact]
    public async Task Sync_WithOdooAnsweringNonsenseAtConnect_ExitsNonZeroWithAMessageNotAStackTrace()
    {
        await using var server = await HostileServer.StartAsync(HostileServer.Always(200, "application/json", """{"jsonrpc":"2.0","id":1,"result":false}"""));
        var tenant = WriteTenant(server.Url, server.Url, Path.Combine(_dir, "state.db"));
        // max_total_wait_seconds bounds the retries of each call: the run gives up within about a second.
        File.WriteAllText(tenant, File.ReadAllText(tenant).Replace("\"url\":\"" + server.Url, "\"protocol\":\"jsonrpc\",\"max_total_wait_seconds\":1,\"url\":\"" + server.Url));
        var start = await ProgramProcess.StartupCostAsync();
        var r = await ProgramProcess.RunAsync(["sync", "--config", tenant], limit: Seconds);
        Assert.NotEqual(0, r.ExitCode);
        // The bound is the feature: given up after about a second of retries, not after the 10-minute back-off. The start-up
        // of the process is taken off (a loaded machine slows that, not the retry budget); 30 s is 30x the budget, 20x below the back-off.
        Assert.True(r.Elapsed - start < TimeSpan.FromSeconds(30), $"took {r.Elapsed}, of which {start} to start");
        Assert.Contains("failed", r.All); // the run's one-line reason (issue 11), not a stack trace
        Assert.DoesNotContain("   at ", r.Out + r.Err);
        Assert.DoesNotContain("cli-hostile-pw", r.All);
    }
}
