// Tests for TenantConfigLoader: a minimal file loads with every documented default, secrets come from the
// environment, and every problem is reported with its key.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Tests.Config;

public class TenantConfigLoaderTests
{
    internal static JsonObject Minimal() => new()
    {
        ["odoo"] = new JsonObject { ["url"] = "https://odoo.example.com", ["db"] = "acme", ["username"] = "sync@acme.nl", ["password"] = "pw" },
        ["optiply"] = new JsonObject { ["client_id"] = "cid", ["client_secret"] = "cs", ["username"] = "u", ["password"] = "p" },
    };

    private static ConfigLoadResult Parse(JsonObject json, Dictionary<string, string>? env = null) =>
        TenantConfigLoader.Parse(json.ToJsonString(), "/tmp/tenants", "acme", k => env?.GetValueOrDefault(k));

    [Fact]
    public void Parse_MinimalFile_AppliesDocumentedDefaults()
    {
        var config = Parse(Minimal()).GetOrThrow();
        var f = config.Flags;
        Assert.Equal("acme", config.Name);
        Assert.Equal("en_US", f.Language);
        Assert.Equal("available_quantity", f.MapStockLevel);
        Assert.True(f.SyncPurchasePrice && f.SyncProductPrice && f.SyncDeliveryTime && f.SyncMoq && f.SyncArticleCode && f.ExportBoLinePrice);
        Assert.False(f.UseTemplates || f.SellPriceWithTaxes || f.PullAllOrders || f.MapPreferred || f.MapSellOrdersPos
            || f.BoCompletedOnReceipt || f.UnitFilter || f.UseStandardPrice || f.AveragePurchasePrice || f.MapLotSizes
            || f.ProdMinStockAsSpMoq || f.SyncMinimumStock || f.ExportBuyOrdersAsDraft);
        Assert.Empty(f.CompanyIds);
        Assert.Equal(5, config.Run.PullMinutes);
        Assert.Equal(15, config.Run.ExportMinutes);
        Assert.Equal(24, config.Run.ReconcileHours);
        Assert.Equal("auto", config.Odoo.Protocol);
        Assert.Equal(new Uri("https://api.optiply.com/v1/"), config.Optiply.BaseUrl);
        Assert.Equal(Path.GetFullPath("/tmp/tenants/state/acme.db"), config.Run.StatePath);
    }

    [Fact]
    public void Parse_FlagsWithMissionSpelling_AreRead()
    {
        var json = Minimal();
        json["pullAllOrders"] = true;
        json["map_sellOrdersPOS"] = "true";
        json["export_BOLine_price"] = false;
        json["sync_deliveryTime"] = false;
        json["map_lotSizes"] = true;
        json["company_ids"] = "1, 3";
        json["stocks_warehouse_ids"] = new JsonArray(7);
        json["language"] = "nl_NL";
        json["map_stockLevel"] = "free_qty";
        var f = Parse(json).GetOrThrow().Flags;
        Assert.True(f.PullAllOrders && f.MapSellOrdersPos && f.MapLotSizes);
        Assert.False(f.ExportBoLinePrice || f.SyncDeliveryTime);
        Assert.Equal([1L, 3L], f.CompanyIds);
        Assert.Equal([1L, 3L], f.EffectiveSellordersCompanyIds);
        Assert.Equal([7L], f.StocksWarehouseIds);
        Assert.Equal("nl_NL", f.Language);
        Assert.Equal("free_qty", f.MapStockLevel);
    }

    [Fact]
    public void Parse_AreaCompanyIds_OverrideCompanyIds()
    {
        var json = Minimal();
        json["company_ids"] = "1";
        json["buyorders_company_ids"] = "2";
        var f = Parse(json).GetOrThrow().Flags;
        Assert.Equal([2L], f.EffectiveBuyordersCompanyIds);
        Assert.Equal([1L], f.EffectiveStocksCompanyIds);
    }

