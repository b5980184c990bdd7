// The real `odoo-optiply target` as a child process: a config file pointing at an emulated Odoo in this test
// process, Singer messages written to its stdin, its stdout (STATE lines) and stderr collected as they come, and
// SIGKILL when it stops at a named pause point (ODOO_OPTIPLY_PAUSE_AT): tests wait for printed lines, never for time.
using System.Diagnostics;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;

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
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "odoo-optiply.dll"), "target", "--config", ConfigPath }.Concat(extraArgs)) info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ODOO_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (pauseAt is not null) info.Environment["ODOO_OPTIPLY_PAUSE_AT"] = pauseAt;
        using var process = Process.Start(info)!;
        var stdout = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line) lock (stdout) stdout.Add(line);
        });
        var stderr = new System.Text.StringBuilder();
        var paused = new TaskCompletionSource();
        var errors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (stderr) stderr.AppendLine(line);
                if (pauseAt is not null && line.Trim() == "PAUSED " + pauseAt) paused.TrySetResult();
            }
        });
        try
        {
            foreach (var m in messages) await process.StandardInput.WriteLineAsync(m);
            process.StandardInput.Close();
        }
        catch (IOException) { /* it stopped reading (bad input, or killed): what it printed says why */ }
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var killed = false;
        if (pauseAt is not null)
        {
            var first = await Task.WhenAny(paused.Task, process.WaitForExitAsync(limit.Token));
            if (first == paused.Task) { process.Kill(); killed = true; } // SIGKILL: no flush, no finally
        }
        await process.WaitForExitAsync(limit.Token);
        await Task.WhenAll(reading, errors);
        lock (stdout) return new TargetExit(killed ? -9 : process.ExitCode, stdout.ToList(), stderr.ToString(), killed);
    }
}
