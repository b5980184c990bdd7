// Issue 10 item 4: an exporter frozen between its Odoo search and its create (SIGSTOP, longer than the lease)
// must not create a second purchase order when resumed. The freeze is the before-create pause point, held by
// the test in-process; the lease's clock is driven, never waited for.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Export;

public class FrozenExporterTests
{
    private static readonly DateTime Placed = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Create_AnotherRunExportedTheOrderWhileThisOneWasFrozen_NoSecondPurchaseOrder()
    {
        await using var e = await ExportHarness.StartAsync();
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (e.Products(1)[0].Optiply, 3, 6m));
        PausePoints.Hook.Value = async (point, _) =>
        {
            if (point != PausePoints.BeforeCreate) return;
            PausePoints.Hook.Value = null; // the other run (started while this one is frozen) is not frozen
            var other = await e.ExportAsync();
            Assert.Equal(1, other.Of(StreamNames.ExportBuyOrders).Created);
        };
        var run = await e.ExportAsync();
        Assert.True(run.Succeeded, run.Describe());
        Assert.Single(e.PurchaseOrdersOf(bo));
    }

    [Fact]
    public async Task Create_LeaseTakenWhileFrozen_CreatesNothingAndSaysWhy()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await using var e = await ExportHarness.StartAsync();
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (e.Products(1)[0].Optiply, 3, 6m));
        await using var lease = await TenantLease.AcquireAsync(e.H.Store, "export", clock);
        PausePoints.Hook.Value = async (point, _) =>
        {
            if (point != PausePoints.BeforeCreate) return;
            // Frozen past the TTL (its renewals stopped too): another process takes the tenant.
            var later = clock.GetUtcNow().UtcDateTime + TenantLease.DefaultTtl + TimeSpan.FromSeconds(1);
            var taken = await e.H.Store.AcquireLeaseAsync(TenantLease.Job, "other@host/1 (export)", later, TenantLease.DefaultTtl);
            Assert.Equal("other@host/1 (export)", taken.Holder);
        };
        var run = await new ExportRunner(e.H.Config, e.H.Source.Client, e.Optiply, e.H.Store, clock) { Fence = lease.StillHeldAsync }.RunAsync();
        Assert.False(run.Succeeded);
        Assert.Contains(run.Of(StreamNames.ExportBuyOrders).Errors, m => m.Contains("lease was lost", StringComparison.Ordinal));
        Assert.Empty(e.PurchaseOrdersOf(bo));
        Assert.True(lease.Lost.IsCancellationRequested);
    }
}
