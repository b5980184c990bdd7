// The tap's config file: tap-odoo's file works as it is, the retry policy is tap-odoo's (8 tries,
// factor 3), list keys take both of their spellings, and every problem is named (never a secret).
using OdooOptiply.Odoo;
using OdooOptiply.Singer.Tap;

namespace OdooOptiply.Singer.Tests.Tap;

public class TapConfigTests
{
    private const string TapOdooConfig = """
        {
          "url": "https://acme.odoo.com", "db": "acme", "username": "api@acme.example", "password": "hunter2",
          "start_date": "2024-01-01T00:00:00.000Z", "full_sync_streams": ["stock", "products"], "language": "nl_NL",
          "ignore_list": ["product.product.image_1920", "customers.avatar_128", "message_ids"]
        }
        """;

    [Fact]
    public void TapOdooConfig_WorksAsItIs()
    {
        var c = TapConfig.Parse(TapOdooConfig);
        Assert.Equal(new Uri("https://acme.odoo.com/"), c.Odoo.Url);
        Assert.Equal("acme", c.Odoo.Database);
        Assert.Equal("api@acme.example", c.Odoo.Username);
        Assert.Equal("nl_NL", c.Odoo.Lang);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), c.StartDate);
        Assert.Equal(new[] { "products", "stock" }, c.FullSyncStreams.Order());
        Assert.Empty(c.Warnings);
        var products = TapStreams.Find("products")!;
        Assert.Equal(new[] { "image_1920", "message_ids" }, c.IgnoredFor(products).Order());
        Assert.Equal(new[] { "avatar_128", "message_ids" }, c.IgnoredFor(TapStreams.Find("customers")!).Order());
        Assert.Contains("image_1920", c.Odoo.IgnoreFields["product.product"]);
    }

    [Fact]
    public void Retries_AreTapOdoos_EightTriesFactorThree()
    {
        var c = TapConfig.Parse(TapOdooConfig);
        Assert.Equal(7, c.Odoo.MaxRetries); // 7 retries = 8 tries
        Assert.Equal(3.0, c.Odoo.BackoffFactor);
    }

    [Fact]
    public void Defaults_LanguageEnUs_ProtocolAuto_UnknownKeysWarned()
    {
        var c = TapConfig.Parse("""{"url":"acme.odoo.com","db":"acme","username":"u","password":"p","tap_id":"x","full_sync_streams":"stock, nope"}""");
        Assert.Equal("en_US", c.Odoo.Lang);
        Assert.Equal(OdooProtocol.Auto, c.Odoo.Protocol);
        Assert.Equal("https", c.Odoo.Url.Scheme);
        Assert.Contains(c.Warnings, w => w.StartsWith("tap_id", StringComparison.Ordinal));
        Assert.Contains(c.Warnings, w => w.Contains("'nope'", StringComparison.Ordinal));
        Assert.Equal(new[] { "nope", "stock" }, c.FullSyncStreams.Order());
    }

    [Fact]
    public void Problems_AreAllNamed_WithoutTheSecret()
    {
        var e = Assert.Throws<TapConfigException>(() => TapConfig.Parse("""{"password":"hunter2","protocol":"soap","page_size":0,"ignore_list":5}"""));
        foreach (var key in new[] { "url", "db", "protocol", "page_size", "ignore_list" }) Assert.Contains(key, e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }
}
