// Hostile and broken tenant files, one case per test: each is refused (or warned about) with a message
// naming the key and what is expected, every problem reported at once, and no secret echoed back.
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Tests.Hostile;

public sealed class MalformedConfigTests
{
    private const string OdooSecret = "odoo-pw-SECRET-9931";
    private const string OptiplySecret = "optiply-secret-SECRET-7713";

    // A valid tenant file with one part replaced by the test.
    private static string Tenant(string? odoo = null, string? optiply = null, string extra = "") => $$"""
        {
          "tenant": "acme",
          "odoo": {{odoo ?? $$"""{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "{{OdooSecret}}"}"""}},
          "optiply": {{optiply ?? $$"""{"client_id": "shop", "client_secret": "{{OptiplySecret}}", "username": "api_shop", "password": "{{OptiplySecret}}", "account_id": 1, "coupling_id": 2}"""}}
          {{extra}}
        }
        """;

    private static ConfigLoadResult Load(string json, Func<string, string?>? env = null) =>
        TenantConfigLoader.Parse(json, Path.GetTempPath(), "acme", env ?? (_ => null));

    private static void Refused(ConfigLoadResult result, params string[] expected)
    {
        Assert.Null(result.Config);
        var all = string.Join("\n", result.Problems);
        foreach (var e in expected) Assert.Contains(e, all);
        Assert.DoesNotContain(OdooSecret, all);
        Assert.DoesNotContain(OptiplySecret, all);
        Assert.Contains(expected[0], new TenantConfigException(result.Problems).Message);
    }

    [Fact]
    public void ValidTenant_Loads() => Assert.NotNull(Load(Tenant()).GetOrThrow());

    [Fact]
    public void MaxConnections_DefaultsToOne_OptInUpToEight_NineRefused()
    {
        Assert.Equal(1, Load(Tenant()).GetOrThrow().Odoo.MaxConnections);
        Assert.Equal(4, Load(Tenant(odoo: $$"""{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "{{OdooSecret}}", "max_connections": 4}""")).GetOrThrow().Odoo.MaxConnections);
        Refused(Load(Tenant(odoo: $$"""{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "{{OdooSecret}}", "max_connections": 9}""")), "max_connections");
    }

    [Fact]
    public void NotJson_SaysSoWithTheLine() => Refused(Load("{\n \"tenant\": \"acme\",\n odoo: 1\n}"), "not valid JSON (line 3)");

    [Fact]
    public void RootIsAnArray_SaysOneObjectIsExpected() => Refused(Load("[1, 2]"), "one JSON object");

    [Fact]
    public void SectionIsAString_NamesTheSection() => Refused(Load(Tenant(odoo: "\"https://erp.example.com\"")), "odoo: expected an object");

    [Fact]
    public void OdooUrlNotAUrl_NamesOdooUrl() =>
        Refused(Load(Tenant(odoo: $$"""{"url": "erp.example.com/odoo", "db": "acme", "username": "api", "password": "{{OdooSecret}}"}""")), "odoo.url", "absolute http(s) URL");

    [Fact]
    public void OptiplyBaseUrlWithWrongScheme_NamesTheKey() =>
        Refused(Load(Tenant(optiply: $$"""{"client_id": "shop", "client_secret": "x", "username": "u", "password": "p", "base_url": "ftp://api.optiply.com/v1"}""")), "optiply.base_url", "ftp://");

    [Fact]
    public void BadLanguage_NamesLanguageAndTheExpectedForm() => Refused(Load(Tenant(extra: ", \"language\": \"dutch\"")), "language", "nl_NL");

    [Fact]
    public void WrongTypes_EveryOneNamedInOneGo()
    {
        var result = Load(Tenant(extra: """, "use_templates": "maybe", "stocks_warehouse_ids": {"a": 1}, "overlap_seconds": "soon", "full_sync_streams": 7"""));
        Refused(result, "use_templates", "stocks_warehouse_ids", "overlap_seconds", "full_sync_streams");
        Assert.True(result.Problems.Count >= 4);
    }

    [Fact]
    public void NumberWhereAnObjectOfSecretsBelongs_IsAWrongType() =>
        Refused(Load(Tenant(odoo: """{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": {"value": "x"}}""")), "odoo.password", "expected a string");

    [Fact]
    public void UnknownFlag_IsWarnedAboutByItsFullName()
    {
        var result = Load(Tenant(extra: ", \"sync_prodcuts\": true, \"odoo_extra\": 1"));
        Assert.NotNull(result.Config);
        Assert.Contains(result.Warnings, w => w.Contains("sync_prodcuts") && w.Contains("unknown key"));
    }

