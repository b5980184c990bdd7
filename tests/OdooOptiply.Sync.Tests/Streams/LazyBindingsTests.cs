// Binding spaces load lazily (issue 16): an idle poll (nothing changed) reads no space from the state store — its
// deletions by counting ask the store for the span of the bound ids instead — while a run with a change, or a
// deletion to find, loads what it needs and still finds it. Over HTTP, fake clock; the store is wrapped to count.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Streams;

public class LazyBindingsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task IdlePoll_LoadsNoBindingSpace()
    {
        await using var h = await SyncHarness.StartAsync(clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await h.SyncAsync()).Succeeded);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var store = new LoadCountingStore(h.Store);
        var run = await new SyncRunner(h.Config, h.Source, h.Target, store, h.Clock).RunAsync(new SyncOptions());
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(0, run.Writes);
        // productCompositions reads its BoMs in full each run and maps them: only the spaces it looks up may load.
        Assert.Empty(store.Loaded.Except(["productCompositions", "products"]));
        Assert.Contains("products", store.Spans);
        Assert.Contains("sellOrders", store.Spans);
    }

    [Fact]
    public async Task Poll_SellOrderCancelledWithOldWriteDate_IsFoundThroughTheStoreSpanThenTheLoadedSpace()
    {
        await using var h = await SyncHarness.StartAsync(clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await h.SyncAsync()).Succeeded);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var bound = await h.Store.GetBindingsAsync("sellOrders").ToListAsync();
        var victim = long.Parse(bound[bound.Count / 2].SourceId);
        // An old write_date: only the counting (not the incremental read) can see the order left the live domain.
        h.Odoo.Data.Write("sale.order", [victim], new Dictionary<string, object?> { ["state"] = "cancel" }, writeDate: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var store = new LoadCountingStore(h.Store);
        var run = await new SyncRunner(h.Config, h.Source, h.Target, store, h.Clock).RunAsync(new SyncOptions());
        Assert.True(run.Succeeded, run.Describe());
        Assert.Contains("sellOrders", store.Spans);
        Assert.Contains("sellOrders", store.Loaded); // the count differed: the space was loaded to find which
        Assert.Null(await h.Store.GetBindingAsync("sellOrders", victim.ToString()));
        Assert.Equal(1, run.Of("sellOrders").Deleted);
        Assert.DoesNotContain("suppliers", store.Loaded);
    }

    [Fact]
    public async Task Binder_WriteBeforeAnyLookup_LoadsFirstAndKeepsBoth()
    {
        await using var h = await SyncHarness.StartAsync(clock: _clock);
        await h.Store.SaveBindingsAsync([new Binding("x", "1", "10", "h", DateTime.UtcNow)]);
        var dry = Binder.Open(h.Store, "x", _clock, dryRun: true);
        Assert.False(dry.IsLoaded);
        await dry.BindAsync("2", "20", "h2");
        Assert.True(dry.IsLoaded);
        Assert.Equal((10L, 20L), (dry.TargetNumberOf("1")!.Value, dry.TargetNumberOf("2")!.Value));
        Assert.Null(await h.Store.GetBindingAsync("x", "2")); // dry run: memory only
        var lazy = Binder.Open(h.Store, "x", _clock);
        Assert.Equal(10L, lazy.TargetNumberOf("1")); // a lookup loads (blocking fallback)
        Assert.Equal(10L, lazy.HighestTargetNumber);
    }

    /// <summary>Passes everything through; notes which spaces were loaded whole and which were only spanned.</summary>
    private sealed class LoadCountingStore(IStateStore inner) : IStateStore
    {
        public List<string> Loaded { get; } = [];
        public List<string> Spans { get; } = [];
        public string Tenant => inner.Tenant;

        public IAsyncEnumerable<Binding> GetBindingsAsync(string stream, CancellationToken ct = default)
        {
            Loaded.Add(stream);
            return inner.GetBindingsAsync(stream, ct);
        }

        public Task<IdSpan> SpanOfIdsAsync(string stream, string prefix = "", CancellationToken ct = default)
        {
            Spans.Add(stream);
            return inner.SpanOfIdsAsync(stream, prefix, ct);
        }

        public Task<Binding?> GetBindingAsync(string stream, string sourceId, CancellationToken ct = default) => inner.GetBindingAsync(stream, sourceId, ct);
        public Task SaveBindingsAsync(IReadOnlyCollection<Binding> bindings, CancellationToken ct = default) => inner.SaveBindingsAsync(bindings, ct);
        public Task DeleteBindingsAsync(string stream, IReadOnlyCollection<string> sourceIds, CancellationToken ct = default) => inner.DeleteBindingsAsync(stream, sourceIds, ct);
        public Task<IReadOnlyDictionary<string, long>> CountBindingsAsync(CancellationToken ct = default) => inner.CountBindingsAsync(ct);
        public Task<Bookmark?> GetBookmarkAsync(string stream, CancellationToken ct = default) => inner.GetBookmarkAsync(stream, ct);
        public Task SaveBookmarkAsync(string stream, Bookmark? bookmark, CancellationToken ct = default) => inner.SaveBookmarkAsync(stream, bookmark, ct);
        public Task<IReadOnlyDictionary<string, Bookmark>> GetBookmarksAsync(CancellationToken ct = default) => inner.GetBookmarksAsync(ct);
        public Task<long> SaveRunAsync(RunReport report, CancellationToken ct = default) => inner.SaveRunAsync(report, ct);
        public Task<IReadOnlyList<RunReport>> GetRecentRunsAsync(int count, CancellationToken ct = default) => inner.GetRecentRunsAsync(count, ct);
        public Task<string?> GetValueAsync(string key, CancellationToken ct = default) => inner.GetValueAsync(key, ct);
        public Task SetValueAsync(string key, string? value, CancellationToken ct = default) => inner.SetValueAsync(key, value, ct);
        public Task<Lease> AcquireLeaseAsync(string job, string holder, DateTime now, TimeSpan ttl, CancellationToken ct = default, string? replacing = null) =>
            inner.AcquireLeaseAsync(job, holder, now, ttl, ct, replacing);
        public Task<bool> RenewLeaseAsync(string job, string holder, DateTime now, TimeSpan ttl, CancellationToken ct = default) => inner.RenewLeaseAsync(job, holder, now, ttl, ct);
        public Task ReleaseLeaseAsync(string job, string holder, CancellationToken ct = default) => inner.ReleaseLeaseAsync(job, holder, ct);
        public void FenceWrites(Lease? lease) => inner.FenceWrites(lease);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
