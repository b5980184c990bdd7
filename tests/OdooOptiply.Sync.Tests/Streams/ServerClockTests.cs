// Bookmarks from the server's clock, never the local one (issue 10.10): the Odoo emulator and the engine run on
// two fake clocks that disagree — ours a day ahead, or Odoo's 15 minutes behind — and a rename made in Odoo after
// a sync still arrives on the next run; a bookmark left in the future by a wrong clock is not trusted.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Streams;

public class ServerClockTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private async Task<RunReport> RunAsync(SyncHarness h)
    {
        var run = await h.SyncAsync();
        output.WriteLine(run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        return run;
    }

    private static void Advance(TimeSpan by, params FakeTimeProvider[] clocks)
    {
        foreach (var c in clocks) c.Advance(by);
    }

    private static async Task RenameArrivesAsync(FakeTimeProvider local, FakeTimeProvider odoo, ITestOutputHelper output)
    {
        await using var h = await SyncHarness.StartAsync(clock: local, odooClock: odoo);
        Advance(TimeSpan.FromHours(1), local, odoo);
        var first = await h.SyncAsync();
        Assert.True(first.Succeeded, first.Describe());
        // The bookmark is on Odoo's clock, whatever ours says.
        var bookmark = await h.Store.GetBookmarkAsync("products");
        Assert.NotNull(bookmark);
        Assert.InRange(bookmark!.WriteDate, odoo.GetUtcNow().UtcDateTime.AddMinutes(-1), odoo.GetUtcNow().UtcDateTime);
        Advance(TimeSpan.FromMinutes(10), local, odoo);
        var product = h.ProductId("OPT-0002");
        h.Odoo.Data.Write("product.product", [product], new Dictionary<string, object?> { ["name"] = "Renamed while the clocks disagree" });
        Advance(TimeSpan.FromMinutes(5), local, odoo);
        var run = await h.SyncAsync();
        output.WriteLine(run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal("Renamed while the clocks disagree", (string)h.ByRemoteId("products", product.ToString())!["name"]!);
        Assert.False(run.Of("products").FullRead); // found by the incremental read, not by a full one
    }

    [Fact]
    public Task RunAsync_LocalClockADayAhead_RenameArrives() =>
        RenameArrivesAsync(new FakeTimeProvider(Start.AddDays(1)), new FakeTimeProvider(Start), output);

    [Fact]
    public Task RunAsync_OdooClock15MinutesBehind_RenameArrives() =>
        RenameArrivesAsync(new FakeTimeProvider(Start), new FakeTimeProvider(Start.AddMinutes(-15)), output);

    [Fact]
    public async Task RunAsync_BookmarkInTheFuture_ReadInFullOnceThenServerBookmark()
    {
        var local = new FakeTimeProvider(Start);
        var odoo = new FakeTimeProvider(Start);
        await using var h = await SyncHarness.StartAsync(clock: local, odooClock: odoo);
        Advance(TimeSpan.FromHours(1), local, odoo);
        Assert.True((await h.SyncAsync()).Succeeded);
        // As a run on a clock a day ahead left it (an older version took bookmarks from the local clock).
        await h.Store.SaveBookmarkAsync("products", new Bookmark(odoo.GetUtcNow().UtcDateTime.AddDays(1), 0));
        Advance(TimeSpan.FromMinutes(10), local, odoo);
        var product = h.ProductId("OPT-0002");
        var template = Convert.ToInt64(h.Odoo.Data.Search("product.product", $"[[\"id\",\"=\",{product}]]").First()["product_tmpl_id"]);
        h.Odoo.Data.Write("product.template", [template], new Dictionary<string, object?> { ["name"] = "Renamed under a future bookmark" });
        var run = await RunAsync(h);
        Assert.Equal("Renamed under a future bookmark", (string)h.ByRemoteId("products", product.ToString())!["name"]!);
        Assert.True(run.Of("products").FullRead);
        Assert.Equal(0, run.Of("products").Failed);
        var after = await h.Store.GetBookmarkAsync("products");
        Assert.True(after!.WriteDate <= odoo.GetUtcNow().UtcDateTime, $"bookmark {after.WriteDate:O} is the server's, not ahead of it");
        Advance(TimeSpan.FromMinutes(5), local, odoo);
        Assert.False((await RunAsync(h)).Of("products").FullRead);
    }

    [Fact]
    public async Task RunAsync_LastReconciliationInTheFuture_ReconcilesNow()
    {
        var local = new FakeTimeProvider(Start);
        await using var h = await SyncHarness.StartAsync(clock: local);
        local.Advance(TimeSpan.FromHours(1));
        Assert.True((await h.SyncAsync()).Succeeded);
        // Stamped while the local clock was a day ahead: believing it would skip the daily reconciliation for two days.
        await h.Store.SetValueAsync(SyncRunner.LastReconciliationKey, local.GetUtcNow().UtcDateTime.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        local.Advance(TimeSpan.FromMinutes(5));
        var run = await RunAsync(h);
        Assert.True(run.Of("products").FullRead);
    }
}
