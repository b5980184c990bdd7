// Issue 10 item 7: the open buy order list is read in pages; an order completed in Optiply while the pages
// are read must not make another slide unseen across a page boundary (offset paging did: its export binding
// was dropped and its later change never reached Odoo). Small pages, the emulator changing the set between reads.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Export;

public class OpenListPagingTests(ITestOutputHelper output)
{
    private static readonly DateTime Placed = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Open_OrderCompletedBetweenPages_TheNextOrderIsStillSeenAndItsChangeReachesOdoo()
    {
        await using var e = await ExportHarness.StartAsync();
        var p = e.Products(1)[0];
        var supplier = e.Supplier("Office Supplies Ltd");
        var bos = Enumerable.Range(0, 3).Select(_ => e.SeedBuyOrder(supplier, Placed, null, (p.Optiply, 5, 10m))).ToList();
        var first = await e.ExportAsync(openPageSize: 2);
        Assert.True(first.Succeeded && first.Of(StreamNames.ExportBuyOrders).Created == 3, first.Describe());
        var third = bos[2];
        var po = ExportHarness.Id(e.SinglePurchaseOrder(third));

        // Pages sized so that the third order opens page 2 (orders imported from Odoo are open too, with lower ids).
        var open = e.H.Optiply.Store.All("buyOrders").Where(r => r.Attributes["completed"] is null).Select(r => r.Id).ToList();
        var pageSize = open.IndexOf(third);
        Assert.True(pageSize >= 1);
        // A user raises the third order's quantity; while the export reads page 1, the first open order is completed.
        e.H.Optiply.Store.Change("buyOrderLines", e.LinesOf(third).Single().Id, new JsonObject { ["quantity"] = 9, ["subtotalValue"] = 18m });
        var done = 0;
        e.H.Optiply.Traffic.AfterListPage = type =>
        {
            if (type == "buyOrders" && Interlocked.Exchange(ref done, 1) == 0)
                e.H.Optiply.Store.Change("buyOrders", open[0], new JsonObject { ["completed"] = "2026-11-21T10:00:00Z" });
        };
        e.H.Optiply.Traffic.Reset();
        var run = await e.ExportAsync(openPageSize: pageSize);
        e.H.Optiply.Traffic.AfterListPage = null;
        output.WriteLine(run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(1, done);

        Assert.Equal(9.0, Convert.ToDouble(Assert.Single(e.PoLines(po))["product_qty"]));
        Assert.NotNull(await e.H.Store.GetBindingAsync(Spaces.BuyOrderExports, third.ToString(CultureInfo.InvariantCulture)));
        // Seen in the open list itself, not only found afterwards by a look-up of each order that went missing.
        Assert.DoesNotContain(e.H.Optiply.Traffic.Requests, r => r.Method == "GET" && r.Path.EndsWith($"/buyOrders/{third}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Closed_BoundOrderNotInTheListButStillOpen_IsUpdatedNotLetGo()
    {
        await using var e = await ExportHarness.StartAsync();
        var p = e.Products(1)[0];
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (p.Optiply, 5, 10m));
        Assert.True((await e.ExportAsync()).Succeeded);
        var po = ExportHarness.Id(e.SinglePurchaseOrder(bo));
        e.H.Optiply.Store.Change("buyOrderLines", e.LinesOf(bo).Single().Id, new JsonObject { ["quantity"] = 7, ["subtotalValue"] = 14m });
        // The list leaves it out (whatever the reason: a page boundary, a lagging index): a look-up finds it open.
        var listed = e.H.Optiply.Store.Get("buyOrders", bo)!.Attributes.DeepClone().AsObject();
        // Hide it before the list is read, give it back right after (the export's look-up then sees it open).
        e.H.Optiply.Store.Overwrite("buyOrders", bo, new JsonObject { ["completed"] = "2026-11-21T10:00:00Z" });
        e.H.Optiply.Traffic.AfterListPage = type =>
        {
            if (type == "buyOrders") e.H.Optiply.Store.Overwrite("buyOrders", bo, new JsonObject { ["completed"] = listed["completed"]?.DeepClone() });
        };
        var run = await e.ExportAsync();
        e.H.Optiply.Traffic.AfterListPage = null;
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(7.0, Convert.ToDouble(Assert.Single(e.PoLines(po))["product_qty"]));
        Assert.NotNull(await e.H.Store.GetBindingAsync(Spaces.BuyOrderExports, bo.ToString(CultureInfo.InvariantCulture)));
    }
}
