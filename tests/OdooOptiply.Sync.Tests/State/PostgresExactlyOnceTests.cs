// End-to-end sync and export runs with their state in PostgreSQL (issue 14): the same exactly-once
// rules as on SQLite — a full sync then an incremental one creates every record once, a create that
// landed but answered 500 is found, not repeated, and an export re-run or a lost create answer makes no
// second purchase order. Both emulators on loopback, a fresh database of the run's throwaway cluster.
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Streams;
using OdooOptiply.Sync.Tests.Export;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.State;

[Collection(PostgresCollection.Name)]
public sealed class PostgresExactlyOnceTests(PostgresServer server)
{
    private static readonly DateTime Placed = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Expected = new(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Sync_FullThenIncremental_CreatesEveryRecordOnce()
    {
        await using var h = await SyncHarness.StartAsync(postgresUrl: await server.CreateDatabaseAsync("sync"));
        Assert.IsNotType<SqliteStateStore>(h.Store);
        var first = await h.SyncAsync();
        Assert.True(first.Succeeded, first.Describe());
        Assert.True(first.Of(StreamNames.Products).Created > 0);
        var again = await h.SyncAsync();
        Assert.True(again.Succeeded, again.Describe());
        Assert.Equal(0, again.Writes);
        Assert.Equal(first.Of(StreamNames.Products).Created, h.Count("products"));
        Assert.Equal(h.Count("products"), (await h.Store.CountBindingsAsync())[StreamNames.Products]);
        Assert.Equal(2, (await h.Store.GetRecentRunsAsync(5)).Count);
        Assert.NotEmpty(await h.Store.GetBookmarksAsync());
    }

    [Fact]
    public async Task Sync_CreateThatLandsButAnswers500_IsFoundAndBoundNeverCreatedAgain()
    {
        await using var h = await SyncHarness.StartAsync(postgresUrl: await server.CreateDatabaseAsync("lost"));
        h.Optiply.Lies.AnswerLandedCreatesWith500(3);
        for (var run = 0; run < 3; run++) await h.SyncAsync(new SyncOptions(Streams: new HashSet<string> { StreamNames.Products }));
        var products = h.Optiply.Store.All("products");
        Assert.DoesNotContain(products.GroupBy(p => p.RemoteId(h.Optiply.CouplingId)), g => g.Count() > 1);
        Assert.Equal(25, products.Count);
        Assert.Equal(25, await h.Store.GetBindingsAsync(StreamNames.Products).CountAsync(b => !b.IsPending));
    }

    [Fact]
    public async Task Export_Rerun_CreatesNoSecondPurchaseOrder()
    {
        await using var e = await ExportHarness.StartAsync(postgresUrl: await server.CreateDatabaseAsync("export"));
        var p = e.Products(1)[0];
        var bo = e.SeedBuyOrder(e.Supplier("Paper & Co"), Placed, Expected, (p.Optiply, 4, 8m));
        var first = await e.ExportAsync();
        Assert.Equal(1, first.Of(StreamNames.ExportBuyOrders).Created);
        var again = await e.ExportAsync();
        Assert.True(again.Succeeded, again.Describe());
        Assert.Equal(0, again.Of(StreamNames.ExportBuyOrders).Created);
        Assert.Equal(1, again.Of(StreamNames.ExportBuyOrders).Unchanged);
        Assert.Single(e.PurchaseOrdersOf(bo));
    }

    [Fact]
    public async Task Export_CreateAnswerLost_FindsTheOrderInsteadOfCreatingAgain()
    {
        await using var e = await ExportHarness.StartAsync(19, protocol: "json2", postgresUrl: await server.CreateDatabaseAsync("exportlost"));
        var p = e.Products(1)[0];
        var bo = e.SeedBuyOrder(e.Supplier("Paper & Co"), Placed, Expected, (p.Optiply, 4, 8m));
        e.H.Odoo.Faults.Options = new Emulators.Hosting.FaultOptions { Truncate = 1.0, PathPrefix = "/json/2/purchase.order/create" };
        var run = await e.ExportAsync();
        e.H.Odoo.Faults.Options = new Emulators.Hosting.FaultOptions();
        Assert.True(e.H.Odoo.Faults.TotalInjected >= 1);
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(1, run.Of(StreamNames.ExportBuyOrders).Created);
        Assert.Single(e.PurchaseOrdersOf(bo));
        Assert.Equal(0, (await e.ExportAsync()).Of(StreamNames.ExportBuyOrders).Created);
    }

    [Fact]
    public async Task Export_LeaseTakenOverMidway_ItsLateStateWritesAreRefused()
    {
        var url = await server.CreateDatabaseAsync("fence");
        await using var e = await ExportHarness.StartAsync(postgresUrl: url);
        var lease = await TenantLease.AcquireAsync(e.H.Store, "export");
        // This worker stalls past its lease; another worker takes the tenant over.
        Assert.True(await e.H.Store.RenewLeaseAsync(TenantLease.Job, lease.Current.Holder, DateTime.UtcNow, TimeSpan.FromSeconds(-1)));
        await using var other = await StateStores.OpenAsync(e.H.Config);
        Assert.NotEqual(lease.Current.Holder, (await TenantLease.AcquireAsync(other, "export")).Current.Holder);
        await Assert.ThrowsAsync<LeaseLostException>(() => e.H.Store.SaveBookmarkAsync(StreamNames.Products, new Bookmark(Placed, 1)));
        await Assert.ThrowsAsync<LeaseLostException>(() => e.H.Store.SaveRunAsync(new RunReport("test", Placed, Placed, false, [])));
        await lease.DisposeAsync();
    }
}
