// Placeholder that keeps the web test project non-empty until the board suites land.
namespace OdooOptiply.Web.Tests;

public class WebInfoTests
{
    [Fact]
    public void DefaultAddress_IsLoopback() => Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(WebInfo.DefaultAddress)));
}
