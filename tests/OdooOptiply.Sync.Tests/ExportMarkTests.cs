// The origin mark: written for an Optiply id, read back only from marks we wrote.
using OdooOptiply.Sync.Export;

namespace OdooOptiply.Sync.Tests;

public class ExportMarkTests
{
    [Theory]
    [InlineData("Optiply buy order 42", "42")]
    [InlineData("Optiply buy order 42x", null)]
    [InlineData("P00042", null)]
    [InlineData(null, null)]
    public void BuyOrderIdOf_Origin_IsTheIdOnlyForOurMark(string? origin, string? expected) => Assert.Equal(expected, ExportMark.BuyOrderIdOf(origin));

    [Fact]
    public void Origin_RoundTrips() => Assert.Equal("17", ExportMark.BuyOrderIdOf(ExportMark.Origin("17")));
}
