// Runs the real odoo-optiply executable (the built dll next to the tests) as a child process: real exit
// codes, real stdout/stderr, real process death. Used by the hostile-input and secrets suites; a thin name
// over TestWorld's CliProcess, the one place the suites start the program.
using OdooOptiply.TestWorld;

namespace OdooOptiply.Cli.Tests.Reliability;

internal sealed record ProgramResult(int ExitCode, string Out, string Err, TimeSpan Elapsed)
{
    /// <summary>Both streams with line breaks folded (the console wraps long messages at 80 columns when redirected).</summary>
    public string All => System.Text.RegularExpressions.Regex.Replace(Out + "\n" + Err, @"\s*\n\s*", " ");
}

internal static class ProgramProcess
{
    public static string Dll => CliProcess.Dll;

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
        var r = await CliProcess.RunAsync(args, env, limit);
        return new ProgramResult(r.ExitCode, r.Out, r.Err, r.Elapsed);
    }
}
