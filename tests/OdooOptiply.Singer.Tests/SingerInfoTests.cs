// Placeholder that keeps the Singer test project non-empty until the tap and target suites land.
namespace OdooOptiply.Singer.Tests;

public class SingerInfoTests
{
    [Fact]
    public void SpecVersion_IsSemantic() => Assert.Matches(@"^\d+\.\d+\.\d+$", SingerInfo.SpecVersion);
}
