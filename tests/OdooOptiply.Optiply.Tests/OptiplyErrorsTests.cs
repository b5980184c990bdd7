// The error table and the message reader, unit by unit and over HTTP for each error class.
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyErrorsTests
{
    [Theory]
    [InlineData(400, Outcome.Rejected)]
    [InlineData(422, Outcome.Rejected)]
    [InlineData(401, Outcome.Fatal)]
    [InlineData(403, Outcome.Fatal)]
    [InlineData(404, Outcome.Rejected)]
    [InlineData(409, Outcome.Rejected)]
    [InlineData(429, Outcome.Retriable)]
    [InlineData(500, Outcome.Rejected)]
    [InlineData(502, Outcome.Retriable)]
    [InlineData(503, Outcome.Retriable)]
    [InlineData(504, Outcome.Retriable)]
    [InlineData(418, Outcome.Rejected)]
    public void Classify_Status_MapsToOutcome(int status, Outcome outcome) => Assert.Equal(outcome, OptiplyErrors.Classify(status));

    [Theory]
    [InlineData("""{"errors":[{"status":"422","detail":"d","meta":{"message":"from meta"}}]}""", "from meta")]
    [InlineData("""{"errors":[{"status":"400","title":"BAD_REQUEST","detail":"x is not a valid address"}]}""", "x is not a valid address")]
    [InlineData("""{"errors":[{"message":"plain message"}]}""", "plain message")]
    [InlineData("""{"message":"top level"}""", "top level")]
    [InlineData("""{"error":"invalid_grant","error_description":"Bad credentials"}""", "Bad credentials")]
    [InlineData("""{"error":"boom"}""", "boom")]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", "502 Bad Gateway")]
    [InlineData("", "")]
    public void Message_AnyErrorShape_FindsTheText(string body, string expected) => Assert.Equal(expected, OptiplyErrors.Message(body));

    [Fact]
    public async Task Create_InvalidValue_IsValidationWithServerMessage()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Suppliers.CreateAsync(new JsonObject { ["name"] = "ACME", ["deliveryTime"] = 400 }));
        Assert.Equal((422, Outcome.Rejected), (e.Status, e.Outcome));
        Assert.Contains("deliveryTime", e.ServerMessage);
        var bad = await Assert.ThrowsAsync<OptiplyException>(() => client.Products.CreateAsync(new JsonObject { ["name"] = "A", ["stockLevel"] = 1, ["colour"] = "red" }));
        Assert.Equal((400, Outcome.Rejected), (bad.Status, bad.Outcome));
    }

    [Fact]
    public async Task Update_MissingRecord_IsNotFound()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Products.UpdateAsync("999", new JsonObject { ["stockLevel"] = 1 }));
        Assert.Equal((404, Outcome.Rejected), (e.Status, e.Outcome));
        Assert.Equal("PATCH", e.Method);
    }

    [Fact]
    public async Task Create_UnknownReference_IsNotFound()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var e = await Assert.ThrowsAsync<OptiplyException>(() =>
            client.ReceiptLines.CreateAsync(new JsonObject { ["buyOrderLineId"] = 12, ["quantity"] = 1, ["occurred"] = DateTimeOffset.UtcNow }));
        Assert.Equal(Outcome.Rejected, e.Outcome);
    }

    [Fact]
    public async Task Update_IntoAnExistingPair_IsConflict()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var product = await client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1 });
        var s1 = await client.Suppliers.CreateAsync(new JsonObject { ["name"] = "ACME" });
        var s2 = await client.Suppliers.CreateAsync(new JsonObject { ["name"] = "Other" });
        await client.SupplierProducts.CreateAsync(new JsonObject { ["name"] = "Bolt", ["productId"] = product.Id, ["supplierId"] = s1.Id });
        var second = await client.SupplierProducts.CreateAsync(new JsonObject { ["name"] = "Bolt", ["productId"] = product.Id, ["supplierId"] = s2.Id });
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.SupplierProducts.UpdateAsync(second.Id, new JsonObject { ["supplierId"] = s1.Id }));
        Assert.Equal((409, Outcome.Rejected), (e.Status, e.Outcome));
    }

    [Fact]
    public async Task Create_NaNOrEmptyId_IsRefusedBeforeSending()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        await Assert.ThrowsAsync<ArgumentException>(() => client.SupplierProducts.CreateAsync(new JsonObject { ["name"] = "B", ["productId"] = double.NaN, ["supplierId"] = 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SupplierProducts.CreateAsync(new JsonObject { ["name"] = "B", ["productId"] = "", ["supplierId"] = 1 }));
        Assert.Equal(0, server.Emulator.PostCount);
    }
}
