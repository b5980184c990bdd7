// Query parameters: formatting of values and URL encoding, proven against the emulator
// (a + in a timestamp must arrive as +; brackets, spaces, & and % survive).
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyQueryTests
{
    [Fact]
    public void Encode_ReservedCharacters_ArePercentEncoded()
    {
        var q = new OptiplyQuery().Where("updatedAt", OptiplyOp.GT, "2025-01-01T00:00:00+00:00").Where("name", "a b&c").IsNull("completed").SortBy("updatedAt", descending: true);
        Assert.Equal("filter%5BupdatedAt%5D%5BGT%5D=2025-01-01T00%3A00%3A00%2B00%3A00&filter%5Bname%5D=a%20b%26c&filter%5Bcompleted%5D=null&sort=-updatedAt",
            OptiplyQuery.Encode(q.Parameters()));
    }

    [Fact]
    public void Format_DatesNumbersBools_AreInvariantUtc()
    {
        Assert.Equal("2025-01-01T08:00:00.000Z", OptiplyQuery.Format(DateTimeOffset.Parse("2025-01-01T10:00:00+02:00")));
        Assert.Equal("1.5", OptiplyQuery.Format(1.5m));
        Assert.Equal("true", OptiplyQuery.Format(true));
    }

    [Fact]
    public async Task Filter_TimestampWithPlusOffset_ArrivesIntact()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T10:00:00Z"));
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions { Clock = clock });
        server.Emulator.Store.Seed("products", new JsonObject { ["name"] = "old", ["stockLevel"] = 1 });
        clock.Advance(TimeSpan.FromHours(2));
        server.Emulator.Store.Seed("products", new JsonObject { ["name"] = "new", ["stockLevel"] = 1 });
        await using var client = server.Client();
        var changed = await client.Products.ListAsync(new OptiplyQuery().Where("updatedAt", OptiplyOp.GT, "2025-01-01T12:30:00+01:00")).ToListAsync();
        Assert.Equal("new", Assert.Single(changed).GetString("name"));
        var viaDate = await client.Products.ListAsync(new OptiplyQuery().Where("updatedAt", OptiplyOp.GE, DateTimeOffset.Parse("2025-01-01T11:00:00Z"))).ToListAsync();
        Assert.Single(viaDate);
    }

    [Fact]
    public async Task Filter_ValueWithSpacesAmpersandPercent_MatchesExactly()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        server.Emulator.Store.Seed("suppliers", new JsonObject { ["name"] = "Smith & Sons 100% + co" });
        server.Emulator.Store.Seed("suppliers", new JsonObject { ["name"] = "Smith" });
        await using var client = server.Client();
        var found = await client.Suppliers.ListAsync(new OptiplyQuery().Where("name", "Smith & Sons 100% + co")).ToListAsync();
        Assert.Single(found);
    }

    [Fact]
    public async Task Filter_NullAndSort_AreHonoured()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        var s = server.Emulator.Store.Seed("suppliers", new JsonObject { ["name"] = "ACME" });
        server.Emulator.Store.Seed("buyOrders", new JsonObject { ["placed"] = "2025-01-01T00:00:00Z", ["supplierId"] = s, ["totalValue"] = 1 });
        server.Emulator.Store.Seed("buyOrders", new JsonObject { ["placed"] = "2025-01-02T00:00:00Z", ["supplierId"] = s, ["totalValue"] = 2, ["completed"] = "2025-01-03T00:00:00Z" });
        server.Emulator.Store.Seed("buyOrders", new JsonObject { ["placed"] = "2025-01-03T00:00:00Z", ["supplierId"] = s, ["totalValue"] = 3 });
        await using var client = server.Client();
        var open = await client.BuyOrders.ListAsync(new OptiplyQuery().IsNull("completed").SortBy("placed", descending: true)).ToListAsync();
        Assert.Equal([3m, 1m], open.Select(o => o.GetDecimal("totalValue")!.Value));
    }
}
