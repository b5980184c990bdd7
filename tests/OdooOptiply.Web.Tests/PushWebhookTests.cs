// Push from Odoo end to end: a rule in the Odoo emulator (as doctor --install-webhooks writes it) points at the
// daemon's /webhooks/odoo/acme; a stock change POSTs there, and once the (fake) 10 s debounce passes the daemon
// runs acme's pull and Optiply holds the new stock. A burst of 5 changes is one run; a wrong or missing secret
// is refused with nothing run and the secret in no log line. Time moves only by FakeTimeProvider.Advance.
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OdooOptiply.Sync.Push;
using OdooOptiply.Web;

namespace OdooOptiply.Web.Tests;

[Collection(BoardCollection.Name)]
public sealed class PushWebhookTests
{
    private static readonly HttpClient Http = new();
    private const string Secret = "push-secret-S3CRET-0a1b2c3d4e5f";

    private static async Task<BoardWorld> SyncedAsync()
    {
        var w = await BoardWorld.StartAsync();
        var store = await w.Host.Services.GetRequiredService<IBoardDaemon>().StoreAsync("acme", default);
        await store.SetValueAsync(PushModels.SecretKey, Secret);
        await w.Host.Services.GetRequiredService<IBoardDaemon>().RunNowAsync("acme", BoardJob.Pull, "test", default);
        await BoardWorld.Until(async () => (await w.RunsAsync("acme")).Count == 1, "acme's first pull");
        var db = w.Odoo.Data;
        long Model(string m) => (long)db.Search("ir.model", $"[[\"model\", \"=\", \"{m}\"]]").Single()["id"]!;
        db.Create("base.automation", new Dictionary<string, object?>
        {
            ["name"] = PushModels.RuleName("stock.quant"), ["model_id"] = Model("stock.quant"), ["trigger"] = "on_create_or_write",
            ["action_server_ids"] = new List<object?> { new List<object?> { 0, 0, new Dictionary<string, object?>
            {
                ["name"] = PushModels.RuleName("stock.quant"), ["model_id"] = Model("stock.quant"), ["state"] = "webhook",
                ["webhook_url"] = new Uri(w.Board, "webhooks/odoo/acme?secret=" + Secret).ToString(),
            } } },
        });
        return w;
    }

    private static (long Product, long Location) InternalQuant(BoardWorld w)
    {
        var db = w.Odoo.Data;
        var q = db.Search("stock.quant").First(q => db.Get("stock.location", (long)q["location_id"]!)?["usage"] as string == "internal");
        return ((long)q["product_id"]!, (long)q["location_id"]!);
    }

    private static long? OptiplyStock(BoardWorld w, long product) =>
        w.Optiply.Store.All("products").Single(p => p.RemoteId(w.Optiply.CouplingId) == product.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetLong("stockLevel");

    [Fact]
    public async Task StockChange_WebhookThenDebounce_OneRunAndOptiplyHoldsTheNewStock()
    {
        await using var w = await SyncedAsync();
        var (product, location) = InternalQuant(w);
        var before = OptiplyStock(w, product) ?? 0;
        for (var i = 0; i < 5; i++) w.Odoo.Data.AdjustStock(product, location, 3);
        await w.Odoo.Data.Webhooks.WhenIdleAsync();
        Assert.Equal(5, w.Odoo.Data.Webhooks.Sent);
        Assert.Single(await w.RunsAsync("acme"));          // nothing before the window closes

        w.Clock.Advance(PushDebouncer.DefaultWindow);
        await BoardWorld.Until(async () => (await w.RunsAsync("acme")).Count == 2, "the pushed pull");
        Assert.Equal(before + 15, OptiplyStock(w, product));
        w.Clock.Advance(PushDebouncer.DefaultWindow);       // the burst armed one timer, not five
        Assert.Equal(2, (await w.RunsAsync("acme")).Count);
        Assert.Single(w.Log, l => l.Contains("push: acme: 5 webhook event(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(w.Log, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongOrMissingSecret_Refused_NothingRun_SecretNotLogged()
    {
        await using var w = await SyncedAsync();
        var body = () => new StringContent("""{"_model":"stock.quant","_id":1,"_action":"x(#1)"}""", System.Text.Encoding.UTF8, "application/json");
        var wrong = await Http.PostAsync(new Uri(w.Board, "webhooks/odoo/acme?secret=not-the-" + Secret), body());
        var missing = await Http.PostAsync(new Uri(w.Board, "webhooks/odoo/acme"), body());
        var unknown = await Http.PostAsync(new Uri(w.Board, "webhooks/odoo/nosuch?secret=" + Secret), body());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);

        w.Clock.Advance(PushDebouncer.DefaultWindow);
        var right = await Http.PostAsync(new Uri(w.Board, "webhooks/odoo/acme?secret=" + Secret), body());
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        w.Clock.Advance(PushDebouncer.DefaultWindow);
        await BoardWorld.Until(async () => (await w.RunsAsync("acme")).Count == 2, "the one accepted push's pull");
        Assert.Single(w.Log, l => l.Contains("push: acme: 1 webhook event(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(w.Log, l => l.Contains(Secret, StringComparison.Ordinal));
    }
}
