// The runner's write rules through the ports, in memory (no HTTP): a rerun writes nothing, only changed records
// are updated, a create whose answer was lost or whose process died before binding is found instead of made
// again, a Retriable failure is written by the next run, and a lost state file adopts what Optiply holds.
using OdooOptiply.TestWorld.InMemory;

namespace OdooOptiply.Sync.Tests.Engine;

public sealed class EngineWriteTests
{
    private static async Task<MemoryWorld> ThreeThingsAsync()
    {
        var w = await MemoryWorld.StartAsync();
        w.Odoo.Add(ThingsStream.Model, ("name", "Bolt"), ("code", "B1"));
        w.Odoo.Add(ThingsStream.Model, ("name", "Nut"), ("code", "N1"));
        w.Odoo.Add(ThingsStream.Model, ("name", "Washer"), ("code", "W1"));
        return w;
    }

    private static int Writes(InMemoryOptiply o) =>
        o.CallCount(ThingsStream.Resource, "create") + o.CallCount(ThingsStream.Resource, "update") + o.CallCount(ThingsStream.Resource, "delete");

    [Fact]
    public async Task Create_ThenRerun_WritesNothing()
    {
        await using var w = await ThreeThingsAsync();
        var first = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((3, 0, 3), (first.Created, first.Updated, w.Optiply.Count(ThingsStream.Resource)));

        var writesBefore = Writes(w.Optiply);
        var again = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, again.Status);
        Assert.Equal((0L, 0L, 0L), (again.Created, again.Updated, again.Deleted));
        Assert.Equal(writesBefore, Writes(w.Optiply));
        Assert.Equal(3, w.Optiply.Count(ThingsStream.Resource));
    }

    [Fact]
    public async Task ChangeInOdoo_UpdatesOnlyTheChangedRecord()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        w.Odoo.Change(ThingsStream.Model, 2, ("name", "Hex nut"));

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((0L, 1L), (run.Created, run.Updated));
        Assert.Equal(1, w.Optiply.CallCount(ThingsStream.Resource, "update"));
        Assert.Equal("Hex nut", (string?)w.Optiply.ByRemoteId(ThingsStream.Resource, "2")!.Value.Attributes["name"]);
        Assert.Equal("Bolt", (string?)w.Optiply.ByRemoteId(ThingsStream.Resource, "1")!.Value.Attributes["name"]);
    }

    [Fact]
    public async Task CreateAnswerLost_TheRecordLanded_IsFoundByRemoteIdNotCreatedTwice()
    {
        await using var w = await ThreeThingsAsync();
        var lost = 0;
        w.Optiply.AfterCreate = (call, _) => (string?)call.Attributes!["remoteId"] == "2" && lost++ == 0
            ? InMemoryOptiply.Failure(Outcome.Retriable, "timed out") : null;

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((3L, 0L), (run.Created, run.Failed));
        Assert.Equal(3, w.Optiply.Count(ThingsStream.Resource));
        Assert.Equal(3, w.Optiply.CallCount(ThingsStream.Resource, "create"));
        Assert.Equal(1, w.Optiply.CallCount(ThingsStream.Resource, "findByRemoteId"));

        var again = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((0L, 0L), (again.Created, again.Updated));
    }

    [Fact]
    public async Task RetriableCreateThatDidNotLand_FailsTheRecord_AndTheNextRunCreatesIt()
    {
        await using var w = await ThreeThingsAsync();
        w.Optiply.Fail = call => call.Method == "create" && (string?)call.Attributes!["remoteId"] == "3" ? InMemoryOptiply.Failure(Outcome.Retriable, "502 bad gateway", 502) : null;

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, run.Status);
        Assert.Equal((2L, 1L), (run.Created, run.Failed));
        Assert.Null(w.Optiply.ByRemoteId(ThingsStream.Resource, "3"));

        w.Optiply.Fail = null;
        var again = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((1L, 0L), (again.Created, again.Failed));
        Assert.Equal(3, w.Optiply.Count(ThingsStream.Resource));
    }

    [Fact]
    public async Task RetriableUpdate_FailsTheRecord_AndTheNextRunWritesIt()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        w.Odoo.Change(ThingsStream.Model, 1, ("name", "Long bolt"));
        w.Optiply.Fail = call => call.Method == "update" ? InMemoryOptiply.Failure(Outcome.Retriable, "429 too many requests", 429) : null;

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((0L, 1L), (run.Updated, run.Failed));
        Assert.Equal("Bolt", (string?)w.Optiply.ByRemoteId(ThingsStream.Resource, "1")!.Value.Attributes["name"]);

        w.Optiply.Fail = null;
        // Read again though the bookmark moved on: the page of the failed record was not passed by the bookmark.
        w.Clock.Advance(TimeSpan.FromHours(1));
        var again = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal((1L, 0L), (again.Updated, again.Failed));
        Assert.Equal("Long bolt", (string?)w.Optiply.ByRemoteId(ThingsStream.Resource, "1")!.Value.Attributes["name"]);
    }

    [Fact]
    public async Task ProcessDiesBetweenCreateAndBind_TheRerunBindsWhatLanded_InsteadOfCreating()
    {
        await using var w = await ThreeThingsAsync();
        w.Optiply.AfterCreate = (call, _) => (string?)call.Attributes!["remoteId"] == "2" ? new InvalidOperationException("killed (SIGKILL)") : null;

        var crashed = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Failed, crashed.Status);
        Assert.True((await w.Store.GetBindingAsync("things", "2"))!.IsPending, "the create's pending mark is what the rerun looks for");
        Assert.Equal(2, w.Optiply.Count(ThingsStream.Resource));

        w.Optiply.AfterCreate = null;
        var rerun = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, rerun.Status);
        Assert.Equal(3, w.Optiply.Count(ThingsStream.Resource));
        Assert.Equal(3, w.Optiply.CallCount(ThingsStream.Resource, "create")); // 1 and 2 before the crash, 3 after it
        Assert.Single(w.Optiply.All(ThingsStream.Resource), r => (string?)r.Attributes["remoteId"] == "2");
        Assert.False((await w.Store.GetBindingAsync("things", "2"))!.IsPending);
    }

    [Fact]
    public async Task LostStateFile_AdoptsWhatOptiplyHolds_InsteadOfCreating()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        var creates = w.Optiply.CallCount(ThingsStream.Resource, "create");

        await w.LoseStateAsync();
        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, run.Status);
        Assert.Equal(0, run.Created);
        Assert.Equal(creates, w.Optiply.CallCount(ThingsStream.Resource, "create"));
        Assert.Equal(3, w.Optiply.Count(ThingsStream.Resource));
        Assert.Equal(3, run.Adoption!.ByRemoteId);
        Assert.Equal(0, w.Optiply.CallCount(ThingsStream.Resource, "update")); // Optiply already says the same: bound, not written
    }
}
