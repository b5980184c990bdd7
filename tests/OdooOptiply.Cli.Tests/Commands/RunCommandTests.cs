// The daemon as a real process (schedule numbers read as seconds): both jobs run on their cadence, the buy
// order made in Optiply reaches Odoo, the runs are in the state store's history with their last/next times,
// and SIGTERM stops it cleanly (exit code 0, "stopped"). It waits for what the daemon prints and writes
// (its "ok" lines, the rows in Odoo), never for a number of seconds: a busy machine only makes it slower.
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Sync.State;
using Spectre.Console.Testing;

namespace OdooOptiply.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Process_ShortIntervals_RunsBothJobsRepeatedlyAndStopsOnSigterm()
    {
        await using var t = await TenantFiles.StartAsync(extra: new JsonObject { ["schedule"] = new JsonObject { ["pull_minutes"] = 2, ["export_minutes"] = 1 } });
        // A grace far beyond a run's length: a run still going at SIGTERM on a loaded machine finishes instead of being aborted.
        using var daemon = t.Start("run --interval-unit seconds --shutdown-grace 60");
        // The first pull binds suppliers and products; an order made after it is exported by a later export run.
        var patience = TimeSpan.FromSeconds(120);
        await daemon.WaitForOutputAsync(o => Count(o, "acme pull: ok") >= 1, patience);
        var bo = t.SeedBuyOrder();
        await daemon.WaitForOutputAsync(_ => t.PurchaseOrdersOf(bo).Count > 0, patience);
        Assert.Single(t.PurchaseOrdersOf(bo));
        // A few more cadences of each job, counted from what the daemon says it did.
        await daemon.WaitForOutputAsync(o => Count(o, "acme export: ok") >= 3 && Count(o, "acme pull: ok") >= 2, patience);
        Assert.False(daemon.Process.HasExited, daemon.Errors);

        Assert.Equal(0, Kill(daemon.Process.Id, 15)); // SIGTERM
        var code = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"exit {code}\n{daemon.Output}\n{daemon.Errors}");
        Assert.Contains("stopped", daemon.Output);
        Assert.Single(t.PurchaseOrdersOf(bo));

        await using var store = await SqliteStateStore.OpenAsync(t.StatePath, "acme");
        var runs = await store.GetRecentRunsAsync(100);
        Assert.True(runs.Count(r => r.Streams.Any(s => s.Stream == "export.buyOrders")) >= 3, $"{runs.Count} runs");
        Assert.True(runs.Count(r => r.Streams.Any(s => s.Stream == "products")) >= 2, $"{runs.Count} runs");
        Assert.NotNull(await store.GetValueAsync(ScheduleKeys.Last(JobKind.Pull)));
        Assert.NotNull(await store.GetValueAsync(ScheduleKeys.Next(JobKind.Export)));

        // status shows the daemon's last and next runs.
        var console = new TestConsole().Width(200);
        Assert.Equal(0, await OdooOptiply.Cli.Commands.StatusCommand.RunAsync(t.ConfigPath, 3, console, null, default));
        Assert.Contains("schedule (odoo-optiply run)", console.Output);
        Assert.Contains(await store.GetValueAsync(ScheduleKeys.Last(JobKind.Pull)) ?? "?", console.Output);
    }

    [Fact]
    public async Task Process_VerboseJsonLogsAndTrace_LinesParseWithTheirScopesAndTheTraceIsWritten()
    {
        await using var t = await TenantFiles.StartAsync(extra: new JsonObject { ["schedule"] = new JsonObject { ["pull_minutes"] = 60, ["export_minutes"] = 60 } });
        var trace = Path.Combine(Path.GetDirectoryName(t.ConfigPath)!, "daemon-trace");
        using var daemon = t.Start($"run --interval-unit seconds --shutdown-grace 60 --verbose --log-format json --trace \"{trace}\"");
        await daemon.WaitForOutputAsync(o => o.Contains("acme pull: ok", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        Assert.Equal(0, Kill(daemon.Process.Id, 15));
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        var lines = (daemon.Output + daemon.Errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines) using (System.Text.Json.JsonDocument.Parse(line)) { }
        // --verbose: the clients' call lines are there, scoped with the tenant and the stream.
        Assert.Contains(lines, l => l.Contains("\"tenant\":\"acme\"", StringComparison.Ordinal) && l.Contains("\"stream\":\"products\"", StringComparison.Ordinal));
        Assert.True(new FileInfo(trace + ".acme.odoo").Length > 0);
        Assert.True(new FileInfo(trace + ".acme.optiply").Length > 0);
    }

    private static int Count(string text, string what) => System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape(what)).Count;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