    [Fact]
    public void Parse_SecretsAbsent_ReadFromWellKnownEnvironmentVariables()
    {
        var json = Minimal();
        json["odoo"]!.AsObject().Remove("password");
        json["optiply"]!.AsObject().Remove("client_secret");
        var env = new Dictionary<string, string> { ["ODOO_API_KEY"] = "key1", ["OPTIPLY_CLIENT_SECRET"] = "sec1" };
        var config = Parse(json, env).GetOrThrow();
        Assert.Equal("key1", config.Odoo.ApiKey);
        Assert.Null(config.Odoo.Password);
        Assert.Equal("sec1", config.Optiply.ClientSecret);
    }

    [Fact]
    public void Parse_EnvReference_IsExpandedAndMissingOneReported()
    {
        var json = Minimal();
        json["odoo"]!["password"] = "${ACME_ODOO_PW}";
        Assert.Equal("s3cret", Parse(json, new() { ["ACME_ODOO_PW"] = "s3cret" }).GetOrThrow().Odoo.Password);
        var problems = Parse(json).Problems;
        Assert.Contains(problems, p => p.StartsWith("odoo.password:") && p.Contains("ACME_ODOO_PW"));
    }

    [Fact]
    public void Parse_ManyMistakes_ReportsEveryOneWithItsKey()
    {
        var json = Minimal();
        json["odoo"]!["url"] = "odoo.example.com";
        json["odoo"]!["protocol"] = "soap";
        json["optiply"]!.AsObject().Remove("username");
        json["language"] = "dutch";
        json["company_ids"] = "1,x";
        json["unit_factors"] = "{\"Dozens\": \"twelve\"}";
        json["map_stockLevel"] = "onhand";
        json["sync_moq"] = "maybe";
        json["full_sync_streams"] = "products,orders";
        json["start_date"] = "yesterday";
        var problems = Parse(json).Problems;
        foreach (var key in new[] { "odoo.url:", "odoo.protocol:", "optiply.username:", "language:", "company_ids:", "unit_factors:", "map_stockLevel:", "sync_moq:", "full_sync_streams:", "start_date:" })
            Assert.Contains(problems, p => p.StartsWith(key));
        Assert.Equal(10, problems.Count);
        Assert.Contains("nl_NL", problems.Single(p => p.StartsWith("language:")));
    }

