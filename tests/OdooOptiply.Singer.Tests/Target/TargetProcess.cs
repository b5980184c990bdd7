// The real `odoo-optiply target` as a child process: a config file pointing at an emulated Odoo in this test
// process, Singer messages written to its stdin, its stdout (STATE lines) and stderr collected as they come, and
// SIGKILL when it stops at a named pause point (ODOO_OPTIPLY_PAUSE_AT): tests wait for printed lines, never for time.
// The process itself is TestWorld's CliProcess.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.TestWorld;

namespace OdooOptiply.Singer.Tests.Target;

internal sealed record TargetExit(int ExitCode, IReadOnlyList<string> Stdout, string Stderr, bool Killed)
{
    public IReadOnlyList<JsonObject> States => Stdout.Select(l => JsonNode.Parse(l)!.AsObject()).Where(m => (string?)m["type"] == "STATE").Select(m => m["value"]!.AsObject()).ToList();
}

internal sealed class TargetProcess(OdooEmulator odoo, string dir)
{
    public string ConfigPath => Path.Combine(dir, "target.json");
    public string StatePath => Path.Combine(dir, "target-state.db");

    public void WriteConfig(Action<JsonObject>? change = null)
    {
        var config = new JsonObject
        {
            ["url"] = odoo.Url.ToString(), ["db"] = odoo.Database, ["username"] = odoo.Username, ["password"] = odoo.Password,
            ["protocol"] = "xmlrpc", ["state_path"] = StatePath,
        };
        change?.Invoke(config);
        File.WriteAllText(ConfigPath, config.ToJsonString());
    }

    /// <summary>Runs the target over <paramref name="messages"/>; with <paramref name="pauseAt"/>, kills it (SIGKILL) once it paused there.</summary>
    public async Task<TargetExit> RunAsync(IEnumerable<string> messages, string? pauseAt = null, params string[] extraArgs)
    {
        using var process = CliProcess.Start(new[] { "target", "--config", ConfigPath }.Concat(extraArgs),
            pauseAt is null ? null : new Dictionary<string, string> { [OdooOptiply.Sync.PausePoints.Variable] = pauseAt }, input: true);
        try
        {
            foreach (var m in messages) await process.StandardInput.WriteLineAsync(m);
            process.StandardInput.Close();
        }
        catch (IOException) { /* it stopped reading (bad input, or killed): what it printed says why */ }
        var killed = false;
        // SIGKILL once it printed the pause marker: no flush, no finally.
        if (pauseAt is not null && await process.TryWaitPausedAtAsync(pauseAt, TimeSpan.FromSeconds(120))) killed = await process.KillAsync();
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(120), "odoo-optiply target");
        return new TargetExit(killed ? -9 : exit, process.OutputLines, process.Errors, killed);
    }
}
