// The rules every state store keeps, run against SQLite (SqliteStateStoreContract) and PostgreSQL
// (PostgresStateStoreContract) alike: bindings (paging in source id order, replace, delete, tenant
// isolation), bookmarks, runs, the key/value table, and leases — contention, expiry, replacement of a dead
// holder, epochs, and the fencing of a run's writes once its lease was taken over. Expiry is reached with a
// TTL already in the past, so no test waits on a clock (PostgreSQL judges leases by its own now()).
using OdooOptiply.Sync.Adoption;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.State;

public abstract class StateStoreContract : IAsyncLifetime
{
    private readonly List<IStateStore> _open = [];

    /// <summary>A store of <paramref name="tenant"/> over this test's database, as another process would open it.</summary>
    protected abstract Task<IStateStore> OpenStoreAsync(string tenant);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var s in _open) await s.DisposeAsync();
    }

    private async Task<IStateStore> OpenAsync(string tenant = "acme")
    {
        var store = await OpenStoreAsync(tenant);
        _open.Add(store);
        return store;
    }

    private static readonly DateTime At = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Expired = TimeSpan.FromSeconds(-1);
    private static DateTime Now => DateTime.UtcNow;

    [Fact]
    public async Task Bindings_SavedReplacedAndCounted_ComeBackFromAnotherConnection()
    {
        var a = await OpenAsync();
        await a.SaveBindingsAsync([new Binding("products", "7", "1001", "h1", At), new Binding("products", "8", "1002", "h2", At)]);
        await a.SaveBindingsAsync([new Binding("products", "7", "1001", "h3", At), new Binding("suppliers", "7", "9", "h", At)]);
        var b = await OpenAsync();
        Assert.Equal(new Binding("products", "7", "1001", "h3", At), await b.GetBindingAsync("products", "7"));
        Assert.Null(await b.GetBindingAsync("products", "9"));
        Assert.Equal(2, (await b.GetBindingsAsync("products").ToListAsync()).Count);
        var counts = await b.CountBindingsAsync();
        Assert.Equal((2L, 1L), (counts["products"], counts["suppliers"]));
    }

    [Fact]
    public async Task Bindings_TwoOfOneKeyInOneSave_TheLastWins()
    {
        var a = await OpenAsync();
        await a.SaveBindingsAsync([new Binding("products", "7", "1", "first", At), new Binding("products", "7", "2", "last", At)]);
        Assert.Equal("last", (await a.GetBindingAsync("products", "7"))!.Hash);
    }

    [Fact]
    public async Task GetBindingsAsync_MoreThanAPage_StreamsEveryOneOnceInSourceIdOrder()
    {
        var a = await OpenAsync();
        var ids = Enumerable.Range(1, 12_001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await a.SaveBindingsAsync(ids.Select(id => new Binding("products", id, "t" + id, "h", At)).ToList());
        var read = (await a.GetBindingsAsync("products").ToListAsync()).Select(b => b.SourceId).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal).ToList(), read);
    }

    [Fact]
    public async Task OtherTenant_SeesNoneOfTheState()
    {
        var a = await OpenAsync("a");
        await a.SaveBindingsAsync([new Binding("products", "1", "2", "h", At)]);
        await a.SaveBookmarkAsync("products", new Bookmark(At, 1));
        await a.SetValueAsync("k", "v");
        await a.SaveRunAsync(new RunReport("a", At, At, false, []));
        var b = await OpenAsync("b");
        Assert.Empty(await b.GetBindingsAsync("products").ToListAsync());
        Assert.Empty(await b.CountBindingsAsync());
        Assert.Null(await b.GetBookmarkAsync("products"));
        Assert.Null(await b.GetValueAsync("k"));
        Assert.Empty(await b.GetRecentRunsAsync(5));
    }

    [Fact]
    public async Task DeleteBindingsAsync_RemovesOnlyThoseIds()
    {
        var a = await OpenAsync();
        await a.SaveBindingsAsync([new Binding("s", "1", "a", "h", At), new Binding("s", "2", "b", "h", At), new Binding("t", "1", "c", "h", At)]);
        await a.DeleteBindingsAsync("s", ["1"]);
        Assert.Equal("2", Assert.Single(await a.GetBindingsAsync("s").ToListAsync()).SourceId);
        Assert.NotNull(await a.GetBindingAsync("t", "1"));
    }

    [Fact]
    public async Task Bookmarks_RoundTripAndClear()
    {
        var a = await OpenAsync();
        var mark = new Bookmark(new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc), 42);
        await a.SaveBookmarkAsync("products", mark);
        await a.SaveBookmarkAsync("products", mark with { LastId = 43 });
        await a.SaveBookmarkAsync("suppliers", mark);
        Assert.Equal(mark with { LastId = 43 }, await a.GetBookmarkAsync("products"));
        Assert.Equal(2, (await a.GetBookmarksAsync()).Count);
        await a.SaveBookmarkAsync("products", null);
        Assert.Null(await a.GetBookmarkAsync("products"));
        Assert.Equal(DateTimeKind.Utc, (await a.GetBookmarkAsync("suppliers"))!.WriteDate.Kind);
    }

    [Fact]
    public async Task Runs_ComeBackNewestFirstWithEveryCount()
    {
        var a = await OpenAsync();
        var counter = new StreamCounter("products") { Read = 10, Created = 3, Unchanged = 6 };
        counter.Skip("not storable");
        counter.Fail("boom");
        counter.Adoption = new AdoptionReport("products", "products", 5, 1, 2, 0, 1, 1, 0, 0, 0, 0);
        var first = await a.SaveRunAsync(new RunReport("acme", At, At.AddSeconds(5), false,
            [counter.Build(StreamStatus.Failed, TimeSpan.FromSeconds(2)), StreamReport.Disabled("sellOrders", "off")]));
        var second = await a.SaveRunAsync(new RunReport("acme", At.AddHours(1), At.AddHours(1).AddSeconds(1), true, []));
        Assert.True(second > first);
        var runs = await a.GetRecentRunsAsync(5);
        Assert.Equal([second, first], runs.Select(r => r.Id));
        Assert.True(runs[0].DryRun);
        Assert.Equal((At, At.AddSeconds(5)), (runs[1].StartedAt, runs[1].FinishedAt));
        Assert.Equal(["products", "sellOrders"], runs[1].Streams.Select(s => s.Stream));
        var products = runs[1].Streams[0];
        Assert.Equal((10L, 3L, 6L, 1L, 1L), (products.Read, products.Created, products.Unchanged, products.Skipped, products.Failed));
        Assert.Equal(1, products.SkipReasons["not storable"]);
        Assert.Equal(["boom"], products.Errors);
        Assert.Equal((StreamStatus.Failed, TimeSpan.FromSeconds(2)), (products.Status, products.Duration));
        Assert.Equal(counter.Adoption, products.Adoption);
        Assert.Single(await a.GetRecentRunsAsync(1));
    }

    [Fact]
    public async Task Values_RoundTripReplaceAndDelete()
    {
        var a = await OpenAsync();
        await a.SetValueAsync("last_reconcile", "2026-01-01");
        await a.SetValueAsync("last_reconcile", "2026-01-02");
        Assert.Equal("2026-01-02", await (await OpenAsync()).GetValueAsync("last_reconcile"));
        await a.SetValueAsync("last_reconcile", null);
        Assert.Null(await a.GetValueAsync("last_reconcile"));
    }

    [Fact]
    public async Task Lease_ManyContendAtOnce_ExactlyOneHolderWins()
    {
        var a = await OpenAsync();
        var b = await OpenAsync();
        var attempts = Enumerable.Range(0, 40).Select(i => (Store: i % 2 == 0 ? a : b, Holder: $"holder-{i}")).ToList();
        var now = Now;
        var results = await Task.WhenAll(attempts.Select(x => Task.Run(() => x.Store.AcquireLeaseAsync("run", x.Holder, now, Ttl))));
        Assert.Single(results.Where((r, i) => r.Holder == attempts[i].Holder));
        Assert.Single(results.Select(r => (r.Holder, r.Epoch)).Distinct());
    }

    [Fact]
    public async Task Lease_HeldIsRefused_ExpiredIsTakenOverWithAHigherEpoch()
    {
        var a = await OpenAsync();
        var b = await OpenAsync();
        var held = await a.AcquireLeaseAsync("run", "a", Now, Ttl);
        Assert.Equal("a", held.Holder);
        var refused = await b.AcquireLeaseAsync("run", "b", Now, Ttl);
        Assert.Equal(("a", held.Epoch, held.AcquiredAt), (refused.Holder, refused.Epoch, refused.AcquiredAt));
        // Another tenant and another job are separate leases.
        Assert.Equal("c", (await (await OpenAsync("beta")).AcquireLeaseAsync("run", "c", Now, Ttl)).Holder);
        Assert.Equal("d", (await b.AcquireLeaseAsync("other", "d", Now, Ttl)).Holder);

        // a renews with a TTL already past: it stopped renewing in time, and b takes over.
        Assert.True(await a.RenewLeaseAsync("run", "a", Now, Expired));
        var taken = await b.AcquireLeaseAsync("run", "b", Now, Ttl);
        Assert.Equal("b", taken.Holder);
        Assert.True(taken.Epoch > held.Epoch, $"epoch {taken.Epoch} after {held.Epoch}");
        Assert.False(await a.RenewLeaseAsync("run", "a", Now, Ttl));
        await a.ReleaseLeaseAsync("run", "a");
        Assert.Equal("b", (await a.AcquireLeaseAsync("run", "a", Now, Ttl)).Holder);
    }

    [Fact]
    public async Task Lease_RenewedByItsHolder_KeepsEpochAndStartUntilReleased()
    {
        var a = await OpenAsync();
        var b = await OpenAsync();
        var first = await a.AcquireLeaseAsync("run", "a", Now, Ttl);
        Assert.True(await a.RenewLeaseAsync("run", "a", Now, Ttl));
        var again = await a.AcquireLeaseAsync("run", "a", Now, Ttl);
        Assert.Equal((first.Epoch, first.AcquiredAt), (again.Epoch, again.AcquiredAt));
        Assert.True(again.ExpiresAt > again.AcquiredAt);
        Assert.Equal("a", (await b.AcquireLeaseAsync("run", "b", Now, Ttl)).Holder);
        await a.ReleaseLeaseAsync("run", "a");
        var next = await b.AcquireLeaseAsync("run", "b", Now, Ttl);
        Assert.Equal("b", next.Holder);
        Assert.True(next.Epoch > first.Epoch);
    }

    [Fact]
    public async Task Lease_HeldByAKnownDeadHolder_IsTakenOverAtOnceOnlyWhenNamed()
    {
        var a = await OpenAsync();
        await a.AcquireLeaseAsync("run", "dead", Now, Ttl);
        Assert.Equal("dead", (await a.AcquireLeaseAsync("run", "b", Now, Ttl, replacing: "someone else")).Holder);
        Assert.Equal("b", (await a.AcquireLeaseAsync("run", "b", Now, Ttl, replacing: "dead")).Holder);
    }

    [Fact]
    public async Task Fence_LeaseTakenOver_EveryLateWriteIsRefusedAndChangesNothing()
    {
        var a = await OpenAsync();
        var b = await OpenAsync();
        var lease = await a.AcquireLeaseAsync("run", "a", Now, Ttl);
        a.FenceWrites(lease);
        await a.SaveBindingsAsync([new Binding("products", "1", "first", "h", At)]);
        await a.SetValueAsync("k", "a");

        // a stalls past its lease (SIGSTOP); b takes over and writes.
        Assert.True(await a.RenewLeaseAsync("run", "a", Now, Expired));
        var taken = await b.AcquireLeaseAsync("run", "b", Now, Ttl);
        Assert.Equal("b", taken.Holder);
        b.FenceWrites(taken);
        await b.SetValueAsync("k", "b");

        // a wakes up: every kind of write is refused by the store.
        await Assert.ThrowsAsync<LeaseLostException>(() => a.SaveBindingsAsync([new Binding("products", "1", "late", "h", At)]));
        await Assert.ThrowsAsync<LeaseLostException>(() => a.DeleteBindingsAsync("products", ["1"]));
        await Assert.ThrowsAsync<LeaseLostException>(() => a.SaveBookmarkAsync("products", new Bookmark(At, 9)));
        await Assert.ThrowsAsync<LeaseLostException>(() => a.SetValueAsync("k", "late"));
        var e = await Assert.ThrowsAsync<LeaseLostException>(() => a.SaveRunAsync(new RunReport("acme", At, At, false, [])));
        Assert.Equal(lease.Epoch, e.Lease.Epoch);
        Assert.Contains("refused", e.Message);

        Assert.Equal("first", (await b.GetBindingAsync("products", "1"))!.TargetId);
        Assert.Null(await b.GetBookmarkAsync("products"));
        Assert.Equal("b", await b.GetValueAsync("k"));
        Assert.Empty(await b.GetRecentRunsAsync(5));
        await b.SaveRunAsync(new RunReport("acme", At, At, false, []));
        Assert.Single(await b.GetRecentRunsAsync(5));
    }

    [Fact]
    public async Task Fence_ReleasedThenCleared_WritesGoThroughUnfencedAgain()
    {
        var a = await OpenAsync();
        var lease = await a.AcquireLeaseAsync("run", "a", Now, Ttl);
        a.FenceWrites(lease);
        await a.ReleaseLeaseAsync("run", "a");
        await Assert.ThrowsAsync<LeaseLostException>(() => a.SetValueAsync("k", "v"));
        a.FenceWrites(null);
        await a.SetValueAsync("k", "v");
        Assert.Equal("v", await a.GetValueAsync("k"));
    }
}

/// <summary>The contract on the default store: a SQLite file per test.</summary>
public sealed class SqliteStateStoreContract : StateStoreContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("contract-").FullName;

    protected override async Task<IStateStore> OpenStoreAsync(string tenant) => await SqliteStateStore.OpenAsync(Path.Combine(_dir, "state.db"), tenant);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
