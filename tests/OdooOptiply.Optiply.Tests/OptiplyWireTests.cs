// Outgoing values: integers for Java Long attributes, UTC timestamps, nested orderLines, NaN refused.
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyWireTests
{
    [Fact]
    public void Normalise_IntegerAttributes_BecomeJsonIntegers()
    {
        var n = OptiplyWire.Normalise(new JsonObject { ["stockLevel"] = 12.0, ["quantity"] = 2.5m, ["productId"] = "42", ["price"] = 1.25 });
        Assert.Equal("""{"stockLevel":12,"quantity":3,"productId":42,"price":1.25}""", n.ToJsonString());
    }

    [Fact]
    public void Normalise_Timestamps_BecomeUtcWithZ()
    {
        var n = OptiplyWire.Normalise(new JsonObject
        {
            ["placed"] = "2025-01-01T10:00:00+02:00",
            ["completed"] = "2025-01-01 10:00:00", // Odoo's UTC text
            ["occurred"] = JsonValue.Create(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
            ["expectedDeliveryDate"] = JsonValue.Create(DateTimeOffset.Parse("2025-01-02T03:04:05.678-01:00")),
        });
        Assert.Equal("2025-01-01T08:00:00Z", n["placed"]!.GetValue<string>());
        Assert.Equal("2025-01-01T10:00:00Z", n["completed"]!.GetValue<string>());
        Assert.Equal("2025-01-02T03:04:05Z", n["occurred"]!.GetValue<string>());
        Assert.Equal("2025-01-02T04:04:05Z", n["expectedDeliveryDate"]!.GetValue<string>());
    }

    [Fact]
    public void Normalise_OrderLines_AreNormalisedToo_AndTheInputIsUntouched()
    {
        var input = new JsonObject { ["orderLines"] = new JsonArray(new JsonObject { ["quantity"] = 4.0, ["productId"] = "7" }) };
        var n = OptiplyWire.Normalise(input);
        Assert.Equal("""{"orderLines":[{"quantity":4,"productId":7}]}""", n.ToJsonString());
        Assert.Equal("""{"orderLines":[{"quantity":4,"productId":"7"}]}""", input.ToJsonString());
    }

    [Fact]
    public void Normalise_NaNOrGarbage_Throws()
    {
        Assert.Throws<ArgumentException>(() => OptiplyWire.Normalise(new JsonObject { ["price"] = double.NaN }));
        Assert.Throws<ArgumentException>(() => OptiplyWire.Normalise(new JsonObject { ["stockLevel"] = "lots" }));
        Assert.Throws<ArgumentException>(() => OptiplyWire.Normalise(new JsonObject { ["placed"] = "yesterday" }));
    }

    [Fact]
    public async Task Create_FloatStockLevel_IsAcceptedByTheStrictEmulator()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var p = await client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 7.0 });
        Assert.Equal(7, p.GetLong("stockLevel"));
    }
}
