// The idle poll (issue 16): a run right after a sync, with nothing changed in Odoo, reads no records and makes
// few Odoo calls — no full read of any model, deletions by one count per binding space. Over HTTP, fake clock.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Streams;

public class IdlePollTests(ITestOutputHelper output)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_NothingChanged_ReadsNothingInFewCalls()
    {
        await using var h = await SyncedAsync();
        var before = h.Source.Client.CallCount;
        var (run, counting) = await PollAsync(h);
        var calls = counting.Calls.ToList();
        foreach (var g in calls.GroupBy(c => c)) output.WriteLine($"{g.Count(),3} {g.Key}");
        output.WriteLine($"client calls: {h.Source.Client.CallCount - before}");
        Assert.All(run.Streams, s => Assert.Equal(0, s.Read));
        Assert.All(run.Streams, s => Assert.False(s.FullRead, s.Stream));
        Assert.Equal(0, run.Writes);
        Assert.InRange(h.Source.Client.CallCount - before, 1, 20); // 18 on the demo seed
        Assert.DoesNotContain("product.product.search", calls); // no id read of every live product
        // Buy order lines leave only with their order: one count of the orders, none of the lines.
        Assert.Contains("purchase.order.search_count", calls);
        Assert.DoesNotContain("purchase.order.line.search_count", calls);
    }

    private async Task<SyncHarness> SyncedAsync()
    {
        var h = await SyncHarness.StartAsync(clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await h.SyncAsync()).Succeeded);
        _clock.Advance(TimeSpan.FromMinutes(5));
        return h;
    }

    /// <summary>A confirmed order of the demo seed with two lines or more, and its lines.</summary>
    private static (long Order, List<IReadOnlyDictionary<string, object?>> Lines) ConfirmedOrderWithLines(SyncHarness h)
    {
        static long Id(object? m2o) => Convert.ToInt64(m2o is IReadOnlyList<object?> m ? m[0] : m2o);
        var lines = h.Odoo.Data.Search("purchase.order.line", "[[\"order_id.state\",\"in\",[\"purchase\",\"done\"]]]")
            .GroupBy(l => Id(l["order_id"])).First(g => g.Count() >= 2).ToList();
        return (Id(lines[0]["order_id"]), lines);
    }

    private async Task<(RunReport Run, CountingSource Counting)> PollAsync(SyncHarness h)
    {
        var counting = new CountingSource(h.Source);
        var run = await new SyncRunner(h.Config, counting, h.Target, h.Store, h.Clock).RunAsync(new SyncOptions());
        output.WriteLine(run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        return (run, counting);
    }

    [Fact]
    public async Task RunAsync_BuyOrderCancelled_OrderAndLinesFoundByCounting()
    {
        await using var h = await SyncedAsync();
        var (order, lines) = ConfirmedOrderWithLines(h);
        var before = h.Count("buyOrderLines");
        // Written with an old write_date: only the counting (not the incremental read) can see the order left the live domain.
        h.Odoo.Data.Write("purchase.order", [order], new Dictionary<string, object?> { ["state"] = "cancel" }, writeDate: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var (run, counting) = await PollAsync(h);
        Assert.Equal(1, run.Of("buyOrders").Deleted);
        // Optiply deletes a buy order's lines with it (their DELETE then answers 404, already gone): the bindings must go all the same.
        Assert.Equal(before - lines.Count, h.Count("buyOrderLines"));
        Assert.All(lines, l => Assert.Null(h.Store.GetBindingAsync("buyOrderLines", Convert.ToInt64(l["id"]).ToString()).Result));
        // Found by counting: a count, then (the demo's orders fit one range) one id read of the range that differs.
        Assert.Contains("purchase.order.search_count", counting.Calls);
        Assert.Contains("purchase.order.line.search_count", counting.Calls);
        Assert.Equal(1, counting.Calls.Count(c => c == "purchase.order.search"));
    }

    [Fact]
    public async Task RunAsync_LineRemovedWhileOrderWasDraft_LineDeleted()
    {
        await using var h = await SyncedAsync();
        var (order, lines) = ConfirmedOrderWithLines(h);
        var line = Convert.ToInt64(lines[0]["id"]);
        Assert.NotNull(await h.Store.GetBindingAsync("buyOrderLines", line.ToString()));
        // Between two runs: the order reset to draft, a line removed (Odoo allows it only then), the order confirmed again.
        h.Odoo.Data.Write("purchase.order", [order], new Dictionary<string, object?> { ["state"] = "draft" });
        h.Odoo.Data.Unlink("purchase.order.line", [line]);
        h.Odoo.Data.Write("purchase.order", [order], new Dictionary<string, object?> { ["state"] = "purchase" });
        var (run, counting) = await PollAsync(h);
        Assert.Equal(1, run.Of("buyOrderLines").Deleted);
        Assert.Null(await h.Store.GetBindingAsync("buyOrderLines", line.ToString()));
        Assert.Contains("purchase.order.line.search_count", counting.Calls); // an order was read: its lines are counted
    }
}
