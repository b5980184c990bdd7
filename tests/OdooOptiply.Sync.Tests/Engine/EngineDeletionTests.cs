// Deletions through the ports, in memory: a record deleted (or archived) in Odoo is deleted in Optiply; and the
// safety rules — deletions are not computed from a read that did not see every record (a record that cannot be
// read, a run stopped at a page boundary), so a partial read never deletes what still exists.
using OdooOptiply.TestWorld.InMemory;

namespace OdooOptiply.Sync.Tests.Engine;

public sealed class EngineDeletionTests
{
    private static async Task<MemoryWorld> ThreeThingsAsync(int pageSize = 50)
    {
        var w = await MemoryWorld.StartAsync(pageSize: pageSize);
        foreach (var name in new[] { "Bolt", "Nut", "Washer" }) w.Odoo.Add(ThingsStream.Model, ("name", name), ("code", name[..1]));
        return w;
    }

    [Fact]
    public async Task DeletedInOdoo_IsDeletedInOptiply_FoundByCounting()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        w.Odoo.Remove(ThingsStream.Model, 2);

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(1, run.Deleted);
        Assert.Null(w.Optiply.ByRemoteId(ThingsStream.Resource, "2"));
        Assert.Equal(2, w.Optiply.Count(ThingsStream.Resource));
        Assert.Null(await w.Store.GetBindingAsync("things", "2"));
        Assert.True(w.Odoo.CallCount(ThingsStream.Model, "search_count") > 0, "deletions are found by counting, not by reading every id");
    }

    [Fact]
    public async Task NothingDeleted_CostsOneCount()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        var counts = w.Odoo.CallCount(ThingsStream.Model, "search_count");
        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(0, run.Deleted);
        Assert.Equal(counts + 1, w.Odoo.CallCount(ThingsStream.Model, "search_count"));
    }

    [Fact]
    public async Task MappedAsRemoval_IsDeletedInOptiply()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        w.Odoo.Change(ThingsStream.Model, 3, ("code", "remove"));

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(1, run.Deleted);
        Assert.Null(w.Optiply.ByRemoteId(ThingsStream.Resource, "3"));
    }

    [Fact]
    public async Task FullRead_DeletesWhatTheReadNoLongerYields()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.FullRead());
        w.Odoo.Remove(ThingsStream.Model, 1);

        var run = await w.RunAsync(ThingsStream.FullRead());
        Assert.Equal(1, run.Deleted);
        Assert.Null(w.Optiply.ByRemoteId(ThingsStream.Resource, "1"));
    }

    [Fact]
    public async Task ReadMissedARecord_NothingIsDeleted_UntilARunReadsEveryRecord()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.FullRead());
        w.Odoo.Remove(ThingsStream.Model, 1);
        w.Odoo.Change(ThingsStream.Model, 3, ("name", "NaN")); // cannot be read this run

        var partial = await w.RunAsync(ThingsStream.FullRead());
        Assert.Equal(0, partial.Deleted);
        Assert.Equal(1, partial.Failed);
        Assert.Contains(partial.Errors, e => e.StartsWith("deletions not computed this run: 1 record(s) could not be read", StringComparison.Ordinal));
        Assert.Equal(3, w.Optiply.Count(ThingsStream.Resource)); // neither the unreadable one nor the deleted one was removed

        w.Odoo.Change(ThingsStream.Model, 3, ("name", "Washer"));
        var whole = await w.RunAsync(ThingsStream.FullRead());
        Assert.Equal(1, whole.Deleted);
        Assert.Null(w.Optiply.ByRemoteId(ThingsStream.Resource, "1"));
        Assert.NotNull(w.Optiply.ByRemoteId(ThingsStream.Resource, "3"));
    }

    [Fact]
    public async Task RunStoppedAtAPageBoundary_DeletesNothing()
    {
        await using var w = await ThreeThingsAsync(pageSize: 2);
        await w.RunAsync(ThingsStream.FullRead());
        w.Odoo.Remove(ThingsStream.Model, 3);
        using var stop = new CancellationTokenSource();
        w.Odoo.Fail = call => { if (call.Method == "search_read") stop.Cancel(); return null; }; // shutting down while the first page is read

        var run = await w.RunAsync(ThingsStream.FullRead(), stop: stop.Token);
        Assert.Equal(StreamStatus.Failed, run.Status);
        Assert.Contains(OdooOptiply.Sync.Streams.StreamRunner.StoppedMessage, run.Errors);
        Assert.Equal(0, run.Deleted);
        Assert.NotNull(w.Optiply.ByRemoteId(ThingsStream.Resource, "3"));
    }

    [Fact]
    public async Task CountFailsMidway_DeletesNothing_AndTheNextRunDeletes()
    {
        await using var w = await ThreeThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        w.Odoo.Remove(ThingsStream.Model, 2);
        w.Odoo.Fail = call => call.Method == "search" ? new OdooOptiply.Odoo.OdooException(Outcome.Retriable, "502 bad gateway") : null;

        var failed = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Failed, failed.Status);
        Assert.Equal(0, failed.Deleted);
        Assert.NotNull(w.Optiply.ByRemoteId(ThingsStream.Resource, "2"));
        Assert.NotNull(await w.Store.GetBindingAsync("things", "2"));

        w.Odoo.Fail = null;
        var again = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(1, again.Deleted);
        Assert.Null(w.Optiply.ByRemoteId(ThingsStream.Resource, "2"));
    }
}
