// Changes made in Optiply to an exported order, end to end over HTTP: a quantity changed, a line added, a
// line removed, the order deleted — applied to Odoo while Odoo allows it, reported as conflicts once goods
// were received or the order was locked; the draft flag; and the Odoo 16–19 profiles (price_unit, locked).
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Export;

public class OrderExportTests(ITestOutputHelper output)
{
    private static readonly DateTime Placed = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);

    private static async Task<(ExportHarness E, long Bo, long Po)> ExportedAsync(int version = 18, Func<OdooOptiply.Sync.Config.SyncFlags, OdooOptiply.Sync.Config.SyncFlags>? flags = null)
    {
        var e = await ExportHarness.StartAsync(version, flags);
        var p = e.Products(3);
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, Placed.AddDays(7), (p[0].Optiply, 10, 20m), (p[1].Optiply, 4, 12m));
        var run = await e.ExportAsync();
        Assert.True(run.Succeeded && run.Of(StreamNames.ExportBuyOrders).Created == 1, run.Describe());
        return (e, bo, ExportHarness.Id(e.SinglePurchaseOrder(bo)));
    }

    private static long LineOf(ExportHarness e, long bo, int index) => e.LinesOf(bo).OrderBy(l => l.Id).ElementAt(index).Id;

    [Fact]
    public async Task Update_QuantityChangedInOptiply_IsWrittenToTheConfirmedOrder()
    {
        var (e, bo, po) = await ExportedAsync();
        await using var _ = e;
        e.H.Optiply.Store.Change("buyOrderLines", LineOf(e, bo, 0), new JsonObject { ["quantity"] = 15, ["subtotalValue"] = 30m });
        var run = await e.ExportAsync();
        output.WriteLine(run.Describe());
        Assert.Equal(1, run.Of(StreamNames.ExportBuyOrders).Updated);
        var lines = e.PoLines(po);
        Assert.Equal([15.0, 4.0], lines.Select(l => Convert.ToDouble(l["product_qty"])));
        Assert.Equal(2.0, Convert.ToDouble(lines[0]["price_unit"]));
        Assert.Single(e.PurchaseOrdersOf(bo));
        Assert.Equal(0, (await e.ExportAsync()).Writes); // applied once
    }

    [Fact]
    public async Task Update_LineAddedAndLineRemoved_AddsOneAndZeroesTheRemovedOnAConfirmedOrder()
    {
        var (e, bo, po) = await ExportedAsync();
        await using var _ = e;
        var third = e.Products(3)[2];
        e.H.Optiply.Store.Seed("buyOrderLines", new JsonObject { ["buyOrderId"] = bo, ["productId"] = third.Optiply, ["quantity"] = 6, ["subtotalValue"] = 9m });
        e.H.Optiply.Store.Remove("buyOrderLines", LineOf(e, bo, 1));
        var run = await e.ExportAsync();
        Assert.True(run.Succeeded, run.Describe());
        var lines = e.PoLines(po);
        Assert.Equal(3, lines.Count); // a confirmed order's line cannot be deleted in Odoo: it is set to 0
        Assert.Equal([10.0, 0.0, 6.0], lines.Select(l => Convert.ToDouble(l["product_qty"])));
        Assert.Equal(third.Odoo, Convert.ToInt64(lines[2]["product_id"]));
        Assert.Equal(1.5, Convert.ToDouble(lines[2]["price_unit"]));
        var again = await e.ExportAsync();
        Assert.Equal(0, again.Writes);
        Assert.Equal(3, e.PoLines(po).Count); // the added line is bound: a re-run does not add it twice
        var pull = await e.H.SyncAsync();
        Assert.True(pull.Succeeded, pull.Describe());
        Assert.Equal(2, e.LinesOf(bo).Count); // the zeroed line does not come back into Optiply
    }

    [Fact]
    public async Task Update_RunDiedAfterOdoosLineWriteThenPullRan_LineIsNotDuplicated()
    {
        var (e, bo, po) = await ExportedAsync();
        await using var _ = e;
        Assert.True((await e.H.SyncAsync()).Succeeded);
        var third = e.Products(3)[2];
        e.H.Optiply.Store.Seed("buyOrderLines", new JsonObject { ["buyOrderId"] = bo, ["productId"] = third.Optiply, ["quantity"] = 6, ["subtotalValue"] = 9m });

        // What a run leaves when it dies between Odoo's write and the line binding: the mark, then the new Odoo line.
        var poKey = po.ToString(CultureInfo.InvariantCulture);
        await e.H.Store.SaveBindingsAsync([new OdooOptiply.Sync.Bindings.Binding(Spaces.BuyOrderLineWrites, poKey, bo.ToString(CultureInfo.InvariantCulture), "", DateTime.UtcNow)]);
        e.H.Odoo.Data.Write("purchase.order", [po], new Dictionary<string, object?>
        {
            ["order_line"] = new List<object?> { new List<object?> { 0L, 0L, new Dictionary<string, object?> { ["product_id"] = third.Odoo, ["product_qty"] = 6.0, ["price_unit"] = 1.5 } } },
        });

        var pull = await e.H.SyncAsync();
        Assert.True(pull.Succeeded, pull.Describe());
        Assert.Equal(3, e.LinesOf(bo).Count); // the Odoo line is the export's: not imported next to the user's line

        var run = await e.ExportAsync();
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(3, e.PoLines(po).Count); // adopted, not written again
        Assert.Null(await e.H.Store.GetBindingAsync(Spaces.BuyOrderLineWrites, poKey));
        Assert.Equal(3, (await e.H.Store.GetBindingsAsync(Spaces.BuyOrderLineExports).ToListAsync()).Count(b => b.SourceId.StartsWith(bo + "_", StringComparison.Ordinal)));

        Assert.True((await e.H.SyncAsync()).Succeeded);
        Assert.Equal(3, e.LinesOf(bo).Count);
        Assert.Equal(0, (await e.ExportAsync()).Writes);
    }

    [Fact]
    public async Task Update_DraftOrder_RemovedLineIsDeleted()
    {
        var (e, bo, po) = await ExportedAsync(flags: f => f with { ExportBuyOrdersAsDraft = true });
        await using var _ = e;
        Assert.Equal("draft", e.SinglePurchaseOrder(bo)["state"]);
        e.H.Optiply.Store.Remove("buyOrderLines", LineOf(e, bo, 1));
        await e.ExportAsync();
        Assert.Single(e.PoLines(po));
    }

    [Fact]
    public async Task Draft_Flag_LeavesAnRfqThatJoinsTheBuyOrdersStreamOnceConfirmed()
    {
        var (e, bo, po) = await ExportedAsync(flags: f => f with { ExportBuyOrdersAsDraft = true });
        await using var _ = e;
        Assert.Equal("draft", e.SinglePurchaseOrder(bo)["state"]);
        Assert.Empty(e.H.Odoo.Data.Search("stock.picking", $"[[\"origin\",\"=\",\"{bo}\"]]"));
        var buyOrders = e.H.Count("buyOrders");
        var pull = await e.H.SyncAsync();
        Assert.True(pull.Succeeded, pull.Describe());
        Assert.NotNull(e.H.Optiply.Store.Get("buyOrders", bo)); // an RFQ is not a deletion for the pull
        // A buyer confirms the RFQ in Odoo: the export binds it for the pull, and nothing is duplicated.
        await e.H.Source.Client.CallAsync("purchase.order", "button_confirm", [new List<object?> { po }]);
        await e.ExportAsync();
        await e.H.SyncAsync();
        Assert.Equal(buyOrders, e.H.Count("buyOrders"));
        Assert.Equal(2, e.LinesOf(bo).Count);
        Assert.NotNull(await e.H.Store.GetBindingAsync(StreamNames.BuyOrders, po.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Closed_DeletedInOptiplyBeforeReceipt_CancelsTheOdooOrder()
    {
        var (e, bo, po) = await ExportedAsync();
        await using var _ = e;
        e.H.Optiply.Store.Remove("buyOrders", bo);
        var run = await e.ExportAsync();
        Assert.Equal(1, run.Of(StreamNames.ExportBuyOrders).Deleted);
        Assert.Equal("cancel", e.SinglePurchaseOrder(bo)["state"]);
        var pull = await e.H.SyncAsync();
        Assert.True(pull.Succeeded, pull.Describe());
        Assert.Null(e.H.Optiply.Store.Get("buyOrders", bo)); // not brought back
    }

    [Fact]
    public async Task Conflict_ChangedAfterGoodsWereReceived_IsReportedEveryRunAndNotApplied()
    {
        var (e, bo, po) = await ExportedAsync();
        await using var _ = e;
        var picking = ((System.Collections.IEnumerable)e.H.Odoo.Data.Get("purchase.order", po)!["picking_ids"]!).Cast<long>().Single();
        e.H.Odoo.Data.ValidatePicking(picking);
        e.H.Optiply.Store.Change("buyOrderLines", LineOf(e, bo, 0), new JsonObject { ["quantity"] = 99 });
        for (var i = 0; i < 2; i++)
        {
            var run = await e.ExportAsync();
            var report = run.Of(StreamNames.ExportBuyOrders);
            Assert.Equal(1, report.SkipReasons["conflict: has received goods"]);
            Assert.Contains(report.Errors, m => m.Contains($"buy order {bo}", StringComparison.Ordinal) && m.Contains("not applied", StringComparison.Ordinal));
        }
        Assert.Equal(10.0, Convert.ToDouble(e.PoLines(po)[0]["product_qty"]));
        var stored = (await e.H.Store.GetRecentRunsAsync(1))[0];
        Assert.Contains(stored.Streams.Single().Errors, m => m.Contains("has received goods", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conflict_DeletedInOptiplyAfterReceipt_IsReportedAndTheOdooOrderStays()
    {
        var (e, bo, po) = await ExportedAsync();
        await using var _ = e;
        var picking = ((System.Collections.IEnumerable)e.H.Odoo.Data.Get("purchase.order", po)!["picking_ids"]!).Cast<long>().Single();
        e.H.Odoo.Data.ValidatePicking(picking);
        e.H.Optiply.Store.Remove("buyOrders", bo);
        var run = await e.ExportAsync();
        Assert.Equal(1, run.Of(StreamNames.ExportBuyOrders).SkipReasons["conflict: has received goods"]);
        Assert.Equal("purchase", e.SinglePurchaseOrder(bo)["state"]);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    public async Task Profiles_EveryVersion_ExportsWithTheComputedUnitPriceAndHonoursLocking(int version)
    {
        var (e, bo, po) = await ExportedAsync(version);
        await using var _ = e;
        var lines = e.PoLines(po);
        Assert.Equal([2.0, 3.0], lines.Select(l => Convert.ToDouble(l["price_unit"])));
        Assert.Equal(version >= 19 ? "product_uom_id" : "product_uom", await new OdooPurchaseOrders(new OdooOptiply.Sync.Ports.OdooClientTarget(e.H.Source.Client)).UnitFieldAsync(default));
        await e.H.Source.Client.CallAsync("purchase.order", "button_lock", [new List<object?> { po }]);
        e.H.Optiply.Store.Change("buyOrderLines", LineOf(e, bo, 0), new JsonObject { ["quantity"] = 11 });
        var run = await e.ExportAsync();
        Assert.Equal(1, run.Of(StreamNames.ExportBuyOrders).SkipReasons["conflict: is locked (done)"]);
        Assert.Equal(10.0, Convert.ToDouble(e.PoLines(po)[0]["product_qty"]));
    }

    [Fact]
    public async Task Price_FlagOff_OdooPricesTheLinesFromTheVendorList()
    {
        var (e, bo, po) = await ExportedAsync(flags: f => f with { ExportBoLinePrice = false });
        await using var _ = e;
        Assert.All(e.PoLines(po), l => Assert.NotEqual(2.0, Convert.ToDouble(l["price_unit"])));
        var run = (await e.H.Store.GetRecentRunsAsync(1))[0];
        Assert.Contains(run.Streams.Single().Errors, m => m.StartsWith("export_BOLine_price is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnitFactors_AppliedTheOtherWay_OdooQuantityIsOptiplyQuantityDividedByTheFactor()
    {
        await using var e = await ExportHarness.StartAsync(flags: f => f with { UnitFactors = new Dictionary<string, double> { ["Units"] = 2.0 } });
        var p = e.Products(1)[0];
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (p.Optiply, 10, 20m));
        await e.ExportAsync();
        var line = Assert.Single(e.PoLines(ExportHarness.Id(e.SinglePurchaseOrder(bo))));
        Assert.Equal(5.0, Convert.ToDouble(line["product_qty"]));
        Assert.Equal(4.0, Convert.ToDouble(line["price_unit"]));
    }

    [Fact]
    public async Task UseTemplates_OptiplyProductIsATemplate_LineGetsItsFirstVariant()
    {
        await using var e = await ExportHarness.StartAsync(flags: f => f with { UseTemplates = true });
        var template = e.Products(1)[0];
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (template.Optiply, 2, 4m));
        var run = await e.ExportAsync();
        Assert.True(run.Succeeded, run.Describe());
        var line = Assert.Single(e.PoLines(ExportHarness.Id(e.SinglePurchaseOrder(bo))));
        var variant = e.H.Odoo.Data.Get("product.product", Convert.ToInt64(line["product_id"]))!;
        Assert.Equal(template.Odoo, Convert.ToInt64(variant["product_tmpl_id"]));
    }
}
