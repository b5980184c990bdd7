// Tests for OdooOptions.Validate: problems named in words a user understands.
namespace OdooOptiply.Odoo.Tests;

public class OdooOptionsTests
{
    private static readonly OdooOptions Good = new() { Url = new Uri("https://acme.odoo.com"), Database = "acme", Username = "bot", Password = "pw" };

    [Fact]
    public void Validate_GoodOptions_HasNoProblems() => Assert.Empty(Good.Validate());

    [Fact]
    public void Validate_Json2WithoutKey_SaysSo() =>
        Assert.Contains(Good.Validate().Concat((Good with { Protocol = OdooProtocol.Json2 }).Validate()), p => p.Contains("api_key"));

    [Theory]
    [InlineData("nl_NL", true)]
    [InlineData("sr@latin", true)]
    [InlineData("sr_RS@latin", true)]
    [InlineData("nl", false)]
    [InlineData("NL_nl", false)]
    [InlineData("dutch", false)]
    public void IsLangCode_Codes_AreRecognised(string code, bool ok) => Assert.Equal(ok, OdooOptions.IsLangCode(code));

    [Fact]
    public void Validate_EverythingWrong_ListsEachProblem()
    {
        var bad = Good with { Database = "", Password = null, Timeout = TimeSpan.Zero, PageSize = 0, Lang = "xx" };
        Assert.True(bad.Validate().Count >= 5);
    }
}
