// Issue 10 item 5: when the purchase order already exists (a run died after the create, the confirm or the
// remote id, or the remote-id PATCH failed) and the buy order was edited in Optiply meanwhile, the export
// applies the current lines to it before storing their hash, and the next pull does not write the old back.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Export;

public class RecoveryEditTests
{
    private static readonly DateTime Placed = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Create_OrderAlreadyInOdooWithOldLines_CurrentLinesAreAppliedAndSurviveThePull()
    {
        await using var e = await ExportHarness.StartAsync();
        var p = e.Products(2);
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (p[0].Optiply, 5, 10m), (p[1].Optiply, 6, 12m));
        Assert.True((await e.ExportAsync()).Succeeded);
        var po = ExportHarness.Id(e.SinglePurchaseOrder(bo));
        // What a run that died after the confirm leaves: the Odoo order, no bindings, no remote id.
        var id = bo.ToString(CultureInfo.InvariantCulture);
        await e.H.Store.DeleteBindingsAsync(Spaces.BuyOrderExports, [id]);
        await e.H.Store.DeleteBindingsAsync(Spaces.BuyOrderLineExports, e.LinesOf(bo).Select(l => id + "_" + l.Id).ToList());
        await e.H.Store.DeleteBindingsAsync(StreamNames.BuyOrders, [po.ToString(CultureInfo.InvariantCulture)]);
        e.H.Optiply.Store.Change("buyOrders", bo, new JsonObject { ["remoteId"] = null });
        // Meanwhile the buyer edits the order in Optiply: [5, 6] becomes [6, 40].
        var lines = e.LinesOf(bo).OrderBy(l => l.Id).ToList();
        e.H.Optiply.Store.Change("buyOrderLines", lines[0].Id, new JsonObject { ["quantity"] = 6, ["subtotalValue"] = 12m });
        e.H.Optiply.Store.Change("buyOrderLines", lines[1].Id, new JsonObject { ["quantity"] = 40, ["subtotalValue"] = 80m });

        var run = await e.ExportAsync();
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(0, run.Of(StreamNames.ExportBuyOrders).Created);
        Assert.Equal([6.0, 40.0], e.PoLines(po).Select(l => Convert.ToDouble(l["product_qty"])));

        var pull = await e.H.SyncAsync();
        Assert.True(pull.Succeeded, pull.Describe());
        Assert.Equal([6L, 40L], e.LinesOf(bo).OrderBy(l => l.Id).Select(l => l.GetLong("quantity") ?? -1));
        Assert.Equal(0, (await e.ExportAsync()).Writes);
        Assert.Single(e.PurchaseOrdersOf(bo));
    }
}
