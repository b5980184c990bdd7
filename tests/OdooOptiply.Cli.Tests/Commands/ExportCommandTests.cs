// The export command, and exactly-once with the program as a REAL child process: it is made to pause at a
// named point of the export (ODOO_OPTIPLY_PAUSE_AT), killed there with SIGKILL, and started again. However
// it died, Odoo ends up with ONE purchase order per buy order, Optiply with its remote id, and a later pull
// imports nothing twice.
using OdooOptiply.Sync;
using System.Globalization;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Sync.Export;
using Spectre.Console.Testing;

namespace OdooOptiply.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<TenantFiles> PulledTenantAsync()
    {
        var t = await TenantFiles.StartAsync();
        Assert.Equal(0, await SyncCommand.RunAsync(t.ConfigPath, [], false, false, new TestConsole().Width(200), null, default));
        return t;
    }

    [Fact]
    public async Task RunAsync_BuyOrderInOptiply_CreatesPurchaseOrderAndPrintsTheReport()
    {
        await using var t = await PulledTenantAsync();
        var bo = t.SeedBuyOrder();
        var console = new TestConsole().Width(200);
        Assert.Equal(0, await ExportCommand.RunAsync(t.ConfigPath, console, null, default));
        Assert.Contains(StreamNames.ExportBuyOrders, console.Output);
        var po = Assert.Single(t.PurchaseOrdersOf(bo));
        Assert.Equal("purchase", po["state"]);
    }

    [Theory]
    [InlineData(PausePoints.BeforeCreate)]
    [InlineData(PausePoints.AfterCreate)]
    [InlineData(PausePoints.AfterConfirm)]
    [InlineData(PausePoints.AfterRemoteId)]
    [InlineData(PausePoints.AfterBind)]
    public async Task Process_KilledAtAnyPoint_RestartLeavesExactlyOnePurchaseOrder(string point)
    {
        await using var t = await PulledTenantAsync();
        var bo = t.SeedBuyOrder();
        var buyOrders = t.Optiply.Store.Count("buyOrders");

        using (var first = t.Start("export", pauseAt: point))
        {
            await first.WaitPausedAtAsync(point, Patience);
            await first.KillAsync();
        }
        Assert.Equal(point == PausePoints.BeforeCreate ? 0 : 1, t.PurchaseOrdersOf(bo).Count);

        using (var second = t.Start("export"))
            Assert.Equal(0, await second.WaitForExitAsync(Patience));
        var po = Assert.Single(t.PurchaseOrdersOf(bo));
        Assert.Equal("purchase", po["state"]);
        Assert.Equal(Convert.ToString(po["id"], CultureInfo.InvariantCulture), t.Optiply.Store.Get("buyOrders", bo)!.RemoteId(t.Optiply.CouplingId));

        // A third run and a pull change nothing more: no second order in Odoo, no order imported back into Optiply.
        using (var third = t.Start("export"))
            Assert.Equal(0, await third.WaitForExitAsync(Patience));
        Assert.Equal(0, await SyncCommand.RunAsync(t.ConfigPath, [], false, false, new TestConsole().Width(200), null, default));
        Assert.Single(t.PurchaseOrdersOf(bo));
        Assert.Equal(buyOrders, t.Optiply.Store.Count("buyOrders"));
        Assert.Equal(2, t.Optiply.Store.All("buyOrderLines").Count(l => l.GetLong("buyOrderId") == bo));
    }

    [Fact]
    public async Task Process_KilledAfterCreateThenPullRunsFirst_OrderIsNotImportedBack()
    {
        await using var t = await PulledTenantAsync();
        var bo = t.SeedBuyOrder();
        var buyOrders = t.Optiply.Store.Count("buyOrders");
        using (var first = t.Start("export", pauseAt: PausePoints.AfterConfirm))
        {
            await first.WaitPausedAtAsync(PausePoints.AfterConfirm, Patience);
            await first.KillAsync();
        }
        // The confirmed order is in Odoo with no binding yet; the pull must leave it to the export.
        Assert.Equal(0, await SyncCommand.RunAsync(t.ConfigPath, [], false, false, new TestConsole().Width(200), null, default));
        Assert.Equal(buyOrders, t.Optiply.Store.Count("buyOrders"));
        using (var second = t.Start("export"))
            Assert.Equal(0, await second.WaitForExitAsync(Patience));
        Assert.Single(t.PurchaseOrdersOf(bo));
        Assert.Equal(buyOrders, t.Optiply.Store.Count("buyOrders"));
    }

    [Fact]
    public async Task Process_WhileAnotherProcessExportsTheTenant_IsRefusedWithExitCode3()
    {
        await using var t = await PulledTenantAsync();
        var bo = t.SeedBuyOrder();
        using var first = t.Start("export", pauseAt: PausePoints.BeforeCreate);
        await first.WaitPausedAtAsync(PausePoints.BeforeCreate, Patience);

        // The first process holds the tenant's lease while it is about to create the purchase order.
        using (var second = t.Start("export"))
        {
            Assert.Equal(3, await second.WaitForExitAsync(Patience));
            Assert.Matches($@"tenant acme is being synced by {first.Process.Id}@\S+ \(export\) since .+ UTC; try again later", System.Text.RegularExpressions.Regex.Replace(second.Output, @"\s+", " ")); // the console wraps at 80 columns
        }
        Assert.Empty(t.PurchaseOrdersOf(bo));
        await first.KillAsync();

        // The killed holder's lease is taken over at once on this machine (its process is gone): the next export runs.
        using (var third = t.Start("export"))
            Assert.Equal(0, await third.WaitForExitAsync(Patience));
        Assert.Single(t.PurchaseOrdersOf(bo));
    }

    [Fact]
    public async Task Process_KilledAfterLineWriteThenPullRunsFirst_LineIsNotDuplicated()
    {
        await using var t = await PulledTenantAsync();
        var bo = t.SeedBuyOrder();
        Assert.Equal(0, await ExportCommand.RunAsync(t.ConfigPath, new TestConsole().Width(200), null, default));
        Assert.Equal(0, await SyncCommand.RunAsync(t.ConfigPath, [], false, false, new TestConsole().Width(200), null, default));
        // A user adds a third line to the exported (confirmed, pulled) order in Optiply.
        var coupling = t.Optiply.CouplingId;
        var used = t.Optiply.Store.All("buyOrderLines").Where(l => l.GetLong("buyOrderId") == bo).Select(l => l.GetLong("productId")).ToHashSet();
        var product = t.Optiply.Store.All("products").First(p => p.GetString("status") == "enabled" && p.RemoteId(coupling) is not null && !used.Contains(p.Id)).Id;
        t.Optiply.Store.Seed("buyOrderLines", new System.Text.Json.Nodes.JsonObject { ["buyOrderId"] = bo, ["productId"] = product, ["quantity"] = 4, ["subtotalValue"] = 12m });

        // The export writes the line into Odoo and dies before binding it; a pull runs before the next export.
        using (var first = t.Start("export", pauseAt: PausePoints.AfterLineWrite))
        {
            await first.WaitPausedAtAsync(PausePoints.AfterLineWrite, Patience);
            await first.KillAsync();
        }
        Assert.Equal(0, await SyncCommand.RunAsync(t.ConfigPath, [], false, false, new TestConsole().Width(200), null, default));
        Assert.Equal(0, await ExportCommand.RunAsync(t.ConfigPath, new TestConsole().Width(200), null, default));
        Assert.Equal(0, await SyncCommand.RunAsync(t.ConfigPath, [], false, false, new TestConsole().Width(200), null, default));
        Assert.Equal(0, await ExportCommand.RunAsync(t.ConfigPath, new TestConsole().Width(200), null, default));

        var po = Assert.Single(t.PurchaseOrdersOf(bo));
        Assert.Equal(3, t.Odoo.Data.Search("purchase.order.line", $"[[\"order_id\",\"=\",{po["id"]}]]").Count);
        var lines = t.Optiply.Store.All("buyOrderLines").Where(l => l.GetLong("buyOrderId") == bo).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Single(lines, l => l.GetLong("productId") == product);
    }
}
