// Options: defaults from the reference, validation messages naming the key, no secret in ToString.
namespace OdooOptiply.Optiply.Tests;

public class OptiplyOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedProductionValues()
    {
        var o = new OptiplyOptions();
        Assert.Equal("https://api.optiply.com/v1", o.BaseUrl.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("https://dashboard.optiply.nl/api/auth/oauth/token", o.TokenUrl.AbsoluteUri);
        Assert.Equal(5, o.RequestsPerSecond);
        Assert.Equal(100, o.PageLimit);
    }

    [Fact]
    public void DefaultBaseUrl_RelativeUrisResolveUnderV1()
    {
        Assert.Equal("https://api.optiply.com/v1/products", new Uri(OptiplyConstants.DefaultBaseUrl, "products").AbsoluteUri);
    }

    [Fact]
    public void Validate_MissingCredentialsAndBadLimit_NamesEachKey()
    {
        var problems = new OptiplyOptions { PageLimit = 101 }.Validate();
        foreach (var key in new[] { "client_id", "client_secret", "username", "password", "page_limit" })
            Assert.Contains(problems, p => p.StartsWith(key));
    }

    [Fact]
    public void ToString_HidesSecretAndPassword()
    {
        var text = new OptiplyOptions { ClientId = "shop", ClientSecret = "S3CR3T-xyz", Username = "api", Password = "PA55-word" }.ToString();
        Assert.Contains("shop", text);
        Assert.DoesNotContain("S3CR3T-xyz", text);
        Assert.DoesNotContain("PA55-word", text);
    }

    [Fact]
    public void Client_InvalidOptions_Throws() =>
        Assert.Throws<ArgumentException>(() => new OptiplyClient(new OptiplyOptions()));
}
