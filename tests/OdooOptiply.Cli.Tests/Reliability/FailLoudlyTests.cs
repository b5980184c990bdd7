// Issue 11, "never a silent success": each failure class run through the real program as a child process,
// with its exit code and its one-line reason. Wrong Optiply password, unreachable Odoo, a corrupt state
// file in every command, command-line parse errors, and plain (markup-free) output when piped.
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Tests.Commands;

namespace OdooOptiply.Cli.Tests.Reliability;

public sealed class FailLoudlyTests
{
    private static async Task Edit(TenantFiles t, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(t.ConfigPath))!.AsObject();
        edit(json);
        await File.WriteAllTextAsync(t.ConfigPath, json.ToJsonString());
    }

    private static int TokenRequests(TenantFiles t) => t.Optiply.Traffic.Requests.Count(r => r.Path.Contains("oauth/token", StringComparison.Ordinal));

    [Fact]
    public async Task Sync_WrongOptiplyPassword_ExitsOneAfterOneTokenRequestWithTheReason()
    {
        await using var t = await TenantFiles.StartAsync();
        await Edit(t, j => j["optiply"]!["password"] = "not-the-password");
        var r = await ProgramProcess.RunAsync(["sync", "--config", t.ConfigPath]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(1, TokenRequests(t));
        Assert.Equal(0, t.Optiply.WriteCount);
        Assert.Contains("Optiply token request failed (400)", r.All);
        Assert.DoesNotContain("[green]", r.All);
    }

    [Fact]
    public async Task Export_WrongOptiplyPassword_ExitsOneAfterOneTokenRequestWithTheReason()
    {
        await using var t = await TenantFiles.StartAsync();
        Assert.Equal(0, (await ProgramProcess.RunAsync(["sync", "--config", t.ConfigPath])).ExitCode);
        t.SeedBuyOrder();
        t.SeedBuyOrder();
        await Edit(t, j => j["optiply"]!["password"] = "not-the-password");
        var before = TokenRequests(t);
        var r = await ProgramProcess.RunAsync(["export", "--config", t.ConfigPath]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(1, TokenRequests(t) - before);
        Assert.Contains("failed", r.All);
        Assert.Contains("token request failed (400)", r.All);
    }

    [Fact]
    public async Task Sync_OdooPortRefused_FailsWithinThirtySecondsWithDoctorsHint()
    {
        await using var t = await TenantFiles.StartAsync();
        await Edit(t, j => j["odoo"]!["url"] = "http://127.0.0.1:1/");
        var start = await ProgramProcess.StartupCostAsync();
        var r = await ProgramProcess.RunAsync(["sync", "--config", t.ConfigPath], limit: TimeSpan.FromSeconds(120));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cannot be reached", r.All);
        Assert.Contains("doctor", r.All);
        // The bound is the feature (a refused port gives up within seconds, not after the long back-off); the process's
        // start-up is taken off, so a loaded machine does not eat into it.
        Assert.True(r.Elapsed - start < TimeSpan.FromSeconds(30), $"took {r.Elapsed}, of which {start} to start");
    }

    [Fact]
    public async Task Sync_Piped_PrintsNoRawMarkup()
    {
        await using var t = await TenantFiles.StartAsync();
        var r = await ProgramProcess.RunAsync(["sync", "--config", t.ConfigPath]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("✓ products:", r.Out);
        Assert.DoesNotContain("[green]", r.Out);
        Assert.DoesNotContain("[/]", r.Out);
    }

    [Theory]
    [InlineData("sync", "--no-such-option")]
    [InlineData("status")]
    [InlineData("frobnicate")]
    public async Task CommandLine_ParseError_ExitsTwo(params string[] args)
    {
        var r = await ProgramProcess.RunAsync(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error", r.Err);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("export")]
    [InlineData("status")]
    [InlineData("doctor")]
    public async Task AnyCommand_CorruptStateFile_OneLineExitTwoAndTheAdoptionNote(string command)
    {
        await using var t = await TenantFiles.StartAsync();
        await File.WriteAllTextAsync(t.StatePath, "this is not a database, just text that got here somehow");
        var r = await ProgramProcess.RunAsync([command, "--config", t.ConfigPath]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a SQLite database or is corrupt", r.All);
        Assert.Contains("adopts what Optiply already holds", r.All);
        Assert.DoesNotContain("   at ", r.Out + r.Err); // no stack trace
    }

    [Fact]
    public async Task Status_AfterAWrongPassword_ShowsTheFailedRunWithItsReason()
    {
        await using var t = await TenantFiles.StartAsync();
        await Edit(t, j => j["optiply"]!["password"] = "not-the-password");
        Assert.Equal(1, (await ProgramProcess.RunAsync(["sync", "--config", t.ConfigPath])).ExitCode);
        var status = await ProgramProcess.RunAsync(["status", "--config", t.ConfigPath]);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("run 1 start: Optiply token request failed (400)", status.All);
        var one = await ProgramProcess.RunAsync(["status", "--config", t.ConfigPath, "--run", "1"]);
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("failed start: Optiply token request failed (400)", one.All);
        Assert.Equal(2, (await ProgramProcess.RunAsync(["status", "--config", t.ConfigPath, "--run", "99"])).ExitCode);
    }

    [Fact]
    public async Task Daemon_OneTenantWithACorruptStateFile_LogsItAndKeepsRunningTheOther()
    {
        await using var t = await TenantFiles.StartAsync(extra: new JsonObject { ["schedule"] = new JsonObject { ["pull_minutes"] = 2, ["export_minutes"] = 1 } });
        var broken = JsonNode.Parse(await File.ReadAllTextAsync(t.ConfigPath))!.AsObject();
        var brokenState = Path.Combine(Path.GetDirectoryName(t.ConfigPath)!, "broken.db");
        await File.WriteAllTextAsync(brokenState, "garbage, not SQLite");
        broken["tenant"] = "broken";
        broken["state_path"] = brokenState;
        var brokenConfig = Path.Combine(Path.GetDirectoryName(t.ConfigPath)!, "broken.json");
        await File.WriteAllTextAsync(brokenConfig, broken.ToJsonString());
        using var daemon = t.Start($"run --interval-unit seconds --shutdown-grace 5 --config \"{brokenConfig}\"");
        await daemon.WaitForOutputAsync(o => o.Contains("broken pull: failed: The state database", StringComparison.Ordinal)
            && o.Contains("acme pull: ok", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.False(daemon.Process.HasExited);
        Assert.True(t.Optiply.Store.Count("products") > 0);
    }
}