    [Fact]
    public void UnknownProtocol_NamesTheChoices() =>
        Refused(Load(Tenant(odoo: $$"""{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "{{OdooSecret}}", "protocol": "soap"}""")), "odoo.protocol", "xmlrpc");

    [Fact]
    public void MissingOdooSecret_NamesBothKeysAndTheEnvironmentVariables() =>
        Refused(Load(Tenant(odoo: """{"url": "https://erp.example.com", "db": "acme", "username": "api"}""")), "odoo.password", "ODOO_PASSWORD", "ODOO_API_KEY");

    [Fact]
    public void MissingOptiplySecret_NamesTheKeyAndTheEnvironmentVariable() =>
        Refused(Load(Tenant(optiply: """{"client_id": "shop", "username": "api_shop", "password": "x"}""")), "optiply.client_secret", "OPTIPLY_CLIENT_SECRET");

    [Fact]
    public void SecretFromAnUnsetEnvironmentVariable_NamesTheVariable() =>
        Refused(Load(Tenant(odoo: """{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "${ACME_ODOO_PW}"}""")), "odoo.password", "ACME_ODOO_PW");

    [Fact]
    public void SecretsFromTheEnvironment_AreUsedWhenTheFileLeavesThemOut()
    {
        var env = new Dictionary<string, string> { ["ODOO_PASSWORD"] = OdooSecret, ["OPTIPLY_CLIENT_SECRET"] = OptiplySecret, ["OPTIPLY_PASSWORD"] = OptiplySecret };
        var result = Load(Tenant(odoo: """{"url": "https://erp.example.com", "db": "acme", "username": "api"}""",
            optiply: """{"client_id": "shop", "username": "api_shop"}"""), n => env.GetValueOrDefault(n));
        Assert.Equal(OdooSecret, result.GetOrThrow().Odoo.Password);
    }

    [Fact]
    public void UnitFactorsThatDoNotParse_NameTheUnit() => Refused(Load(Tenant(extra: """, "unit_factors": {"Dozens": "twelve"}""")), "unit_factors", "Dozens");

    [Fact]
    public void StartDateThatIsNotADate_NamesTheKey() => Refused(Load(Tenant(extra: ", \"start_date\": \"last tuesday\"")), "start_date", "last tuesday");

    [Fact]
    public void UnknownStreamInFullSyncStreams_NamesTheStreams() => Refused(Load(Tenant(extra: ", \"full_sync_streams\": [\"widgets\"]")), "full_sync_streams", "widgets", "products");

    [Fact]
    public void NegativeAndHugeNumbers_AreRefusedWithTheirRange() =>
        Refused(Load(Tenant(optiply: """{"client_id": "s", "client_secret": "x", "username": "u", "password": "p", "account_id": -4, "requests_per_second": 99999999999999999999}""")),
            "optiply.account_id", "optiply.requests_per_second");

    [Fact]
    public void MissingFile_SaysWhichPath() =>
        Refused(TenantConfigLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-dir", "tenant.json")), "config file not found", "no-such-dir");

    [Fact]
    public void InsecureSkipTlsVerify_IsOffByDefault_AndSetPerConnection()
    {
        var defaults = Load(Tenant()).GetOrThrow();
        Assert.False(defaults.Odoo.InsecureSkipTlsVerify);
        Assert.False(defaults.Optiply.InsecureSkipTlsVerify);
        var odooOnly = Load(Tenant(odoo: $$"""{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "{{OdooSecret}}", "insecure_skip_tls_verify": true}""")).GetOrThrow();
        Assert.True(odooOnly.ToOdooOptions().InsecureSkipTlsVerify);
        Assert.False(odooOnly.ToOptiplyOptions().InsecureSkipTlsVerify);
    }

    [Fact]
    public void InsecureSkipTlsVerifyOfTheWrongType_IsNamed() =>
        Refused(Load(Tenant(odoo: $$"""{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "{{OdooSecret}}", "insecure_skip_tls_verify": "please"}""")),
            "odoo.insecure_skip_tls_verify", "true or false");

    [Fact]
    public void MaxTotalWait_BoundsOneCallsRetries_AndIsValidated()
    {
        var config = Load(Tenant(odoo: $$"""{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "{{OdooSecret}}", "max_total_wait_seconds": 30}""")).GetOrThrow();
        Assert.Equal(TimeSpan.FromSeconds(30), config.ToOdooOptions().MaxTotalWait);
        Refused(Load(Tenant(odoo: $$"""{"url": "https://erp.example.com", "db": "acme", "username": "api", "password": "{{OdooSecret}}", "max_total_wait_seconds": -1}""")), "odoo.max_total_wait_seconds");
    }
}
