// Tests for Binder: writes through to the store at once, writes nothing in a dry run, and gives back from its
// packed in-memory form exactly what the store holds.
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.Bindings;

public sealed class BinderTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("binder-").FullName, "s.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() { SqliteConnection.ClearAllPools(); Directory.Delete(Path.GetDirectoryName(_path)!, true); }

    [Fact]
    public async Task HighestTargetNumber_FollowsLoadsAndBinds_PendingMarksKeepIt()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var binder = await Binder.LoadAsync(store, "products", _time);
        Assert.Null(binder.HighestTargetNumber);
        await binder.BindAsync("1", "40", "h");
        await binder.BindAsync("2", "900", "h");
        await binder.BindAsync("3", "77", "h");
        await binder.MarkPendingAsync("4", binder.HighestTargetNumber);
        Assert.Equal(900, binder.HighestTargetNumber);
        var reloaded = await Binder.LoadAsync(store, "products", _time);
        Assert.Equal(900, reloaded.HighestTargetNumber);
        Assert.Equal(900, reloaded.Find("4")!.PendingAfter);
    }

    [Fact]
    public async Task BindAsync_IsStoredImmediately()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var binder = await Binder.LoadAsync(store, "products", _time);
        await binder.BindAsync("5", "900", "hash");
        Assert.Equal("900", binder.TargetIdOf("5"));
        var stored = await store.GetBindingAsync("products", "5");
        Assert.Equal(new Binding("products", "5", "900", "hash", _time.GetUtcNow().UtcDateTime), stored);
    }

    [Fact]
    public async Task BindAsync_DryRun_KeepsInMemoryOnly()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var binder = await Binder.LoadAsync(store, "products", _time, dryRun: true);
        await binder.BindAsync("5", "900", "hash");
        Assert.NotNull(binder.Find("5"));
        Assert.Null(await store.GetBindingAsync("products", "5"));
    }

    [Fact]
    public async Task ForgetAsync_RemovesFromMemoryAndStore()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var binder = await Binder.LoadAsync(store, "products", _time);
        await binder.BindAsync("5", "900", "h");
        await binder.ForgetAsync(["5"]);
        Assert.Null(binder.Find("5"));
        Assert.Equal(0, (await Binder.LoadAsync(store, "products", _time)).Count);
    }

    [Theory]
    [InlineData("900", "4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a")] // the common shape: packed
    [InlineData("pending", "")]                                                              // the pending mark
    [InlineData("abc-1", "4B227777D4DD1FC61C6F884F48641D02B4D121D3FD328CB08B5531FCACDABF8A")] // text id, upper-case hex
    [InlineData("007", "not a hash")]                                                         // would not round-trip as a number
    [InlineData("9223372036854775807", "")]
    [InlineData("-3", "")]                                                                    // a dry run's made-up ids
    public async Task LoadAsync_AnyStoredShape_FindGivesItBackExactly(string target, string hash)
    {
        var at = new DateTime(2026, 2, 3, 4, 5, 6, 789, DateTimeKind.Utc);
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var stored = new Binding("products", "12_34", target, hash, at);
        await store.SaveBindingsAsync([stored]);
        var binder = await Binder.LoadAsync(store, "products", _time);
        Assert.Equal(stored, binder.Find("12_34"));
        Assert.Equal(stored, Assert.Single(binder.NotIn(new HashSet<string>())));
        Assert.Empty(binder.NotIn(new HashSet<string> { "12_34" }));
        Assert.Equal(target == Binding.Pending ? null : target, binder.TargetIdOf("12_34"));
        Assert.Equal(long.TryParse(target, out var n) && n.ToString(System.Globalization.CultureInfo.InvariantCulture) == target ? n : null, binder.TargetNumberOf("12_34"));
    }

    [Fact]
    public async Task LoadAsync_SpaceLargerThanOneStorePage_LoadsEveryBinding()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var at = _time.GetUtcNow().UtcDateTime;
        await store.SaveBindingsAsync(Enumerable.Range(1, 12_345).Select(i => new Binding("products", i.ToString(System.Globalization.CultureInfo.InvariantCulture), (i + 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture), "", at)).ToList());
        await store.SaveBindingsAsync([new Binding("suppliers", "1", "1", "", at)]);
        var binder = await Binder.LoadAsync(store, "products", _time);
        Assert.Equal(12_345, binder.Count);
        Assert.Equal(112_345, binder.TargetNumberOf("12345"));
        Assert.Equal(100_001, binder.TargetNumberOf("1"));
        Assert.Equal(12_345, (await store.GetBindingsAsync("products").ToListAsync()).Select(b => b.SourceId).Distinct().Count());
    }
}
