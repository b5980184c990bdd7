// What tap-odoo's users rely on, against the emulator: only selected fields are requested from Odoo,
// binary fields only when selected, ignore_list, archived records through the active OR filter, the
// language, the three transports giving the same records, and the value mapping (false → null, UTC).
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Odoo;
using OdooOptiply.Singer.Tap;
using OdooOptiply.Singer.Tests.Tap.Support;

namespace OdooOptiply.Singer.Tests.Tap;

public class TapBehaviourTests
{
    private static string[] Names(JsonObject o) => o.Select(kv => kv.Key).Order().ToArray();

    [Fact]
    public async Task OnlySelectedFields_AreInTheSchema_TheRecords_AndTheRequests()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var config = TapHarness.Config(odoo);
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(config), "products");
        var products = catalog["streams"]!.AsArray().First(s => (string)s!["stream"]! == "products")!;
        foreach (var m in products["metadata"]!.AsArray().Where(m => m!["breadcrumb"]!.AsArray().Count == 2))
            m!["metadata"]!["selected"] = (string)m["breadcrumb"]![1]! is "name" or "default_code";
        var trace = Path.GetTempFileName();
        try
        {
            var output = await TapHarness.SyncAsync(config, catalog, trace: trace);
            Assert.Equal(["default_code", "id", "name", "write_date"], Names(output.Schema("products")["properties"]!.AsObject()));
            Assert.All(output.Records("products"), r => Assert.Equal(["default_code", "id", "name", "write_date"], Names(r)));
            var requests = File.ReadAllText(trace).Split("### ").Where(t => t.Contains("search_read", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(requests);
            Assert.All(requests, r => Assert.DoesNotContain("list_price", r.Split("<<< response")[0]));
            Assert.Equal(["products"], output.OfType("SCHEMA").Select(m => (string)m["stream"]!));
        }
        finally { File.Delete(trace); }
    }

    [Fact]
    public async Task BinaryFields_AreLeftOutUnlessSelected()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var config = TapHarness.Config(odoo);
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(config), "products");
        var plain = await TapHarness.SyncAsync(config, catalog);
        Assert.False(plain.Schema("products")["properties"]!.AsObject().ContainsKey("image_1920"));
        Assert.DoesNotContain(plain.Records("products"), r => r.ContainsKey("image_1920"));
        TapHarness.SelectField(catalog, "products", "image_1920", true);
        var withImages = await TapHarness.SyncAsync(config, catalog);
        Assert.Equal("base64", (string?)withImages.Schema("products")["properties"]!["image_1920"]!["contentEncoding"]);
        Assert.All(withImages.Records("products"), r => Assert.True(r.ContainsKey("image_1920")));
    }

    [Fact]
    public async Task IgnoreList_LeavesFieldsOutOfSchemaAndReads()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var config = TapHarness.Config(odoo, new { ignore_list = new[] { "products.list_price", "barcode" } });
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(config), "products", "customers");
        var output = await TapHarness.SyncAsync(config, catalog);
        var productFields = output.Schema("products")["properties"]!.AsObject();
        Assert.False(productFields.ContainsKey("list_price"));
        Assert.False(productFields.ContainsKey("barcode"));
        Assert.True(productFields.ContainsKey("standard_price"));
        Assert.False(output.Schema("customers")["properties"]!.AsObject().ContainsKey("barcode"));
        Assert.True(output.Schema("customers")["properties"]!.AsObject().ContainsKey("email"));
        Assert.DoesNotContain(output.Records("products"), r => r.ContainsKey("list_price"));
    }

    [Fact]
    public async Task ArchivedRecords_AreIncluded_WithActiveFalse()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var output = await TapHarness.SyncAsync(TapHarness.Config(odoo), TapHarness.Select(await TapHarness.DiscoverAsync(TapHarness.Config(odoo)), "products", "customers"));
        Assert.Equal(odoo.Data.Count("product.product"), output.Records("products").Count());
        Assert.Contains(output.Records("products"), r => (bool?)r["active"] == false && (string?)r["default_code"] == "OLD-0001");
        Assert.Contains(output.Records("customers"), r => (bool?)r["active"] == false && (string?)r["name"] == "Old Supplier NV");
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Language_NamesComeInIt_AndAnUninstalledOneFailsOn18(int version)
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version });
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(TapHarness.Config(odoo)), "products");
        var english = await TapHarness.SyncAsync(TapHarness.Config(odoo), catalog);
        var dutch = await TapHarness.SyncAsync(TapHarness.Config(odoo, new { language = "nl_NL" }), catalog);
        Assert.Contains(english.Records("products"), r => (string?)r["name"] == "Office Chair");
        Assert.Contains(dutch.Records("products"), r => (string?)r["name"] == "Bureaustoel");
        if (version >= 18)
        {
            var e = await Assert.ThrowsAsync<OdooException>(() => TapHarness.SyncAsync(TapHarness.Config(odoo, new { language = "fr_FR" }), catalog));
            Assert.Contains("not installed", e.Message);
        }
    }

    [Theory]
    [InlineData("english")]
    [InlineData("nl-NL")]
    public void Language_NotACode_IsAConfigError(string language)
    {
        var e = Assert.Throws<TapConfigException>(() => TapConfig.Parse($$"""{"url":"http://x","db":"d","username":"u","password":"p","language":"{{language}}"}"""));
        Assert.Contains("language", e.Message);
    }

    [Theory]
    [InlineData(18, "xmlrpc")]
    [InlineData(18, "jsonrpc")]
    [InlineData(19, "xmlrpc")]
    [InlineData(19, "json2")]
    public async Task EveryTransport_GivesTheSameRecords(int version, string protocol)
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version });
        var baseConfig = TapHarness.Config(odoo, new { protocol = "jsonrpc" });
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(baseConfig), "products", "customers", "purchase_order_lines", "stock");
        var reference = await TapHarness.SyncAsync(baseConfig, catalog);
        var config = TapHarness.Config(odoo, protocol == "json2" ? new { protocol, api_key = odoo.ApiKey } : (object)new { protocol });
        var other = await TapHarness.SyncAsync(config, catalog);
        foreach (var stream in new[] { "products", "customers", "purchase_order_lines", "stock" })
        {
            Assert.Equal(reference.Schema(stream).ToJsonString(), other.Schema(stream).ToJsonString());
            Assert.Equal(reference.Records(stream).Select(r => r.ToJsonString()), other.Records(stream).Select(r => r.ToJsonString()));
        }
    }

    [Fact]
    public async Task Values_FollowTheMapping()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(TapHarness.Config(odoo)), "products", "customers", "purchase_orders");
        var output = await TapHarness.SyncAsync(TapHarness.Config(odoo), catalog);
        var chair = output.Records("products").Single(r => (string?)r["default_code"] == "OPT-0001");
        Assert.Equal(2, chair["categ_id"]!.AsArray().Count);                         // many2one: [id, name]
        Assert.Equal(2L, (long)chair["categ_id"]![0]!);
        Assert.Equal("Goods", (string?)chair["categ_id"]![1]);
        Assert.All(chair["seller_ids"]!.AsArray(), id => Assert.IsType<long>((long)id!));  // one2many: ids
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", (string)chair["write_date"]!);
        Assert.Null(chair["description"]);                                             // empty (false) → null
        Assert.Equal(10.0, (double)chair["list_price"]!);
        var contact = output.Records("customers").Single(r => (string?)r["name"] == "Anna de Vries");
        Assert.Null(contact["phone"]);
        Assert.False((bool)contact["is_company"]!);                                    // a boolean's false stays false
        var enumOfState = output.Schema("purchase_orders")["properties"]!["state"]!["enum"]!.AsArray().Select(v => (string?)v).ToList();
        Assert.Contains(null, enumOfState);
        Assert.All(output.Records("purchase_orders"), r => Assert.Contains((string?)r["state"], enumOfState));
        Assert.All(output.Records("purchase_orders"), r => Assert.True(r["date_order"] is null || Regex.IsMatch((string)r["date_order"]!, @"T\d\d:\d\d:\d\d\+00:00$")));
    }
}
