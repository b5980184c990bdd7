// Tests for OdooDomain: building, combining and parsing Odoo's prefix-notation domains.
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
}
