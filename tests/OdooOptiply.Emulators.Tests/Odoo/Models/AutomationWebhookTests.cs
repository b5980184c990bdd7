// base.automation webhook rules in the Odoo emulator: a watched write POSTs _id/_model/_action (and chosen
// fields) to a loopback receiver; unwatched models and removed rules send nothing; 16 refuses the action.
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Seed;

namespace OdooOptiply.Emulators.Tests.Odoo.Models;

public sealed class AutomationWebhookTests
{
    private static OdooDatabase Demo(int version)
    {
        var db = new OdooDatabase(version);
        OdooSeeds.Apply(db, "demo");
        return db;
    }

    private static long ModelId(OdooDatabase db, string model) => (long)db.Search("ir.model", $"[[\"model\", \"=\", \"{model}\"]]").Single()["id"]!;

    private static long Rule(OdooDatabase db, string model, string url, string trigger = "on_create_or_write") => db.Create("base.automation", new Dictionary<string, object?>
    {
        ["name"] = "optiply: " + model, ["model_id"] = ModelId(db, model), ["trigger"] = trigger,
        ["action_server_ids"] = new List<object?>
        {
            new List<object?> { 0, 0, new Dictionary<string, object?> { ["name"] = "notify", ["model_id"] = ModelId(db, model), ["state"] = "webhook", ["webhook_url"] = url } },
        },
    });

    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public Channel<JsonDocument> Bodies { get; } = Channel.CreateUnbounded<JsonDocument>();
        public string Url { get; }

        private Receiver(WebApplication app, string url) { _app = app; Url = url; }

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            Receiver? self = null;
            app.MapPost("/hook", async (HttpContext ctx) =>
            {
                self!.Bodies.Writer.TryWrite(await JsonDocument.ParseAsync(ctx.Request.Body));
                return Results.Ok();
            });
            await app.StartAsync();
            self = new Receiver(app, app.Urls.First() + "/hook");
            return self;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    [Fact]
    public async Task StockQuantWrite_WithRule_PostsIdModelAndAction()
    {
        await using var receiver = await Receiver.StartAsync();
        var db = Demo(18);
        Rule(db, "stock.quant", receiver.Url);
        var quant = db.Search("stock.quant")[0];
        db.Write("stock.quant", [(long)quant["id"]!], new Dictionary<string, object?> { ["quantity"] = 77.0 });
        await db.Webhooks.WhenIdleAsync();

        Assert.True(receiver.Bodies.Reader.TryRead(out var body));
        Assert.Equal("stock.quant", body!.RootElement.GetProperty("_model").GetString());
        Assert.Equal((long)quant["id"]!, body.RootElement.GetProperty("_id").GetInt64());
        Assert.Matches(@"^notify\(#\d+\)$", body.RootElement.GetProperty("_action").GetString());
        Assert.False(receiver.Bodies.Reader.TryRead(out _));
        Assert.Equal(1, db.Webhooks.Sent);
    }

    [Fact]
    public async Task UnwatchedModelAndRemovedRule_SendNothing()
    {
        await using var receiver = await Receiver.StartAsync();
        var db = Demo(17);
        var rule = Rule(db, "product.supplierinfo", receiver.Url);
        var quant = (long)db.Search("stock.quant")[0]["id"]!;
        db.Write("stock.quant", [quant], new Dictionary<string, object?> { ["quantity"] = 5.0 });
        db.Unlink("base.automation", [rule]);
        Assert.Empty(db.Search("ir.actions.server", "[[\"state\", \"=\", \"webhook\"]]"));
        var info = (long)db.Search("product.supplierinfo")[0]["id"]!;
        db.Write("product.supplierinfo", [info], new Dictionary<string, object?> { ["price"] = 9.5 });
        await db.Webhooks.WhenIdleAsync();

        Assert.Equal(0, db.Webhooks.Sent + db.Webhooks.Failed);
        Assert.False(receiver.Bodies.Reader.TryRead(out _));
    }

    [Fact]
    public void Odoo16_RefusesWebhookAction_LikeARealSixteen()
    {
        var db = Demo(16);
        var fault = Assert.Throws<OdooFault>(() => db.Create("ir.actions.server", new Dictionary<string, object?>
        {
            ["name"] = "notify", ["model_id"] = ModelId(db, "stock.quant"), ["state"] = "code", ["webhook_url"] = "http://127.0.0.1:1/x",
        }));
        Assert.Contains("Invalid field 'webhook_url'", fault.Message);
        Assert.Throws<OdooFault>(() => db.Create("ir.actions.server", new Dictionary<string, object?>
        {
            ["name"] = "notify", ["model_id"] = ModelId(db, "stock.quant"), ["state"] = "webhook",
        }));
    }
}
