// The mass-deletion guard end to end, over HTTP between both emulators (flag deletion_guard): Odoo answers but no
// longer returns most products (as when a record rule or a lost company hides them); the run deletes nothing in
// Optiply, keeps every binding, fails with the words the user needs (stored with the run for status and the board),
// and a run with AllowMassDeletions (sync --allow-mass-deletions) then sends the deletions.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Streams;

public class MassDeletionGuardTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task MostProductsGoneFromOdoo_OptiplyIsUntouched_TheRunFailsInWords_UntilAllowed()
    {
        await using var h = await SyncHarness.StartAsync(clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        var first = await h.SyncAsync();
        Assert.True(first.Succeeded, first.Describe());
        var products = h.Count("products");
        var ids = h.Odoo.Data.Search("product.product", "[]").Select(r => Convert.ToInt64(r["id"])).ToList();
        Assert.True(products > 10 && ids.Count >= products, $"the demo seed has {products} products in Optiply, {ids.Count} in Odoo");
        var gone = ids.Take(ids.Count - 2).ToList(); // all but two: far more than 30 % and more than 10
        _clock.Advance(TimeSpan.FromHours(1));
        h.Odoo.Data.Unlink("product.product", gone);

        var held = await h.SyncAsync();
        Assert.False(held.Succeeded, held.Describe());
        var report = held.Of("products");
        Assert.Equal(StreamStatus.Failed, report.Status);
        Assert.Equal(0, report.Deleted);
        Assert.Matches(@"^held \d+ of \d+ products deletions \(\d+ %\): Odoo no longer returns them — if that is right, run "
            + "`odoo-optiply sync --allow-mass-deletions` once, or raise deletion_guard.max_percent$", report.Errors[0]);
        Assert.StartsWith("products: held ", held.Reason, StringComparison.Ordinal);
        Assert.Equal(products, h.Count("products"));
        Assert.Equal(products, (await h.Store.CountBindingsAsync())["products"]);
        var stored = (await h.Store.GetRecentRunsAsync(1)).Single();
        Assert.False(stored.Succeeded);
        Assert.StartsWith("held ", stored.Of("products").Errors[0], StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromHours(1));
        var allowed = await h.SyncAsync(new SyncOptions(AllowMassDeletions: true));
        Assert.Equal(StreamStatus.Ok, allowed.Of("products").Status);
        Assert.True(allowed.Of("products").Deleted >= products - 2, allowed.Describe());
        Assert.True(h.Count("products") <= 2, $"{h.Count("products")} products left in Optiply");
    }

    [Fact]
    public async Task MostSupplierPricesGone_HeldOnAFullRead_AndFoundAgainByTheNextIncrementalRun()
    {
        await using var h = await SyncHarness.StartAsync(clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await h.SyncAsync()).Succeeded);
        var supplierProducts = h.Count("supplierProducts");
        var rows = h.Odoo.Data.Search("product.supplierinfo", "[]").Select(r => Convert.ToInt64(r["id"])).ToList();
        Assert.True(supplierProducts > 10, $"the demo seed has {supplierProducts} supplier products");
        _clock.Advance(TimeSpan.FromHours(1));
        h.Odoo.Data.Unlink("product.supplierinfo", rows);

        var full = await h.SyncAsync(new SyncOptions(Full: true)); // the grouped stream reads the whole set
        Assert.Equal(StreamStatus.Failed, full.Of("supplierProducts").Status);
        Assert.StartsWith("held ", full.Of("supplierProducts").Errors[0], StringComparison.Ordinal);
        Assert.Equal(supplierProducts, h.Count("supplierProducts"));

        _clock.Advance(TimeSpan.FromHours(1));
        var next = await h.SyncAsync(); // incremental: the row space was kept, so counting finds the same rows gone
        Assert.Equal(StreamStatus.Failed, next.Of("supplierProducts").Status);
        Assert.StartsWith("held ", next.Of("supplierProducts").Errors[0], StringComparison.Ordinal);
        Assert.Equal(supplierProducts, h.Count("supplierProducts"));
    }
}
