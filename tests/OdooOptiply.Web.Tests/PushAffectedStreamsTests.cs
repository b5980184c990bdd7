// A pushed pull runs only the streams the webhook's model affects (issue 16), with what they depend on: a stock
// change (stock.quant) runs products alone; a sale order change runs products and sellOrders. End to end: a rule
// in the Odoo emulator fires, the daemon's endpoint takes it, the (fake) debounce passes, and the stored run report
// names exactly those streams. Time moves only by FakeTimeProvider.Advance.
using Microsoft.Extensions.DependencyInjection;
using OdooOptiply.Sync.Push;
using OdooOptiply.Web;

namespace OdooOptiply.Web.Tests;

[Collection(BoardCollection.Name)]
public sealed class PushAffectedStreamsTests
{
    private const string Secret = "push-secret-affected-9f8e7d6c5b4a";

    private static async Task<BoardWorld> SyncedWithRuleAsync(string model)
    {
        var w = await BoardWorld.StartAsync();
        var daemon = w.Host.Services.GetRequiredService<IBoardDaemon>();
        await (await daemon.StoreAsync("acme", default)).SetValueAsync(PushModels.SecretKey, Secret);
        await daemon.RunNowAsync("acme", BoardJob.Pull, "test", default);
        await BoardWorld.Until(async () => (await w.RunsAsync("acme")).Count == 1, "acme's first pull");
        var db = w.Odoo.Data;
        var modelId = (long)db.Search("ir.model", $"[[\"model\", \"=\", \"{model}\"]]").Single()["id"]!;
        db.Create("base.automation", new Dictionary<string, object?>
        {
            ["name"] = PushModels.RuleName(model), ["model_id"] = modelId, ["trigger"] = "on_create_or_write",
            ["action_server_ids"] = new List<object?> { new List<object?> { 0, 0, new Dictionary<string, object?>
            {
                ["name"] = PushModels.RuleName(model), ["model_id"] = modelId, ["state"] = "webhook",
                ["webhook_url"] = new Uri(w.Board, "webhooks/odoo/acme?secret=" + Secret).ToString(),
            } } },
        });
        return w;
    }

    private static async Task<IReadOnlyList<string>> PushedRunStreamsAsync(BoardWorld w)
    {
        await w.Odoo.Data.Webhooks.WhenIdleAsync();
        Assert.True(w.Odoo.Data.Webhooks.Sent >= 1);
        w.Clock.Advance(PushDebouncer.DefaultWindow);
        await BoardWorld.Until(async () => (await w.RunsAsync("acme")).Count == 2, "the pushed pull");
        var runs = await w.RunsAsync("acme");
        var pushed = runs.OrderByDescending(r => r.Id).First();
        Assert.True(pushed.Succeeded);
        Assert.True(runs.OrderBy(r => r.Id).First().Streams.Count > pushed.Streams.Count); // the first pull ran them all
        return pushed.Streams.Select(s => s.Stream).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task StockChange_RunsTheProductsStreamOnly()
    {
        await using var w = await SyncedWithRuleAsync("stock.quant");
        var db = w.Odoo.Data;
        var q = db.Search("stock.quant").First(q => db.Get("stock.location", (long)q["location_id"]!)?["usage"] as string == "internal");
        db.AdjustStock((long)q["product_id"]!, (long)q["location_id"]!, 2);
        Assert.Equal(["products"], await PushedRunStreamsAsync(w));
    }

    [Fact]
    public async Task SaleOrderChange_RunsSellOrdersWithTheProductsItDependsOn()
    {
        await using var w = await SyncedWithRuleAsync("sale.order");
        var db = w.Odoo.Data;
        var order = (long)db.Search("sale.order").First()["id"]!;
        db.Write("sale.order", [order], new Dictionary<string, object?> { ["client_order_ref"] = "pushed" });
        Assert.Equal(["products", "sellOrders"], await PushedRunStreamsAsync(w));
    }
}
