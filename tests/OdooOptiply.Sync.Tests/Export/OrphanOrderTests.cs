// Issue 10 item 6: a buy order deleted in Optiply while its purchase order existed in Odoo but was not bound
// yet (a run died after the create) left a confirmed PO nothing binds, skipped by the pull forever. The export
// finds purchase orders carrying its mark, unbound, whose buy order is gone (404), and cancels them, reported.
using System.Globalization;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Export;

public class OrphanOrderTests
{
    private static readonly DateTime Placed = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Run_UnboundMarkedOrderWhoseBuyOrderWasDeleted_IsCancelledAndReported()
    {
        await using var e = await ExportHarness.StartAsync();
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (e.Products(1)[0].Optiply, 3, 6m));
        var keep = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (e.Products(1)[0].Optiply, 2, 4m));
        Assert.True((await e.ExportAsync()).Succeeded);
        var po = ExportHarness.Id(e.SinglePurchaseOrder(bo));
        // A run that died after the create and confirm: no bindings; then the buyer deletes the buy order in Optiply.
        await e.H.Store.DeleteBindingsAsync(Spaces.BuyOrderExports, [bo.ToString(CultureInfo.InvariantCulture)]);
        await e.H.Store.DeleteBindingsAsync(StreamNames.BuyOrders, [po.ToString(CultureInfo.InvariantCulture)]);
        e.H.Optiply.Store.Remove("buyOrders", bo);

        var run = await e.ExportAsync();
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(1, run.Of(StreamNames.ExportBuyOrders).Deleted);
        Assert.Contains(run.Of(StreamNames.ExportBuyOrders).Errors, m => m.Contains($"buy order {bo}", StringComparison.Ordinal) && m.Contains("cancelled", StringComparison.Ordinal));
        Assert.Equal("cancel", e.SinglePurchaseOrder(bo)["state"]);
        Assert.Equal("purchase", e.SinglePurchaseOrder(keep)["state"]); // bound and alive: untouched
        Assert.Equal(0, (await e.ExportAsync()).Writes);
    }
}
