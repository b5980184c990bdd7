// Runs the real odoo-optiply executable (built next to the tests) as a child process and collects
// its exit code, stdout and stderr; a run that does not end in time is killed and fails the test.
// A thin name over TestWorld's CliProcess, the one place the suites start the program.
using OdooOptiply.TestWorld;

namespace OdooOptiply.Singer.Tests.Tap.Support;

internal sealed record ProcessResult(int ExitCode, string Out, string Err);

internal static class TapProcess
{
    public static string Dll => CliProcess.Dll;

    public static async Task<ProcessResult> RunAsync(params string[] args)
    {
        // A guard against a hang, not a timing assertion.
        var r = await CliProcess.RunAsync(args, limit: TimeSpan.FromMinutes(3));
        return new ProcessResult(r.ExitCode, r.Out, r.Err);
    }
}
