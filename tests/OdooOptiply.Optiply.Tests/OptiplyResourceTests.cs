// Every resource and verb over real HTTP against the emulator, and the recoveries OptiplyResource owns:
// 409 pairs found and updated, supplier emails dropped with a warning, smaller pages after a 504.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyResourceTests
{
    // Creates what a record of `type` needs and returns its attributes plus a change to PATCH.
    private static async Task<(JsonObject Create, JsonObject Change, string Attribute)> FixtureAsync(OptiplyClient c, string type)
    {
        async Task<string> Product(string name) => (await c.Products.CreateAsync(new JsonObject { ["name"] = name, ["stockLevel"] = 1 })).Id;
        async Task<string> Supplier() => (await c.Suppliers.CreateAsync(new JsonObject { ["name"] = "ACME", ["deliveryTime"] = 2 })).Id;
        async Task<string> BuyOrder() => (await c.BuyOrders.CreateAsync(new JsonObject { ["placed"] = DateTimeOffset.UtcNow, ["supplierId"] = await Supplier(), ["totalValue"] = 0 })).Id;
        switch (type)
        {
            case "products": return (new() { ["name"] = "Bolt", ["stockLevel"] = 4 }, new() { ["stockLevel"] = 5 }, "stockLevel");
            case "suppliers": return (new() { ["name"] = "ACME", ["emails"] = new JsonArray("buy@acme.nl") }, new() { ["deliveryTime"] = 4 }, "deliveryTime");
            case "supplierProducts":
                return (new() { ["name"] = "Bolt", ["productId"] = await Product("Bolt"), ["supplierId"] = await Supplier() }, new() { ["lotSize"] = 6 }, "lotSize");
            case "productCompositions":
                return (new() { ["composedProductId"] = await Product("Kit"), ["partProductId"] = await Product("Part"), ["partQuantity"] = 2 }, new() { ["partQuantity"] = 3 }, "partQuantity");
            case "sellOrders":
                return (new() { ["placed"] = "2025-01-01T10:00:00+02:00", ["totalValue"] = 9.5m,
                    ["orderLines"] = new JsonArray(new JsonObject { ["productId"] = await Product("A"), ["quantity"] = 1, ["subtotalValue"] = 9.5m }) },
                    new() { ["totalValue"] = 11 }, "totalValue");
            case "sellOrderLines":
                var so = (await c.SellOrders.CreateAsync(new JsonObject { ["placed"] = DateTime.UtcNow, ["totalValue"] = 0 })).Id;
                return (new() { ["sellOrderId"] = so, ["productId"] = await Product("A"), ["quantity"] = 2, ["subtotalValue"] = 4 }, new() { ["quantity"] = 7 }, "quantity");
            case "buyOrders":
                return (new() { ["placed"] = "2025-01-01T10:00:00Z", ["supplierId"] = await Supplier(), ["totalValue"] = "3.00",
                    ["orderLines"] = new JsonArray(new JsonObject { ["productId"] = await Product("A"), ["quantity"] = 3.0, ["subtotalValue"] = 3 }) },
                    new() { ["completed"] = "2025-01-09T00:00:00Z" }, "completed");
            case "buyOrderLines":
                return (new() { ["buyOrderId"] = await BuyOrder(), ["productId"] = await Product("A"), ["quantity"] = 2, ["subtotalValue"] = 4 }, new() { ["quantity"] = 9 }, "quantity");
            case "receiptLines":
                var line = (await c.BuyOrderLines.CreateAsync(new JsonObject { ["buyOrderId"] = await BuyOrder(), ["productId"] = await Product("A"), ["quantity"] = 2, ["subtotalValue"] = 4 })).Id;
                return (new() { ["buyOrderLineId"] = line, ["quantity"] = 1, ["occurred"] = DateTimeOffset.UtcNow }, new() { ["quantity"] = 2 }, "quantity");
            default: throw new ArgumentException(type);
        }
    }

    [Theory]
    [InlineData("products")]
    [InlineData("suppliers")]
    [InlineData("supplierProducts")]
    [InlineData("productCompositions")]
    [InlineData("sellOrders")]
    [InlineData("sellOrderLines")]
    [InlineData("buyOrders")]
    [InlineData("buyOrderLines")]
    [InlineData("receiptLines")]
    public async Task EveryVerb_OnEachResource_WorksOverHttp(string type)
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var resource = client.Resource(type);
        var (attrs, change, attribute) = await FixtureAsync(client, type);
        var created = await resource.CreateAsync(attrs);
        Assert.Equal(type, created.Type);
        Assert.True(long.TryParse(created.Id, out _));
        Assert.True(created.GetBool("createdFromPublicApi"));
        Assert.Equal(created.Id, (await resource.GetAsync(created.Id))!.Id);
        Assert.Contains(await resource.ListAsync().ToListAsync(), r => r.Id == created.Id);
        var patchesBefore = server.Emulator.PatchCount;
        var updated = await resource.UpdateAsync(created.Id, change);
        Assert.Equal(patchesBefore + 1, server.Emulator.PatchCount);
        Assert.NotEqual(created.GetString(attribute), updated.GetString(attribute));
        Assert.True(await resource.DeleteAsync(created.Id));
        Assert.Null(await resource.GetAsync(created.Id));
        Assert.False(await resource.DeleteAsync(created.Id));
    }

    [Fact]
    public async Task Accounts_ListAndGet_AndWritesAreRejected()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var account = Assert.Single(await client.Accounts.ListAsync().ToListAsync());
        Assert.Equal(server.Emulator.AccountId.ToString(), account.Id);
        Assert.NotNull(await client.Accounts.GetAsync(account.Id));
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Accounts.CreateAsync(new JsonObject { ["name"] = "x" }));
        Assert.Equal((405, Outcome.Rejected), (e.Status, e.Outcome));
    }

    [Fact]
    public async Task Update_NoChangedAttributes_SendsNoWrite()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var p = await client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1 });
        var writes = server.Emulator.WriteCount;
        var same = await client.Products.UpdateAsync(p.Id, new JsonObject());
        Assert.Equal(p.Id, same.Id);
        Assert.Equal(writes, server.Emulator.WriteCount);
    }

    [Fact]
    public async Task Writes_CarryAccountAndCouplingIds_ListsFilterByAccount()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions { AccountId = 5, CouplingId = 66 });
        await using var client = server.Client();
        var p = await client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1, ["remoteId"] = "odoo-1" });
        Assert.Equal("odoo-1", p.RemoteId(66));
        await client.Products.ListAsync().ToListAsync();
        var paths = server.Emulator.Traffic.Requests.Select(r => r.Path).ToList();
        Assert.Contains(paths, x => x.StartsWith("/v1/products?accountId=5&couplingId=66"));
        Assert.Contains(paths, x => x.StartsWith("/v1/products?filter%5BaccountId%5D=5"));
    }

    [Fact]
    public async Task Create_DuplicateSupplierProduct_FindsAndUpdatesTheExistingOne()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var product = await client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1 });
        var supplier = await client.Suppliers.CreateAsync(new JsonObject { ["name"] = "ACME" });
        var first = await client.SupplierProducts.CreateAsync(new JsonObject { ["name"] = "Bolt", ["productId"] = product.Id, ["supplierId"] = supplier.Id, ["price"] = 1 });
        var second = await client.SupplierProducts.CreateAsync(new JsonObject { ["name"] = "Bolt", ["productId"] = product.Id, ["supplierId"] = supplier.Id, ["price"] = 2 });
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2.00m, second.GetDecimal("price"));
        Assert.Single(server.Emulator.Store.All("supplierProducts"));
    }

    [Fact]
    public async Task Create_DuplicateProductComposition_ReturnsTheExistingOne()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var kit = await client.Products.CreateAsync(new JsonObject { ["name"] = "Kit", ["stockLevel"] = 0 });
        var part = await client.Products.CreateAsync(new JsonObject { ["name"] = "Part", ["stockLevel"] = 0 });
        var attrs = new JsonObject { ["composedProductId"] = kit.Id, ["partProductId"] = part.Id, ["partQuantity"] = 2 };
        var first = await client.ProductCompositions.CreateAsync(attrs);
        var second = await client.ProductCompositions.CreateAsync(attrs);
        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task Supplier_RejectedEmails_WrittenWithoutThemAndWarned()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        var logs = new ListLogger();
        await using var client = server.Client(loggers: logs);
        var supplier = await client.Suppliers.CreateAsync(new JsonObject { ["name"] = "ACME", ["emails"] = new JsonArray("nope") });
        Assert.Equal("ACME", supplier.GetString("name"));
        Assert.Null(supplier.Attributes["emails"]);
        var updated = await client.Suppliers.UpdateAsync(supplier.Id, new JsonObject { ["emails"] = new JsonArray("still nope"), ["deliveryTime"] = 3 });
        Assert.Equal(3, updated.GetLong("deliveryTime"));
        Assert.Equal(2, logs.Lines.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text.Contains("without emails")));
    }

    [Fact]
    public async Task List_GatewayTimeoutOnLargePages_RetriesWithSmallerPages()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions { GatewayTimeoutAbovePageLimit = 25 });
        for (var i = 0; i < 60; i++) server.Emulator.Store.Seed("products", new JsonObject { ["name"] = $"P{i}", ["stockLevel"] = i });
        await using var client = server.Client(o => o with { MaxRetries = 1 });
        var all = await client.Products.ListAsync().ToListAsync();
        Assert.Equal(60, all.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Find_ByNaturalKey_ReturnsFirstMatchOrNull()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        await client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1, ["skuCode"] = "B-1" });
        Assert.Equal("Bolt", (await client.Products.FindAsync(new OptiplyQuery().Where("skuCode", "B-1")))!.GetString("name"));
        Assert.Null(await client.Products.FindAsync(new OptiplyQuery().Where("skuCode", "B-2")));
    }
}
