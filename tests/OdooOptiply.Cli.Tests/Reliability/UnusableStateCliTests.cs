// Issue 10 item 17 through the real program: `sync`, `export` and `status` with a state_path that cannot hold the
// state (/dev/null, under a file, a directory) print one line saying so and exit 2 — no stack trace.
using System.Text.Json.Nodes;

namespace OdooOptiply.Cli.Tests.Reliability;

public sealed class UnusableStateCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("unusable-state-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, string> Cases() => new()
    {
        { "sync", "/dev/null" }, { "export", "/dev/null" }, { "sync", "UNDER_A_FILE" }, { "sync", "A_DIRECTORY" }, { "doctor", "UNDER_A_FILE" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_WithAnUnusableStatePath_OneLineAndExit2(string command, string statePath)
    {
        File.WriteAllText(Path.Combine(_dir, "plain.txt"), "x");
        var path = statePath switch
        {
            "UNDER_A_FILE" => Path.Combine(_dir, "plain.txt", "state.db"),
            "A_DIRECTORY" => _dir,
            _ => statePath,
        };
        var config = Path.Combine(_dir, "tenant.json");
        File.WriteAllText(config, new JsonObject
        {
            ["tenant"] = "t", ["state_path"] = path,
            ["odoo"] = new JsonObject { ["url"] = "http://127.0.0.1:9", ["db"] = "d", ["username"] = "u", ["password"] = "p" },
            ["optiply"] = new JsonObject { ["client_id"] = "c", ["client_secret"] = "s", ["username"] = "u", ["password"] = "p" },
        }.ToJsonString());
        var run = await ProgramProcess.RunAsync([command, "--config", config]);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.All}");
        Assert.Contains("state", run.All);
        Assert.DoesNotContain("   at ", run.Out + run.Err);
        Assert.DoesNotContain("Unhandled exception", run.All);
    }
}
