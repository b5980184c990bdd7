// Purchase orders an earlier export created in Odoo, after the state file is lost (issue 9): the pull binds
// them back from their origin mark instead of skipping them forever, the export finds them by that mark
// instead of creating a second one, and no buy order is imported twice.
using System.Globalization;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Streams;
using OdooOptiply.Sync.Tests.Export;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Adoption;

public sealed class ExportedOrdersTakeoverTests
{
    private static readonly DateTime Placed = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);

    private static async Task<(ExportHarness E, long Bo, long Po)> ExportedAsync()
    {
        var e = await ExportHarness.StartAsync();
        var products = e.Products(2);
        var bo = e.SeedBuyOrder(e.Supplier("Tech Parts GmbH"), Placed, Placed.AddDays(14), (products[0].Optiply, 10, 25.00m), (products[1].Optiply, 3, 10.00m));
        Assert.True((await e.ExportAsync()).Succeeded);
        Assert.True((await e.H.SyncAsync()).Succeeded);
        return (e, bo, ExportHarness.Id(e.SinglePurchaseOrder(bo)));
    }

    [Fact]
    public async Task OpenBuyOrder_LostState_PullLeavesItToTheExport_WhichBindsItWithoutASecondPurchaseOrder()
    {
        var (e, bo, po) = await ExportedAsync();
        await using var _ = e;
        var buyOrders = e.H.Count("buyOrders");
        var lines = e.H.Count("buyOrderLines");
        var purchaseOrders = e.H.Odoo.Data.Count("purchase.order");

        await e.H.LoseStateAsync();
        var pull = await e.H.SyncAsync();
        Assert.True(pull.Succeeded, pull.Describe());
        Assert.Contains(pull.Of(StreamNames.BuyOrders).SkipReasons.Keys, k => k.Contains("the export binds it"));
        var export = await e.ExportAsync();
        Assert.True(export.Succeeded, export.Describe());
        Assert.Equal(0, export.Of(StreamNames.ExportBuyOrders).Created);
        var pullAgain = await e.H.SyncAsync();
        Assert.True(pullAgain.Succeeded, pullAgain.Describe());

        Assert.Equal(purchaseOrders, e.H.Odoo.Data.Count("purchase.order"));
        Assert.Equal(buyOrders, e.H.Count("buyOrders"));
        Assert.Equal(lines, e.H.Count("buyOrderLines"));
        Assert.Equal(bo.ToString(CultureInfo.InvariantCulture), (await e.H.Store.GetBindingAsync(StreamNames.BuyOrders, po.ToString(CultureInfo.InvariantCulture)))?.TargetId);
        Assert.Equal(po.ToString(CultureInfo.InvariantCulture), (await e.H.Store.GetBindingAsync(Spaces.BuyOrderExports, bo.ToString(CultureInfo.InvariantCulture)))?.TargetId);
    }

    [Fact]
    public async Task CompletedBuyOrder_LostState_PullBindsItBackByItsOriginMark()
    {
        var (e, bo, po) = await ExportedAsync();
        await using var _ = e;
        // The order is done in Odoo; the pull completes it in Optiply; the export lets it go.
        e.H.Odoo.Data.Write("purchase.order", [po], new Dictionary<string, object?> { ["state"] = "done" });
        Assert.True((await e.H.SyncAsync()).Succeeded);
        Assert.NotNull(e.H.Optiply.Store.Get("buyOrders", bo)!.GetString("completed"));
        Assert.True((await e.ExportAsync()).Succeeded);
        var buyOrders = e.H.Count("buyOrders");
        var lines = e.H.Count("buyOrderLines");

        await e.H.LoseStateAsync();
        var writes = e.H.Optiply.WriteCount;
        var pull = await e.H.SyncAsync();
        Assert.True(pull.Succeeded, pull.Describe());
        Assert.Equal(1, pull.Of(StreamNames.BuyOrders).Adoption!.ByOriginMark);
        Assert.Equal(bo.ToString(CultureInfo.InvariantCulture), (await e.H.Store.GetBindingAsync(StreamNames.BuyOrders, po.ToString(CultureInfo.InvariantCulture)))?.TargetId);
        var optiplyLines = e.LinesOf(bo).Select(l => l.Id.ToString(CultureInfo.InvariantCulture)).Order().ToList();
        var boundLines = new List<string>();
        foreach (var line in e.PoLines(po))
            boundLines.Add((await e.H.Store.GetBindingAsync(Spaces.BuyOrderLines, ExportHarness.Id(line).ToString(CultureInfo.InvariantCulture)))?.TargetId ?? "unbound");
        Assert.Equal(optiplyLines, boundLines.Order().ToList()); // lines adopted with their order
        Assert.Equal(buyOrders, e.H.Count("buyOrders"));
        Assert.Equal(lines, e.H.Count("buyOrderLines"));
        Assert.Equal(writes, e.H.Optiply.WriteCount); // Optiply already said what Odoo says
        var export = await e.ExportAsync();
        Assert.Equal(0, export.Of(StreamNames.ExportBuyOrders).Created);
        Assert.Single(e.PurchaseOrdersOf(bo));
    }
}
