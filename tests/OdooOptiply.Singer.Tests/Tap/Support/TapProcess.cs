// Runs the real odoo-optiply executable (built next to the tests) as a child process and collects
// its exit code, stdout and stderr; a run that does not end in time is killed and fails the test.
using System.Diagnostics;

namespace OdooOptiply.Singer.Tests.Tap.Support;

internal sealed record ProcessResult(int ExitCode, string Out, string Err);

internal static class TapProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "odoo-optiply.dll");

    public static async Task<ProcessResult> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ODOO_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a guard against a hang, not a timing assertion
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"odoo-optiply {string.Join(' ', args)} did not finish: {await stderr}");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
