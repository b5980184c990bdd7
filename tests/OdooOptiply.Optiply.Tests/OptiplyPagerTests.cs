// Paging edge cases: exact multiples of the limit, empty lists, short pages, servers without links,
// and a next link that points back (which must fail instead of looping).
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyPagerTests
{
    private static void Seed(OptiplyTestServer server, int count)
    {
        for (var i = 0; i < count; i++) server.Emulator.Store.Seed("products", new JsonObject { ["name"] = $"P{i}", ["stockLevel"] = i });
    }

    private static int ListRequests(OptiplyTestServer server) => server.Emulator.Traffic.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/v1/products"));

    [Theory]
    [InlineData(0, 10, 1)]   // empty: one request
    [InlineData(7, 10, 1)]   // short first page
    [InlineData(20, 10, 2)]  // exact multiple: the second page has no next link, no third request
    [InlineData(25, 10, 3)]
    [InlineData(250, 100, 3)]
    public async Task List_AnyRowCount_ReadsEveryRowOnceWithMinimalRequests(int rows, int limit, int requests)
    {
        await using var server = await OptiplyTestServer.StartAsync();
        Seed(server, rows);
        await using var client = server.Client(o => o with { PageLimit = limit });
        var all = await client.Products.ListAsync().ToListAsync();
        Assert.Equal(rows, all.Select(r => r.Id).Distinct().Count());
        Assert.Equal(requests, ListRequests(server));
        Assert.All(server.Emulator.Traffic.Requests.Where(r => r.Path.StartsWith("/v1/products")), r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task List_QueryPageLimit_OverridesTheClientDefault()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        Seed(server, 9);
        await using var client = server.Client();
        Assert.Equal(9, (await client.Products.ListAsync(new OptiplyQuery { PageLimit = 3 }).ToListAsync()).Count);
        Assert.Equal(3, ListRequests(server));
    }

    [Fact]
    public void Advance_NextLinkPointingBack_Throws()
    {
        var pager = new OptiplyPager(10);
        Assert.True(pager.Advance(10, new JsonObject { ["next"] = "http://x/v1/products?page%5Blimit%5D=10&page%5Boffset%5D=10" }, "products"));
        var e = Assert.Throws<OptiplyException>(() => pager.Advance(10, new JsonObject { ["next"] = "http://x/v1/products?page%5Blimit%5D=10&page%5Boffset%5D=10" }, "products"));
        Assert.Contains("points back", e.Message);
    }

    [Fact]
    public void Advance_WithoutLinks_PagesByCountUntilAShortPage()
    {
        var pager = new OptiplyPager(10);
        Assert.True(pager.Advance(10, null, "products"));
        Assert.Equal(10, pager.Offset);
        Assert.False(pager.Advance(3, null, "products"));
    }

    [Fact]
    public void Advance_LinksWithoutNext_Stops()
    {
        var pager = new OptiplyPager(10);
        Assert.False(pager.Advance(10, new JsonObject { ["self"] = "x" }, "products"));
    }

    [Fact]
    public void Shrink_HalvesDownTo25AndKeepsOffsetsMultiples()
    {
        var pager = new OptiplyPager(100);
        Assert.True(pager.Shrink());
        Assert.Equal(50, pager.Limit);
        Assert.True(pager.Shrink());
        Assert.Equal(25, pager.Limit);
        Assert.False(pager.Shrink());
    }
}