    [Fact]
    public void Parse_DeletionGuard_DefaultsAndValuesAndRanges()
    {
        var defaults = Parse(Minimal()).GetOrThrow().Flags.DeletionGuard;
        Assert.Equal((30, 10, false), (defaults.MaxPercent, defaults.MinRecords, defaults.Off));

        var json = Minimal();
        json["deletion_guard"] = new JsonObject { ["max_percent"] = 100 };
        var off = Parse(json).GetOrThrow().Flags.DeletionGuard;
        Assert.Equal((100, 10, true), (off.MaxPercent, off.MinRecords, off.Off)); // min_records left out keeps its default

        json["deletion_guard"] = new JsonObject { ["max_percent"] = 101, ["min_records"] = -1, ["min_recrods"] = 5 };
        var result = Parse(json);
        Assert.Null(result.Config);
        Assert.Contains(result.Problems, p => p.StartsWith("deletion_guard.max_percent: expected a whole number from 0 to 100", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("deletion_guard.min_records: expected a whole number from 0", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("deletion_guard.min_recrods:", StringComparison.Ordinal) && p.Contains("did you mean deletion_guard.min_records?"));

        json["deletion_guard"] = 30;
        Assert.Contains(Parse(json).Problems, p => p.StartsWith("deletion_guard: expected an object", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownKey_IsWarnedNotFatal()
    {
        var json = Minimal();
        json["colour"] = "blue";
        json["odoo"]!["timeout"] = 3;
        var result = Parse(json);
        Assert.NotNull(result.Config);
        Assert.Contains(result.Warnings, w => w.StartsWith("colour:"));
        Assert.Contains(result.Warnings, w => w.StartsWith("odoo.timeout:"));
    }

    [Theory]
    [InlineData("map_sellOrderPOS", "map_sellOrdersPOS")]
    [InlineData("pull_all_orders", "pullAllOrders")]
    [InlineData("Use_Templates", "use_templates")]
    public void Parse_KeyCloseToAKnownOne_IsAnErrorSayingWhichWasMeant(string typo, string meant)
    {
        var json = Minimal();
        json[typo] = true;
        var result = Parse(json);
        Assert.Null(result.Config);
        Assert.Contains(result.Problems, p => p.StartsWith(typo + ":") && p.Contains($"did you mean {meant}?"));
    }

    [Fact]
    public void Parse_NoPasswordNorApiKey_ReportsBothOptions()
    {
        var json = Minimal();
        json["odoo"]!.AsObject().Remove("password");
        var problem = Assert.Single(Parse(json).Problems);
        Assert.Contains("api_key", problem);
    }

    [Fact]
    public void Parse_Json2WithoutApiKey_AsksForOne()
    {
        var json = Minimal();
        json["odoo"]!["protocol"] = "json2";
        Assert.Contains(Parse(json).Problems, p => p.StartsWith("odoo.api_key:"));
    }

    [Fact]
    public void Parse_RequestsPerSecond_IsReadWithDefaultFive()
    {
        Assert.Equal(5, Parse(Minimal()).GetOrThrow().Optiply.RequestsPerSecond);
        var json = Minimal();
        json["optiply"]!["requests_per_second"] = 20;
        Assert.Equal(20, Parse(json).GetOrThrow().Optiply.RequestsPerSecond);
    }

    [Fact]
    public void Parse_MaxResponseMb_ReachesBothClientsWithDefault256()
    {
        var defaults = Parse(Minimal()).GetOrThrow();
        Assert.Equal(256L * 1024 * 1024, defaults.ToOdooOptions().MaxResponseBytes);
        Assert.Equal(256L * 1024 * 1024, defaults.ToOptiplyOptions().MaxResponseBytes);
        var json = Minimal();
        json["odoo"]!["max_response_mb"] = 16;
        json["optiply"]!["max_response_mb"] = 8;
        var config = Parse(json).GetOrThrow();
        Assert.Equal(16L * 1024 * 1024, config.ToOdooOptions().MaxResponseBytes);
        Assert.Equal(8L * 1024 * 1024, config.ToOptiplyOptions().MaxResponseBytes);
        json["odoo"]!["max_response_mb"] = 0;
        Assert.Contains(Parse(json).Problems, p => p.Contains("max_response_mb"));
    }

    [Fact]
    public void Parse_InvalidJson_ReportsLine()
    {
        var result = TenantConfigLoader.Parse("{\n \"odoo\": {,\n}", "/tmp", "x", _ => null);
        Assert.Null(result.Config);
        Assert.Contains("line 2", Assert.Single(result.Problems));
    }

    [Fact]
    public void ToString_OfConnections_NeverShowsSecrets()
    {
        var config = Parse(Minimal()).GetOrThrow();
        var text = config.ToString();
        Assert.DoesNotContain("pw", config.Odoo.ToString().Replace("Password", ""));
        Assert.DoesNotContain("\"cs\"", text);
        Assert.DoesNotContain("= cs", text);
        Assert.DoesNotContain("Password = p ", text);
    }

    [Theory]
    [InlineData("{\"Dozens\": 12, \"Units\": 1}")]
    [InlineData("Dozens:12, Units:1")]
    public void Parse_UnitFactorsForms_AllParse(string text)
    {
        var json = Minimal();
        json["unit_factors"] = text;
        json["unit_filter"] = true;
        var f = Parse(json).GetOrThrow().Flags;
        Assert.Equal(12, f.UnitFactors["dozens"]);
        Assert.Equal(1, f.UnitFactors["Units"]);
    }

    [Theory]
    [InlineData("nl_NL", true)]
    [InlineData("es_419", true)]
    [InlineData("sr@latin", true)]
    [InlineData("NL", false)]
    [InlineData("nl-NL", false)]
    public void Parse_Language_AcceptsOdooCodesOnly(string language, bool ok)
    {
        var json = Minimal();
        json["language"] = language;
        Assert.Equal(ok, Parse(json).Config is not null);
    }
}
