// The mass-deletion guard through the ports, in memory (flag deletion_guard, DeletionGuard): when Odoo answers but no
// longer returns most of what is bound (a record rule, a lost company), a run deletes nothing, fails the stream with
// words, keeps every binding, and the next run finds the same deletions again; --allow-mass-deletions sends them;
// a few deletions (not more than min_records) go through; max_percent 100 turns the guard off; a removal the mapper
// decides for a record Odoo returned is never held.
using OdooOptiply.Sync.Config;
using OdooOptiply.TestWorld.InMemory;

namespace OdooOptiply.Sync.Tests.Engine;

public sealed class EngineDeletionGuardTests
{
    private const int Catalogue = 40;

    private static async Task<MemoryWorld> FortyThingsAsync(DeletionGuardFlags? guard = null)
    {
        var w = await MemoryWorld.StartAsync(guard is null ? null : f => f with { DeletionGuard = guard });
        for (var i = 1; i <= Catalogue; i++) w.Odoo.Add(ThingsStream.Model, ("name", $"Thing {i}"), ("code", $"T{i}"));
        return w;
    }

    private static void Hide(MemoryWorld w, int count)
    {
        for (var id = 1; id <= count; id++) w.Odoo.Remove(ThingsStream.Model, id);
    }

    private static async Task<int> BoundAsync(MemoryWorld w)
    {
        var bound = 0;
        for (var id = 1; id <= Catalogue; id++)
            if (await w.Store.GetBindingAsync("things", id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not null) bound++;
        return bound;
    }

    public static TheoryData<bool> Reads => new() { true, false }; // counted deletions (incremental) and a full read

    private static OdooOptiply.Sync.Streams.StreamDefinition Stream(bool incremental) => incremental ? ThingsStream.Incremental() : ThingsStream.FullRead();

    [Theory, MemberData(nameof(Reads))]
    public async Task OdooHidesEveryRecord_NothingIsDeleted_TheStreamFailsInWords_AndTheNextRunHoldsAgain(bool incremental)
    {
        await using var w = await FortyThingsAsync();
        Assert.Equal(Catalogue, (await w.RunAsync(Stream(incremental))).Created);
        Hide(w, Catalogue);

        var run = await w.RunAsync(Stream(incremental));
        Assert.Equal(StreamStatus.Failed, run.Status);
        Assert.Equal(0, run.Deleted);
        Assert.Equal("held 40 of 40 things deletions (100 %): Odoo no longer returns them — if that is right, run "
            + "`odoo-optiply sync --allow-mass-deletions` once, or raise deletion_guard.max_percent", run.Errors[0]);
        Assert.Equal(Catalogue, w.Optiply.Count(ThingsStream.Resource));
        Assert.Equal(Catalogue, await BoundAsync(w));

        var again = await w.RunAsync(Stream(incremental));
        Assert.Equal(StreamStatus.Failed, again.Status);
        Assert.StartsWith("held 40 of 40 things deletions", again.Errors[0], StringComparison.Ordinal);
        Assert.Equal(Catalogue, w.Optiply.Count(ThingsStream.Resource));
    }

    [Theory, MemberData(nameof(Reads))]
    public async Task AllowMassDeletions_SendsThem_ForThatRun(bool incremental)
    {
        await using var w = await FortyThingsAsync();
        await w.RunAsync(Stream(incremental));
        Hide(w, Catalogue);
        Assert.Equal(StreamStatus.Failed, (await w.RunAsync(Stream(incremental))).Status);

        var allowed = await w.RunAsync(Stream(incremental), allowMassDeletions: true);
        Assert.Equal(StreamStatus.Ok, allowed.Status);
        Assert.Equal(Catalogue, allowed.Deleted);
        Assert.Empty(allowed.Errors);
        Assert.Equal(0, w.Optiply.Count(ThingsStream.Resource));
        Assert.Equal(0, await BoundAsync(w));
    }

    [Fact]
    public async Task ThreeOfForty_AreDeleted_NotMoreThanMinRecords()
    {
        await using var w = await FortyThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        Hide(w, 3);

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, run.Status);
        Assert.Equal(3, run.Deleted);
        Assert.Equal(Catalogue - 3, w.Optiply.Count(ThingsStream.Resource));
    }

    [Fact]
    public async Task MoreThanMinRecords_ButNotMoreThanMaxPercent_AreDeleted()
    {
        await using var w = await FortyThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        Hide(w, 12); // 12 > 10 records, but 30 % of 40 is 12: not more than max_percent

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, run.Status);
        Assert.Equal(12, run.Deleted);
    }

    [Fact]
    public async Task OneMoreThanMaxPercent_IsHeld()
    {
        await using var w = await FortyThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        Hide(w, 13); // 32 % of 40

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Failed, run.Status);
        Assert.Equal(0, run.Deleted);
        Assert.StartsWith("held 13 of 40 things deletions (32 %)", run.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxPercent100_TurnsTheGuardOff()
    {
        await using var w = await FortyThingsAsync(new DeletionGuardFlags { MaxPercent = 100 });
        await w.RunAsync(ThingsStream.Incremental());
        Hide(w, Catalogue);

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, run.Status);
        Assert.Equal(Catalogue, run.Deleted);
        Assert.Equal(0, w.Optiply.Count(ThingsStream.Resource));
    }

    [Fact]
    public async Task RemovalsTheMapperDecides_AreNotHeld()
    {
        await using var w = await FortyThingsAsync();
        await w.RunAsync(ThingsStream.Incremental());
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var id = 1; id <= 30; id++) w.Odoo.Change(ThingsStream.Model, id, ("code", "remove")); // archived by the user, still returned

        var run = await w.RunAsync(ThingsStream.Incremental());
        Assert.Equal(StreamStatus.Ok, run.Status);
        Assert.Equal(30, run.Deleted);
        Assert.Equal(10, w.Optiply.Count(ThingsStream.Resource));
    }
}
