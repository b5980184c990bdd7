// The idle poll's calls per model on the bench's kind of tenant (issue 16): changes through other models travel
// inside each stream's own keyset read (RelatedDomain), so no stock.quant, stock.move, orderpoint, BoM or order-line
// read of its own is made, and sale orders cost two calls (the read, one count). Over HTTP, fake clock.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Streams;

public class IdlePollCallsTests(ITestOutputHelper output)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task IdlePoll_LargeSeed_NoReadOfTheRelatedModels()
    {
        await using var h = await SyncHarness.StartAsync(seed: "large:300", clock: _clock, protocol: "jsonrpc", flags: f => f with { SyncMinimumStock = true });
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await h.SyncAsync()).Succeeded);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var counting = new CountingSource(h.Source);
        var run = await new SyncRunner(h.Config, counting, h.Target, h.Store, h.Clock).RunAsync(new SyncOptions());
        Assert.True(run.Succeeded, run.Describe());
        var calls = counting.Calls.ToList();
        foreach (var g in calls.GroupBy(c => c)) output.WriteLine($"{g.Count(),3} {g.Key}");
        Assert.Equal(0, run.Writes);
        // (stock.move is read once, by receiptLines: its own stream's incremental read.)
        Assert.Equal(1, calls.Count(c => c.StartsWith("stock.move.", StringComparison.Ordinal)));
        foreach (var model in new[] { "stock.quant", "stock.warehouse.orderpoint", "sale.order.line", "purchase.order.line.search_read" })
            Assert.DoesNotContain(calls, c => c.StartsWith(model + ".", StringComparison.Ordinal) && !c.EndsWith("search_count", StringComparison.Ordinal));
        Assert.Equal(2, calls.Count(c => c.StartsWith("sale.order.", StringComparison.Ordinal)));
        Assert.Equal(2, calls.Count(c => c.StartsWith("product.product.", StringComparison.Ordinal))); // the read, one count
    }

    [Fact]
    public async Task Poll_StockCountedWithoutProductWrite_ReachesOptiplyThroughTheFoldedRead()
    {
        await using var h = await SyncHarness.StartAsync(seed: "large:300", clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await h.SyncAsync()).Succeeded);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var db = h.Odoo.Data;
        var quant = db.Search("stock.quant").First(q => db.Get("stock.location", (long)q["location_id"]!)?["usage"] as string == "internal");
        var product = (long)quant["product_id"]!;
        db.AdjustStock(product, (long)quant["location_id"]!, 7);
        var counting = new CountingSource(h.Source);
        var run = await new SyncRunner(h.Config, counting, h.Target, h.Store, h.Clock).RunAsync(new SyncOptions());
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(1, run.Of("products").Updated);
        Assert.Equal(0, run.Writes - 1); // that product alone
    }
}
