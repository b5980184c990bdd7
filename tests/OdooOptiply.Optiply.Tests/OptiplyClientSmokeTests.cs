// A first end-to-end check: every verb on products against the emulator over real HTTP.
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyClientSmokeTests
{
    [Fact]
    public async Task Products_CreateGetUpdateListDelete_RoundTrip()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client();
        var created = await client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 12.0, ["remoteId"] = "P1", ["price"] = 1.5m });
        Assert.Equal("products", created.Type);
        Assert.Equal(12, created.GetLong("stockLevel"));
        Assert.Equal(1.50m, created.GetDecimal("price"));
        Assert.Equal("P1", created.RemoteId(server.Emulator.CouplingId));
        var got = await client.Products.GetAsync(created.Id);
        Assert.Equal("Bolt", got!.GetString("name"));
        var updated = await client.Products.UpdateAsync(created.Id, new JsonObject { ["stockLevel"] = 3 });
        Assert.Equal(3, updated.GetLong("stockLevel"));
        var all = await client.Products.ListAsync().ToListAsync();
        Assert.Single(all);
        Assert.True(await client.Products.DeleteAsync(created.Id));
        Assert.False(await client.Products.DeleteAsync(created.Id));
        Assert.Null(await client.Products.GetAsync(created.Id));
    }
}
