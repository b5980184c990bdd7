// Two (here three) first-ever syncs of one tenant started at the same moment, as separate processes on one new
// state file: the schema is made once (the migration runs in one immediate transaction), one sync runs, the
// others are refused by the run lease (exit 3) or run after it — none crashes with "table already exists".
namespace OdooOptiply.Cli.Tests.Reliability;

public class FirstSyncRaceTests
{
    [Fact]
    public async Task ThreeFirstSyncsAtOnce_OnANewStateFile_NoneCrashesAndNothingIsCreatedTwice()
    {
        await using var t = await Commands.TenantFiles.StartAsync();
        Assert.False(File.Exists(t.StatePath));
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ProgramProcess.RunAsync(["sync", "--config", t.ConfigPath])));
        foreach (var run in runs)
        {
            Assert.True(run.ExitCode is 0 or 3, $"exit {run.ExitCode}: {run.All}");
            Assert.DoesNotContain("already exists", run.All, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", run.Out + run.Err);
        }
        Assert.Contains(runs, r => r.ExitCode == 0);
        // Whatever ran, each Odoo product is in Optiply once.
        var remoteIds = t.Optiply.Store.All("products").Select(p => p.RemoteId(t.Optiply.CouplingId)).Where(r => r is not null).ToList();
        Assert.NotEmpty(remoteIds);
        Assert.Equal(remoteIds.Count, remoteIds.Distinct().Count());
    }
}
