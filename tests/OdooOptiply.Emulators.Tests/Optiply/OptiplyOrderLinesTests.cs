// Checklist 7 and the cascades of 6: embedded orderLines create line rows; deleting a buy order
// removes its lines and their receipt lines.
using System.Text.Json.Nodes;

namespace OdooOptiply.Emulators.Tests.Optiply;

public class OptiplyOrderLinesTests
{
    private static async Task<(string P1, string P2, string Supplier)> SetupAsync(OptiplyRaw raw)
    {
        var p1 = await raw.CreateAsync("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 1 });
        var p2 = await raw.CreateAsync("products", new JsonObject { ["name"] = "B", ["stockLevel"] = 1 });
        var s = await raw.CreateAsync("suppliers", new JsonObject { ["name"] = "ACME", ["deliveryTime"] = 3 });
        return (p1, p2, s);
    }

    [Fact]
    public async Task BuyOrder_EmbeddedOrderLines_BecomeBuyOrderLineRows()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (p1, p2, s) = await SetupAsync(raw);
        await raw.CreateAsync("supplierProducts", new JsonObject { ["name"] = "B", ["productId"] = p2, ["supplierId"] = s, ["deliveryTime"] = 7 });
        var order = await raw.CreateAsync("buyOrders", new JsonObject
        {
            ["placed"] = "2025-01-01T00:00:00Z", ["supplierId"] = s, ["totalValue"] = 30,
            ["orderLines"] = new JsonArray(
                new JsonObject { ["productId"] = long.Parse(p1), ["quantity"] = 2, ["subtotalValue"] = 10 },
                new JsonObject { ["productId"] = long.Parse(p2), ["quantity"] = 4, ["subtotalValue"] = "20.00" }),
        });
        var (_, lines) = await raw.GetAsync($"buyOrderLines?filter[buyOrderId]={order}&sort=id");
        var rows = lines!["data"]!.AsArray().Select(l => l!["attributes"]!).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([2L, 4L], rows.Select(r => r["quantity"]!.GetValue<long>()));
        Assert.Equal("2025-01-04T00:00:00.000Z", rows[0]["expectedDeliveryDate"]!.GetValue<string>()); // the order's (supplier 3 days)
        Assert.Equal("2025-01-08T00:00:00.000Z", rows[1]["expectedDeliveryDate"]!.GetValue<string>()); // supplierProduct's 7 days
        Assert.Null(raw.Emulator.Store.All("buyOrders")[0].Attributes["orderLines"]);
    }

    [Fact]
    public async Task SellOrder_EmbeddedOrderLines_BecomeSellOrderLineRows()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (p1, _, _) = await SetupAsync(raw);
        var order = await raw.CreateAsync("sellOrders", new JsonObject
        {
            ["placed"] = "2025-01-01T00:00:00Z", ["totalValue"] = 5,
            ["orderLines"] = new JsonArray(new JsonObject { ["productId"] = long.Parse(p1), ["quantity"] = 1, ["subtotalValue"] = 5 }),
        });
        var line = Assert.Single(raw.Emulator.Store.All("sellOrderLines"));
        Assert.Equal(long.Parse(order), line.GetLong("sellOrderId"));
    }

    [Fact]
    public async Task EmbeddedLine_UnknownProduct_StoresNothing()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (p1, _, s) = await SetupAsync(raw);
        var (status, _) = await raw.PostAsync("buyOrders", new JsonObject
        {
            ["placed"] = "2025-01-01T00:00:00Z", ["supplierId"] = s, ["totalValue"] = 30,
            ["orderLines"] = new JsonArray(
                new JsonObject { ["productId"] = long.Parse(p1), ["quantity"] = 2, ["subtotalValue"] = 10 },
                new JsonObject { ["productId"] = 999, ["quantity"] = 4, ["subtotalValue"] = 20 }),
        });
        Assert.Equal(404, status);
        Assert.Empty(raw.Emulator.Store.All("buyOrders"));
        Assert.Empty(raw.Emulator.Store.All("buyOrderLines"));
    }

    [Fact]
    public async Task EmbeddedLine_WrappedInJsonApiAttributes_IsRefused()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (p1, _, _) = await SetupAsync(raw);
        var (status, _) = await raw.PostAsync("sellOrders", new JsonObject
        {
            ["placed"] = "2025-01-01T00:00:00Z", ["totalValue"] = 5,
            ["orderLines"] = new JsonArray(new JsonObject { ["type"] = "sellOrderLines", ["attributes"] = new JsonObject { ["productId"] = long.Parse(p1) } }),
        });
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task BuyOrder_Delete_CascadesToLinesAndReceiptLines()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (p1, _, s) = await SetupAsync(raw);
        var order = await raw.CreateAsync("buyOrders", new JsonObject
        {
            ["placed"] = "2025-01-01T00:00:00Z", ["supplierId"] = s, ["totalValue"] = 10,
            ["orderLines"] = new JsonArray(new JsonObject { ["productId"] = long.Parse(p1), ["quantity"] = 2, ["subtotalValue"] = 10 }),
        });
        var line = raw.Emulator.Store.All("buyOrderLines")[0].Id;
        await raw.CreateAsync("receiptLines", new JsonObject { ["buyOrderLineId"] = line, ["quantity"] = 1, ["occurred"] = "2025-01-05T00:00:00Z" });
        Assert.Equal(204, (await raw.SendAsync(HttpMethod.Delete, $"buyOrders/{order}")).Status);
        Assert.Empty(raw.Emulator.Store.All("buyOrderLines"));
        Assert.Empty(raw.Emulator.Store.All("receiptLines"));
        Assert.Single(raw.Emulator.Store.All("products"), r => r.Id == long.Parse(p1));
    }

    [Fact]
    public async Task Patch_WithOrderLines_Is400()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (_, _, s) = await SetupAsync(raw);
        var order = await raw.CreateAsync("buyOrders", new JsonObject { ["placed"] = "2025-01-01T00:00:00Z", ["supplierId"] = s, ["totalValue"] = 0 });
        Assert.Equal(400, (await raw.PatchAsync("buyOrders", order, new JsonObject { ["orderLines"] = new JsonArray() })).Status);
    }
}
