// The one outcome vocabulary as the runner acts on it, in memory: a Rejected record is counted and named and the
// stream goes on (the next run writes it); a Fatal failure stops the run with its reason; a record without what
// it needs is Skipped with a reason.
using OdooOptiply.TestWorld.InMemory;

namespace OdooOptiply.Sync.Tests.Engine;

public sealed class EngineOutcomeTests
{
    private static async Task<MemoryWorld> ThingsAsync(params string?[] names)
    {
        var w = await MemoryWorld.StartAsync();
        foreach (var (name, i) in names.Select((n, i) => (n, i))) w.Odoo.Add(ThingsStream.Model, ("name", name ?? (object)false), ("code", $"C{i}"));
        return w;
    }

    [Fact]
    public async Task RejectedRecord_DoesNotStopTheStream_IsReported_AndWrittenByTheNextRun()
    {
        await using var w = await ThingsAsync("Bolt", "Nut", "Washer");
        w.Optiply.Fail = call => call.Method == "create" && (string?)call.Attributes!["name"] == "Nut"
            ? InMemoryOptiply.Failure(Outcome.Rejected, "422 name is reserved", 422) : null;

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, run.Status);
        Assert.Equal((2L, 1L), (run.Created, run.Failed));
        Assert.Contains(run.Errors, e => e.Contains("things 2", StringComparison.Ordinal) && e.Contains("422 name is reserved", StringComparison.Ordinal));
        Assert.Null(await w.Store.GetBindingAsync("things", "2")); // refused for certain: no pending mark left

        w.Optiply.Fail = null;
        var again = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((1L, 0L), (again.Created, again.Failed));
    }

    [Fact]
    public async Task FatalFailure_StopsTheRunWithItsReason()
    {
        await using var w = await ThingsAsync("Bolt", "Nut", "Washer");
        w.Optiply.Fail = call => call.Method == "create" ? InMemoryOptiply.Failure(Outcome.Fatal, "Optiply refused the token (401)", 401) : null;

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Failed, run.Status);
        Assert.Equal("Optiply refused the token (401)", w.LastContext!.FatalReason);
        Assert.Contains("fatal for the run: Optiply refused the token (401)", run.Errors);
        Assert.Equal(1, w.Optiply.CallCount(ThingsStream.Resource, "create")); // nothing after it was tried
        Assert.Equal(0, w.Optiply.Count(ThingsStream.Resource));
    }

    [Fact]
    public async Task RecordWithoutWhatItNeeds_IsSkippedWithItsReason()
    {
        await using var w = await ThingsAsync("Bolt", null);
        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((1L, 1L), (run.Created, run.Skipped));
        Assert.Equal(1, run.SkipReasons["no name"]);
    }
}
