// Deletions found by counting (CountedDeletions) against the Odoo emulator over HTTP, one test per shape of
// what was deleted: nothing, one record, many, the records at both edges, a whole range emptied; and live
// records without a binding (known or not) that must neither hide a deletion nor be taken for one.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Streams;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Streams;

public class CountedDeletionsTests
{
    private const int Leaf = 4;
    private static readonly OdooDomain Live = OdooDomain.Leaf("supplier_rank", ">", 0);

    private static async Task<(SyncHarness H, List<long> Ids)> SeededAsync(int count = 100)
    {
        var h = await SyncHarness.StartAsync(seed: "empty");
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
            ids.Add(h.Odoo.Data.Create("res.partner", new Dictionary<string, object?> { ["name"] = $"V{i}", ["supplier_rank"] = 1 }));
        return (h, ids);
    }

    private static CountedDeletions Counter(SyncHarness h) => new(h.Source, "res.partner", Live, null, Leaf);

    [Fact]
    public async Task FindAsync_NothingDeleted_OneCall()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        var counter = Counter(h);
        var result = await counter.FindAsync(ids, [], default);
        Assert.Empty(result.Gone);
        Assert.Equal(1, counter.Calls);
    }

    [Fact]
    public async Task FindAsync_OneDeleted_FoundInAboutLogNCalls()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        h.Odoo.Data.Unlink("res.partner", [ids[57]]);
        var counter = Counter(h);
        var result = await counter.FindAsync(ids, [], default);
        Assert.Equal([ids[57]], result.Gone);
        // 1 + one count per halving (100 → 4: 5 levels) + one id read at the leaf.
        Assert.InRange(counter.Calls, 2, 8);
    }

    [Fact]
    public async Task FindAsync_ManyDeleted_FindsExactlyThem()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        var deleted = new[] { 3, 17, 18, 40, 66, 91 }.Select(i => ids[i]).ToList();
        h.Odoo.Data.Unlink("res.partner", deleted);
        var result = await Counter(h).FindAsync(ids, [], default);
        Assert.Equal(deleted, result.Gone.Order());
    }

    [Fact]
    public async Task FindAsync_EdgesDeleted_FindsFirstAndLast()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        h.Odoo.Data.Unlink("res.partner", [ids[0], ids[^1]]);
        var result = await Counter(h).FindAsync(ids, [], default);
        Assert.Equal([ids[0], ids[^1]], result.Gone.Order());
    }

    [Fact]
    public async Task FindAsync_RangeEmptied_AllOfItGoneWithoutReadingIt()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        var block = ids.Skip(50).Take(50).ToList(); // the right half, whole
        h.Odoo.Data.Unlink("res.partner", block);
        var counter = Counter(h);
        var result = await counter.FindAsync(ids, [], default);
        Assert.Equal(block, result.Gone.Order());
        Assert.Equal(2, counter.Calls); // the whole range, then its left half: the right half is counted empty
    }

    [Fact]
    public async Task FindAsync_LeftTheLiveDomain_CountsAsGone()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        h.Odoo.Data.Write("res.partner", [ids[10]], new Dictionary<string, object?> { ["supplier_rank"] = 0 });
        var result = await Counter(h).FindAsync(ids, [], default);
        Assert.Equal([ids[10]], result.Gone);
    }

    [Fact]
    public async Task FindAsync_UnboundLiveRecord_LearntThenExpected()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        var bound = ids.Where((_, i) => i != 30).ToList(); // ids[30] is live but has no binding (skipped when mapped)
        var first = Counter(h);
        var learnt = await first.FindAsync(bound, [], default);
        Assert.Empty(learnt.Gone);
        Assert.Equal([ids[30]], learnt.Unbound);
        // Known now: the next pass is one call again.
        var second = Counter(h);
        Assert.Empty((await second.FindAsync(bound, learnt.Unbound, default)).Gone);
        Assert.Equal(1, second.Calls);
    }

    [Fact]
    public async Task FindAsync_DeletionBesideKnownUnbound_IsNotHidden()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        var bound = ids.Where((_, i) => i != 30).ToList();
        h.Odoo.Data.Unlink("res.partner", [ids[31]]);
        var result = await Counter(h).FindAsync(bound, [ids[30]], default);
        Assert.Equal([ids[31]], result.Gone);
        Assert.Equal([ids[30]], result.Unbound);
    }

    [Fact]
    public async Task FindAsync_KnownUnboundDeleted_DroppedNotReported()
    {
        var (h, ids) = await SeededAsync();
        await using var _ = h;
        var bound = ids.Where((_, i) => i != 30).ToList();
        h.Odoo.Data.Unlink("res.partner", [ids[30]]);
        var result = await Counter(h).FindAsync(bound, [ids[30]], default);
        Assert.Empty(result.Gone);
        Assert.Empty(result.Unbound);
    }
}
