// Tests for OdooDomain: building, combining and parsing Odoo's prefix-notation domains. Combining a
// parsed domain of several implicitly AND-ed terms is checked by what the Odoo emulator returns for it.
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Odoo.Tests;

public class OdooDomainTests
{
    [Fact]
    public void AndOr_ThreeLeaves_UsePrefixOperators()
    {
        var d = OdooDomain.Leaf("active", "=", true).And(OdooDomain.Leaf("a", "=", 1).Or(OdooDomain.Leaf("b", "=", 2)));
        Assert.Equal("[\"&\",[\"active\",\"=\",true],\"|\",[\"a\",\"=\",1],[\"b\",\"=\",2]]", d.ToString());
    }

    [Fact]
    public void And_WithAll_IsTheOtherDomain() =>
        Assert.Equal("[[\"a\",\"=\",1]]", OdooDomain.All.And(OdooDomain.Leaf("a", "=", 1)).ToString());

    [Fact]
    public void Not_Leaf_PrefixesBang() =>
        Assert.Equal("[\"!\",[\"a\",\"in\",[1,2]]]", OdooDomain.Leaf("a", "in", new[] { 1L, 2L }).Not().ToString());

    [Fact]
    public void Parse_OdooJson_RoundTrips()
    {
        const string json = "[[\"active\",\"=\",true],\"|\",[\"a\",\"=\",1],[\"b\",\"=\",2]]";
        Assert.Equal(json, OdooDomain.Parse(json).ToString());
        Assert.True(OdooDomain.Parse("").IsAll);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[[\"a\",\"=\"]]")]
    [InlineData("[\"&&\"]")]
    [InlineData("[[1,\"=\",2]]")]
    [InlineData("[oops")]
    public void Parse_Malformed_FailsClearly(string json) =>
        Assert.Throws<FormatException>(() => OdooDomain.Parse(json));

    [Fact]
    public void And_ParsedTwoTerms_CountsEachTermOnce() =>
        Assert.Equal("[\"&\",\"&\",[\"a\",\"=\",1],[\"b\",\"=\",2],[\"c\",\"=\",3]]",
            OdooDomain.Parse("[[\"a\",\"=\",1],[\"b\",\"=\",2]]").And(OdooDomain.Leaf("c", "=", 3)).ToString());

    [Fact]
    public void Or_ParsedTermsWithOperators_NormalizesEachPartFirst() =>
        // ["|", a, b, c] is (a OR b) AND c: one '&' makes it one term before it meets d.
        Assert.Equal("[\"|\",\"&\",\"|\",[\"a\",\"=\",1],[\"b\",\"=\",2],[\"c\",\"=\",3],[\"d\",\"=\",4]]",
            OdooDomain.Parse("[\"|\",[\"a\",\"=\",1],[\"b\",\"=\",2],[\"c\",\"=\",3]]").Or(OdooDomain.Leaf("d", "=", 4)).ToString());

    // The emulator evaluates the domains; the expected sets are computed here from the ids alone.
    // ids in [lo, hi] is the parsed part (two terms, implicit AND); `Picked` is a leaf.
    private static async Task<(OdooClient Client, long[] All, long Lo, long Hi, long[] Picked)> ProductsAsync(OdooEmulator emulator)
    {
        var client = new OdooClient(new OdooOptions { Url = emulator.Url, Database = emulator.Database, Username = emulator.Username,
            Password = emulator.Password, Protocol = OdooProtocol.JsonRpc });
        var all = (await client.SearchAsync("product.product", OdooDomain.All)).ToArray();
        Assert.True(all.Length >= 10, $"the demo seed should have at least 10 active products, has {all.Length}");
        return (client, all, all[2], all[7], [all[0], all[5], all[6], all[9]]);
    }

    private static OdooDomain Range(long lo, long hi) => OdooDomain.Parse($"[[\"id\",\">=\",{lo}],[\"id\",\"<=\",{hi}]]");

    [Fact]
    public async Task And_ParsedTwoTermsAndALeaf_EmulatorReturnsTheIntersection()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var (client, all, lo, hi, picked) = await ProductsAsync(emulator);
        await using var _ = client;
        var both = Range(lo, hi).And(OdooDomain.Leaf("id", "in", picked));
        var expected = all.Where(id => id >= lo && id <= hi && picked.Contains(id)).ToArray();
        Assert.Equal(expected, await client.SearchAsync("product.product", both));
        // Only correct if the AND is one term: otherwise the OR takes its first two terms and the rest is AND-ed on.
        var other = OdooDomain.Leaf("id", "=", all[^1]);
        Assert.Equal([.. expected, all[^1]], await client.SearchAsync("product.product", both.Or(other)));
        Assert.Equal(all.Except(expected), await client.SearchAsync("product.product", both.Not()));
    }

    [Fact]
    public async Task Or_ParsedTwoTermsAndALeaf_EmulatorReturnsTheUnion()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var (client, all, lo, hi, picked) = await ProductsAsync(emulator);
        await using var _ = client;
        var either = Range(lo, hi).Or(OdooDomain.Leaf("id", "in", picked));
        var expected = all.Where(id => (id >= lo && id <= hi) || picked.Contains(id)).ToArray();
        Assert.Equal(expected, await client.SearchAsync("product.product", either));
        Assert.Equal(expected, await client.SearchAsync("product.product", OdooDomain.Leaf("id", "in", picked).Or(Range(lo, hi))));
    }

    [Fact]
    public async Task Not_ParsedTwoTerms_EmulatorReturnsTheComplement()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var (client, all, lo, hi, _) = await ProductsAsync(emulator);
        await using var __ = client;
        Assert.Equal(all.Where(id => id < lo || id > hi), await client.SearchAsync("product.product", Range(lo, hi).Not()));
    }
}
