// Runs the real odoo-optiply executable (the built dll next to the tests) as a child process: real exit
// codes, real stdout/stderr, real process death. Used by the hostile-input, secrets and crash suites.
using System.Diagnostics;

namespace OdooOptiply.Cli.Tests.Reliability;

internal sealed record ProgramResult(int ExitCode, string Out, string Err, TimeSpan Elapsed)
{
    /// <summary>Both streams with line breaks folded (the console wraps long messages at 80 columns when redirected).</summary>
    public string All => System.Text.RegularExpressions.Regex.Replace(Out + "\n" + Err, @"\s*\n\s*", " ");
}

internal static class ProgramProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "odoo-optiply.dll");

    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        // Nothing of the developer's own connection settings leaks into a test run.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ODOO_", StringComparison.Ordinal) || k.StartsWith("OPTIPLY_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["COLUMNS"] = "200";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    /// <summary>
    /// What starting the executable costs on this machine right now: it refuses a missing config (no network, no
    /// retries). Time bounds on a run take it off, so a loaded machine slows the start-up, not the bound being tested.
    /// </summary>
    public static async Task<TimeSpan> StartupCostAsync()
    {
        var r = await RunAsync(["sync", "--config", Path.Combine(Path.GetTempPath(), $"no-such-config-{Guid.NewGuid():N}.json")], limit: TimeSpan.FromSeconds(120));
        if (r.ExitCode == 0) throw new InvalidOperationException("a missing config was accepted");
        return r.Elapsed;
    }

    /// <summary>Runs to the end (killed after <paramref name="limit"/>, which fails the test).</summary>
    public static async Task<ProgramResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(args, env);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"odoo-optiply {string.Join(' ', args)} did not finish within {limit}: {await stdout}\n{await stderr}");
        }
        return new ProgramResult(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }
}
