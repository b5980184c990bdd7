// Checklist 4–5: paging limits and their 400s, links.next only when more rows exist,
// meta.totalResourceCount, the filter operators, the null literal, URL-encoded values, sorting.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Emulators.Tests.Optiply;

public class OptiplyListQueryTests
{
    private static void SeedProducts(OptiplyEmulator e, int count)
    {
        for (var i = 1; i <= count; i++)
            e.Store.Seed("products", new JsonObject { ["name"] = $"P{i:000}", ["stockLevel"] = i, ["skuCode"] = i % 2 == 0 ? $"EVEN-{i}" : null });
    }

    private static List<string> Names(JsonNode? body) => body!["data"]!.AsArray().Select(d => d!["attributes"]!["name"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task List_LimitAbove100_Is400WithCrnkText()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, body) = await raw.GetAsync("products?page[limit]=101");
        Assert.Equal(400, status);
        Assert.Equal("limit value 101 is larger than the maximum allowed of 100", OptiplyRaw.Detail(body));
    }

    [Fact]
    public async Task List_OffsetNotAMultipleOfLimit_Is400()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, body) = await raw.GetAsync("products?page[limit]=10&page[offset]=15");
        Assert.Equal(400, status);
        Assert.Equal("offset 15 is not a multiple of limit 10", OptiplyRaw.Detail(body));
    }

    [Fact]
    public async Task List_NoLimit_UsesDefaultOf50()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        SeedProducts(raw.Emulator, 60);
        var (_, body) = await raw.GetAsync("products");
        Assert.Equal(50, body!["data"]!.AsArray().Count);
        Assert.Equal(60, body["meta"]!["totalResourceCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_ExactMultipleOfLimit_LastPageHasNoNextLink()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        SeedProducts(raw.Emulator, 20);
        var (_, first) = await raw.GetAsync("products?page[limit]=10&page[offset]=0");
        Assert.Contains("page%5Boffset%5D=10", first!["links"]!["next"]!.GetValue<string>());
        var (_, second) = await raw.GetAsync("products?page[limit]=10&page[offset]=10");
        Assert.Equal(10, second!["data"]!.AsArray().Count);
        Assert.Null(second["links"]!["next"]);
        Assert.NotNull(second["links"]!["prev"]);
        var (_, beyond) = await raw.GetAsync("products?page[limit]=10&page[offset]=20");
        Assert.Empty(beyond!["data"]!.AsArray());
    }

    [Fact]
    public async Task List_Empty_HasNoNextAndZeroTotal()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (_, body) = await raw.GetAsync("suppliers");
        Assert.Empty(body!["data"]!.AsArray());
        Assert.Null(body["links"]!["next"]);
        Assert.Equal(0, body["meta"]!["totalResourceCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("filter[stockLevel]=3", "P003")]
    [InlineData("filter[stockLevel][EQ]=3", "P003")]
    [InlineData("filter[stockLevel][LT]=3", "P001,P002")]
    [InlineData("filter[stockLevel][LE]=2", "P001,P002")]
    [InlineData("filter[stockLevel][GT]=4", "P005")]
    [InlineData("filter[stockLevel][GE]=4", "P004,P005")]
    [InlineData("filter[stockLevel][NEQ]=1&filter[stockLevel][LT]=4", "P002,P003")]
    [InlineData("filter[name][LIKE]=p00", "P001,P002,P003,P004,P005")]
    [InlineData("filter[name][LIKE]=%255", "P005")]
    [InlineData("filter[skuCode]=null", "P001,P003,P005")]
    [InlineData("filter[skuCode][NEQ]=null", "P002,P004")]
    [InlineData("filter[status]=ENABLED&filter[id][GT]=4", "P005")]
    public async Task Filter_Operators_SelectTheRightRows(string query, string expected)
    {
        await using var raw = await OptiplyRaw.StartAsync();
        SeedProducts(raw.Emulator, 5);
        var (status, body) = await raw.GetAsync("products?" + query);
        Assert.Equal(200, status);
        Assert.Equal(expected, string.Join(',', Names(body)));
    }

    [Fact]
    public async Task Filter_TimestampWithEncodedPlus_IsReadAsOffset_UnencodedPlusIs400()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T10:00:00Z"));
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { Clock = clock });
        raw.Emulator.Store.Seed("products", new JsonObject { ["name"] = "old", ["stockLevel"] = 1 });
        clock.Advance(TimeSpan.FromHours(2));
        raw.Emulator.Store.Seed("products", new JsonObject { ["name"] = "new", ["stockLevel"] = 1 });
        var (_, body) = await raw.GetAsync("products?filter[updatedAt][GT]=2025-01-01T11:00:00%2B00:00");
        Assert.Equal("new", string.Join(',', Names(body)));
        var (status, _) = await raw.GetAsync("products?filter[updatedAt][GT]=2025-01-01T11:00:00+00:00");
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task Sort_MinusAttribute_DescendsAndPlainAscends()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        SeedProducts(raw.Emulator, 3);
        Assert.Equal("P003,P002,P001", string.Join(',', Names((await raw.GetAsync("products?sort=-stockLevel")).Body)));
        Assert.Equal("P001,P002,P003", string.Join(',', Names((await raw.GetAsync("products?sort=name")).Body)));
    }

    [Fact]
    public async Task Filter_UnknownAttributeOrOperator_Is400()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        Assert.Equal(400, (await raw.GetAsync("products?filter[colour]=red")).Status);
        Assert.Equal(400, (await raw.GetAsync("products?filter[name][ABOUT]=x")).Status);
        Assert.Equal(400, (await raw.GetAsync("products?filter[stockLevel]=many")).Status);
    }
}
