// Checklist 8–11 and the value rules: 409 pairs, supplier emails, remoteIdMap per coupling,
// expectedDeliveryDate default, deliveryTime 1–365, lotSize ≥ 1, integers, required attributes.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Emulators.Tests.Optiply;

public class OptiplyRulesTests
{
    private static async Task<(string Product, string Supplier)> PairAsync(OptiplyRaw raw, long? deliveryTime = null)
    {
        var product = await raw.CreateAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1 });
        var supplier = await raw.CreateAsync("suppliers", new JsonObject { ["name"] = "ACME", ["deliveryTime"] = deliveryTime });
        return (product, supplier);
    }

    [Fact]
    public async Task SupplierProduct_DuplicatePair_Is409()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (p, s) = await PairAsync(raw);
        var attrs = new JsonObject { ["name"] = "Bolt", ["productId"] = long.Parse(p), ["supplierId"] = long.Parse(s) };
        await raw.CreateAsync("supplierProducts", attrs);
        var (status, body) = await raw.PostAsync("supplierProducts", (JsonObject)attrs.DeepClone());
        Assert.Equal(409, status);
        Assert.Equal("409", body!["errors"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProductComposition_DuplicatePair_Is409()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var kit = await raw.CreateAsync("products", new JsonObject { ["name"] = "Kit", ["stockLevel"] = 0 });
        var part = await raw.CreateAsync("products", new JsonObject { ["name"] = "Part", ["stockLevel"] = 0 });
        var attrs = new JsonObject { ["composedProductId"] = long.Parse(kit), ["partProductId"] = long.Parse(part), ["partQuantity"] = 2 };
        await raw.CreateAsync("productCompositions", attrs);
        Assert.Equal(409, (await raw.PostAsync("productCompositions", (JsonObject)attrs.DeepClone())).Status);
    }

    [Fact]
    public async Task Supplier_InvalidEmail_Is400WithThePhraseClientsMatch()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, body) = await raw.PostAsync("suppliers", new JsonObject { ["name"] = "ACME", ["emails"] = new JsonArray("ok@acme.nl", "not-an-email") });
        Assert.Equal(400, status);
        Assert.Contains("not-an-email is not a valid address", OptiplyRaw.Detail(body));
        Assert.Empty(raw.Emulator.Store.All("suppliers"));
    }

    [Fact]
    public async Task RemoteId_IsStoredUnderTheCouplingId_AndNotEchoed()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (_, body) = await raw.PostAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1, ["remoteId"] = "SKU-1" }, "?couplingId=12");
        var a = body!["data"]!["attributes"]!;
        Assert.Null(a["remoteId"]);
        Assert.Equal("SKU-1", a["remoteIdMap"]!["12"]!.GetValue<string>());
        var id = body["data"]!["id"]!.GetValue<string>();
        var (_, patched) = await raw.PatchAsync("products", id, new JsonObject { ["remoteId"] = "OTHER-1" }, "?couplingId=13");
        var map = patched!["data"]!["attributes"]!["remoteIdMap"]!.AsObject();
        Assert.Equal("SKU-1", map["12"]!.GetValue<string>());
        Assert.Equal("OTHER-1", map["13"]!.GetValue<string>());
    }

    [Fact]
    public async Task RemoteId_WithoutCouplingId_UsesTheEmulatorsCoupling()
    {
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { CouplingId = 99 });
        var (_, body) = await raw.PostAsync("suppliers", new JsonObject { ["name"] = "ACME", ["remoteId"] = "7" });
        Assert.Equal("7", body!["data"]!["attributes"]!["remoteIdMap"]!["99"]!.GetValue<string>());
    }

    [Fact]
    public async Task BuyOrder_WithoutExpectedDeliveryDate_GetsPlacedPlusSupplierDeliveryTime()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (_, s) = await PairAsync(raw, deliveryTime: 10);
        var (_, body) = await raw.PostAsync("buyOrders", new JsonObject
        {
            ["placed"] = "2025-02-01T08:00:00+01:00", ["supplierId"] = long.Parse(s), ["totalValue"] = "10.00",
        });
        var a = body!["data"]!["attributes"]!;
        Assert.Equal("2025-02-01T07:00:00.000Z", a["placed"]!.GetValue<string>());
        Assert.Equal("2025-02-11T07:00:00.000Z", a["expectedDeliveryDate"]!.GetValue<string>());
        Assert.False(a["assembly"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public async Task Supplier_DeliveryTimeOutside1To365_Is422ConstraintViolation(int days)
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, body) = await raw.PostAsync("suppliers", new JsonObject { ["name"] = "ACME", ["deliveryTime"] = days });
        Assert.Equal(422, status);
        Assert.Equal("ConstraintViolation", body!["errors"]![0]!["meta"]!["type"]!.GetValue<string>());
        Assert.Equal("/data/attributes/deliveryTime", body["errors"]![0]!["source"]!["pointer"]!.GetValue<string>());
    }

    [Fact]
    public async Task SupplierProduct_LotSizeBelowOne_Is422_AndDefaultsAreOne()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (p, s) = await PairAsync(raw);
        var (status, _) = await raw.PostAsync("supplierProducts", new JsonObject { ["name"] = "B", ["productId"] = p, ["supplierId"] = s, ["lotSize"] = 0 });
        Assert.Equal(422, status);
        var (_, body) = await raw.PostAsync("supplierProducts", new JsonObject { ["name"] = "B", ["productId"] = p, ["supplierId"] = s });
        Assert.Equal(1, body!["data"]!["attributes"]!["lotSize"]!.GetValue<long>());
        Assert.Equal(1, body["data"]!["attributes"]!["minimumPurchaseQuantity"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("12.0")]
    public async Task Product_StockLevelAsFloat_Is400(string value)
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, body) = await raw.PostAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = JsonNode.Parse(value) });
        Assert.Equal(400, status);
        Assert.Contains("java.lang.Long", OptiplyRaw.Detail(body));
    }

    [Fact]
    public async Task Product_MissingRequiredAttribute_Is422()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, body) = await raw.PostAsync("products", new JsonObject { ["name"] = "Bolt" });
        Assert.Equal(422, status);
        Assert.Contains("stockLevel", OptiplyRaw.Detail(body));
    }

    [Fact]
    public async Task UnknownAttribute_Is400()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, body) = await raw.PostAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1, ["colour"] = "red" });
        Assert.Equal(400, status);
        Assert.Contains("colour", OptiplyRaw.Detail(body));
    }

    [Fact]
    public async Task ReceiptLine_UnknownBuyOrderLine_Is404()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, _) = await raw.PostAsync("receiptLines", new JsonObject { ["buyOrderLineId"] = 12345, ["quantity"] = 1, ["occurred"] = "2025-01-01T00:00:00Z" });
        Assert.Equal(404, status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NaN")]
    public async Task ForeignKey_EmptyOrNaN_Is500(string value)
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (_, s) = await PairAsync(raw);
        var (status, _) = await raw.PostAsync("supplierProducts", new JsonObject { ["name"] = "B", ["productId"] = value, ["supplierId"] = s });
        Assert.Equal(500, status);
    }

    [Fact]
    public async Task Decimals_AcceptedAsStringOrNumber_EmittedAsStrings()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (_, a) = await raw.PostAsync("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 1, ["price"] = 12.5 });
        var (_, b) = await raw.PostAsync("products", new JsonObject { ["name"] = "B", ["stockLevel"] = 1, ["price"] = "7.125" });
        Assert.Equal("12.50", a!["data"]!["attributes"]!["price"]!.GetValue<string>());
        Assert.Equal("7.13", b!["data"]!["attributes"]!["price"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_AcceptedInAnyCase_EmittedLowerCase()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (_, body) = await raw.PostAsync("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 1, ["status"] = "DISABLED" });
        Assert.Equal("disabled", body!["data"]!["attributes"]!["status"]!.GetValue<string>());
        Assert.Equal(422, (await raw.PostAsync("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 1, ["status"] = "archived" })).Status);
    }

    [Fact]
    public async Task SupplierProduct_Preferred_IsUniquePerProduct()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (p, s1) = await PairAsync(raw);
        var s2 = await raw.CreateAsync("suppliers", new JsonObject { ["name"] = "Other" });
        var first = await raw.CreateAsync("supplierProducts", new JsonObject { ["name"] = "B", ["productId"] = p, ["supplierId"] = s1, ["preferred"] = true });
        await raw.CreateAsync("supplierProducts", new JsonObject { ["name"] = "B", ["productId"] = p, ["supplierId"] = s2, ["preferred"] = true });
        Assert.False(raw.Emulator.Store.Get("supplierProducts", long.Parse(first))!.Attributes["preferred"]!.GetValue<bool>());
    }
}
