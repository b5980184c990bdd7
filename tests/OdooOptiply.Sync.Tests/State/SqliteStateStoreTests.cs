// Tests for SqliteStateStore: round trips of bindings, bookmarks, runs and values; migrations; refusal
// of corrupt and newer-schema files.
using Dapper;
using Microsoft.Data.Sqlite;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.State;

public sealed class SqliteStateStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("state-").FullName;
    private string PathOf(string name = "t.db") => Path.Combine(_dir, name);

    public void Dispose() { SqliteConnection.ClearAllPools(); Directory.Delete(_dir, true); }

    [Fact]
    public async Task SaveBindingsAsync_ThenReopen_BindingsSurvive()
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        await using (var store = await SqliteStateStore.OpenAsync(PathOf(), "acme"))
        {
            await store.SaveBindingsAsync([new Binding("products", "7", "1001", "h1", at), new Binding("products", "8", "1002", "h2", at)]);
            await store.SaveBindingsAsync([new Binding("products", "7", "1001", "h3", at)]);
        }
        await using var reopened = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        var all = await reopened.GetBindingsAsync("products").ToListAsync();
        Assert.Equal(2, all.Count);
        Assert.Equal(new Binding("products", "7", "1001", "h3", at), await reopened.GetBindingAsync("products", "7"));
        Assert.Equal(2, (await reopened.CountBindingsAsync())["products"]);
    }

    [Fact]
    public async Task GetBindingsAsync_OtherTenant_SeesNothing()
    {
        await using (var a = await SqliteStateStore.OpenAsync(PathOf(), "a"))
            await a.SaveBindingsAsync([new Binding("products", "1", "2", "h", DateTime.UtcNow)]);
        await using var b = await SqliteStateStore.OpenAsync(PathOf(), "b");
        Assert.Empty(await b.GetBindingsAsync("products").ToListAsync());
    }

    [Fact]
    public async Task DeleteBindingsAsync_RemovesOnlyThoseIds()
    {
        await using var store = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        await store.SaveBindingsAsync([new Binding("s", "1", "a", "h", DateTime.UtcNow), new Binding("s", "2", "b", "h", DateTime.UtcNow)]);
        await store.DeleteBindingsAsync("s", ["1"]);
        Assert.Equal("2", Assert.Single(await store.GetBindingsAsync("s").ToListAsync()).SourceId);
    }

    [Fact]
    public async Task SaveBookmarkAsync_RoundTripsAndClears()
    {
        await using var store = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        var mark = new Bookmark(new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc), 42);
        await store.SaveBookmarkAsync("products", mark);
        Assert.Equal(mark, await store.GetBookmarkAsync("products"));
        Assert.Equal(mark, (await store.GetBookmarksAsync())["products"]);
        await store.SaveBookmarkAsync("products", null);
        Assert.Null(await store.GetBookmarkAsync("products"));
    }

    [Fact]
    public async Task SaveRunAsync_RecentRunsComeBackNewestFirstWithCounts()
    {
        await using var store = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var counter = new StreamCounter("products") { Read = 10, Created = 3, Unchanged = 6 };
        counter.Skip("not storable");
        counter.Fail("boom");
        await store.SaveRunAsync(new RunReport("acme", t0, t0.AddSeconds(5), false, [counter.Build(StreamStatus.Failed, TimeSpan.FromSeconds(2))]));
        await store.SaveRunAsync(new RunReport("acme", t0.AddHours(1), t0.AddHours(1).AddSeconds(1), true, []));
        var runs = await store.GetRecentRunsAsync(5);
        Assert.Equal(2, runs.Count);
        Assert.True(runs[0].DryRun);
        var products = Assert.Single(runs[1].Streams);
        Assert.Equal((10L, 3L, 6L, 1L, 1L), (products.Read, products.Created, products.Unchanged, products.Skipped, products.Failed));
        Assert.Equal(1, products.SkipReasons["not storable"]);
        Assert.Equal(["boom"], products.Errors);
        Assert.Equal(StreamStatus.Failed, products.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), products.Duration);
    }

    [Fact]
    public async Task SetValueAsync_RoundTripsAndDeletes()
    {
        await using var store = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        await store.SetValueAsync("last_reconcile", "2026-01-01");
        Assert.Equal("2026-01-01", await store.GetValueAsync("last_reconcile"));
        await store.SetValueAsync("last_reconcile", null);
        Assert.Null(await store.GetValueAsync("last_reconcile"));
    }

    [Fact]
    public async Task OpenAsync_NewDatabase_IsInWalModeAtLatestVersion()
    {
        await using (await SqliteStateStore.OpenAsync(PathOf(), "acme")) { }
        await using var db = new SqliteConnection($"Data Source={PathOf()};Pooling=False");
        Assert.Equal("wal", await db.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(SqliteStateStore.LatestSchemaVersion, await db.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public async Task OpenAsync_NewerSchema_IsRefusedWithClearMessage()
    {
        await using (await SqliteStateStore.OpenAsync(PathOf(), "acme")) { }
        await using (var db = new SqliteConnection($"Data Source={PathOf()};Pooling=False"))
            await db.ExecuteAsync("INSERT INTO schema_version VALUES (99)");
        var e = await Assert.ThrowsAsync<StateStoreException>(() => SqliteStateStore.OpenAsync(PathOf(), "acme"));
        Assert.Contains("newer", e.Message);
        Assert.Contains("99", e.Message);
    }

    [Fact]
    public async Task OpenAsync_NotADatabase_IsRefusedWithClearMessage()
    {
        await File.WriteAllTextAsync(PathOf("junk.db"), new string('x', 8192));
        var e = await Assert.ThrowsAsync<StateStoreException>(() => SqliteStateStore.OpenAsync(PathOf("junk.db"), "acme"));
        Assert.Contains("not a SQLite database or is corrupt", e.Message);
    }

    [Fact]
    public async Task AcquireLeaseAsync_TwoConnectionsContend_ExactlyOneHolderWins()
    {
        await using var a = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        await using var b = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        var now = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
        var attempts = Enumerable.Range(0, 40).Select(i => (Store: i % 2 == 0 ? a : b, Holder: $"holder-{i}")).ToList();
        var results = await Task.WhenAll(attempts.Select(x => Task.Run(() => x.Store.AcquireLeaseAsync("run", x.Holder, now, TimeSpan.FromMinutes(3)))));
        Assert.Single(results.Where((r, i) => r.Holder == attempts[i].Holder));
        Assert.Single(results.Select(r => r.Holder).Distinct());
    }

    [Fact]
    public async Task AcquireLeaseAsync_HeldThenExpired_IsRefusedThenTakenOver()
    {
        await using var a = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        await using var b = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        var t0 = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
        var ttl = TimeSpan.FromMinutes(3);
        Assert.Equal("a", (await a.AcquireLeaseAsync("run", "a", t0, ttl)).Holder);

        var refused = await b.AcquireLeaseAsync("run", "b", t0.AddMinutes(2), ttl);
        Assert.Equal(("a", t0), (refused.Holder, refused.AcquiredAt));
        // Another tenant and another job are separate leases.
        await using (var other = await SqliteStateStore.OpenAsync(PathOf(), "beta"))
            Assert.Equal("c", (await other.AcquireLeaseAsync("run", "c", t0, ttl)).Holder);

        var taken = await b.AcquireLeaseAsync("run", "b", t0.AddMinutes(4), ttl);
        Assert.Equal(("b", t0.AddMinutes(4)), (taken.Holder, taken.AcquiredAt));
        Assert.False(await a.RenewLeaseAsync("run", "a", t0.AddMinutes(4), ttl));
        await a.ReleaseLeaseAsync("run", "a");
        Assert.Equal("b", (await a.AcquireLeaseAsync("run", "a", t0.AddMinutes(5), ttl)).Holder);
    }

    [Fact]
    public async Task RenewLeaseAsync_ByHolder_ExtendsAndReleaseFreesIt()
    {
        await using var a = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        await using var b = await SqliteStateStore.OpenAsync(PathOf(), "acme");
        var t0 = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
        var ttl = TimeSpan.FromMinutes(3);
        await a.AcquireLeaseAsync("run", "a", t0, ttl);
        Assert.True(await a.RenewLeaseAsync("run", "a", t0.AddMinutes(2), ttl));
        Assert.Equal("a", (await b.AcquireLeaseAsync("run", "b", t0.AddMinutes(4), ttl)).Holder);
        await a.ReleaseLeaseAsync("run", "a");
        Assert.Equal("b", (await b.AcquireLeaseAsync("run", "b", t0.AddMinutes(4), ttl)).Holder);
    }
}
