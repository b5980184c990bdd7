// Tests for the configs users already have: the current tap's flat config read as it is (with a note per
// moved key), secrets from KEY_file, and the debugging commands' section loader using the same rules.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Tests.Config;

public sealed class FlatConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flat-config").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // tap-odoo's own config (hotglue's example: url, db, username, password, start_date) with flags beside it.
    private static JsonObject TapConfig() => new()
    {
        ["url"] = "https://odoo.example.com", ["db"] = "acme", ["username"] = "sync@acme.nl", ["password"] = "pw",
        ["start_date"] = "2024-01-01T00:00:00Z", ["full_sync_streams"] = new JsonArray("products"), ["language"] = "nl_NL",
        ["client_id"] = "cid", ["client_secret"] = "cs", ["optiply_username"] = "op-user", ["optiply_password"] = "op-pw",
        ["account_id"] = 42, ["map_sellOrdersPOS"] = true,
    };

    private static ConfigLoadResult Parse(JsonObject json, Dictionary<string, string>? env = null, string dir = "/tmp/tenants") =>
        TenantConfigLoader.Parse(json.ToJsonString(), dir, "acme", k => env?.GetValueOrDefault(k));

    [Fact]
    public void Parse_TapFlatConfig_ReadsConnectionKeysIntoTheirSections()
    {
        var result = Parse(TapConfig());
        var config = result.GetOrThrow();
        Assert.Equal(new Uri("https://odoo.example.com"), config.Odoo.Url);
        Assert.Equal(("acme", "sync@acme.nl", "pw"), (config.Odoo.Database, config.Odoo.Username, config.Odoo.Password));
        Assert.Equal(("cid", "cs", "op-user", "op-pw", 42L), (config.Optiply.ClientId, config.Optiply.ClientSecret, config.Optiply.Username,
            config.Optiply.Password, config.Optiply.AccountId));
        Assert.Equal("nl_NL", config.Flags.Language);
        Assert.True(config.Flags.MapSellOrdersPos);
        Assert.Contains("products", config.Run.FullSyncStreams);
        Assert.Empty(result.Warnings);
        Assert.Contains("url → odoo.url", result.Notes);
        Assert.Contains("optiply_password → optiply.password", result.Notes);
        Assert.DoesNotContain(result.Notes, n => n.Contains("pw", StringComparison.Ordinal) && !n.Contains("password", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TapFlatConfigWithoutOptiplyKeys_TakesThemFromTheEnvironment()
    {
        var json = TapConfig();
        foreach (var key in new[] { "client_id", "client_secret", "optiply_username", "optiply_password" }) json.Remove(key);
        var env = new Dictionary<string, string>
        {
            ["OPTIPLY_CLIENT_ID"] = "e-cid", ["OPTIPLY_CLIENT_SECRET"] = "e-cs", ["OPTIPLY_USERNAME"] = "e-u", ["OPTIPLY_PASSWORD"] = "e-p",
        };
        var config = Parse(json, env).GetOrThrow();
        Assert.Equal(("e-cid", "e-cs", "e-u", "e-p"), (config.Optiply.ClientId, config.Optiply.ClientSecret, config.Optiply.Username, config.Optiply.Password));
    }

    [Fact]
    public void Parse_TapFlatConfigMissingOptiply_NamesTheKeysAndWhereToPutThem()
    {
        var json = TapConfig();
        foreach (var key in new[] { "client_id", "client_secret", "optiply_username", "optiply_password" }) json.Remove(key);
        var result = Parse(json);
        Assert.Null(result.Config);
        Assert.Contains(result.Problems, p => p.StartsWith("optiply.client_id", StringComparison.Ordinal) && p.Contains("OPTIPLY_CLIENT_ID", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("optiply.password", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Problems, p => p.StartsWith("odoo.", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NestedConfig_IsNotTreatedAsFlat()
    {
        var result = Parse(TenantConfigLoaderTests.Minimal());
        Assert.NotNull(result.Config);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Parse_SecretFromFile_ReadsTheFileStrippingTheNewline()
    {
        File.WriteAllText(Path.Combine(_dir, "odoo-password"), "s3cret\n");
        var json = TenantConfigLoaderTests.Minimal();
        var odoo = (JsonObject)json["odoo"]!;
        odoo.Remove("password");
        odoo["password_file"] = "odoo-password";
        var result = Parse(json, dir: _dir);
        Assert.Equal("s3cret", result.GetOrThrow().Odoo.Password);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Parse_SecretFileMissing_IsAProblemNamingTheKeyNotTheSecret()
    {
        var json = TenantConfigLoaderTests.Minimal();
        var optiply = (JsonObject)json["optiply"]!;
        optiply.Remove("client_secret");
        optiply["client_secret_file"] = "/run/secrets/nope";
        var result = Parse(json, dir: _dir);
        Assert.Null(result.Config);
        Assert.Contains(result.Problems, p => p.StartsWith("optiply.client_secret_file: cannot read the file", StringComparison.Ordinal) && p.Contains("/run/secrets/nope", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadSection_ExpandsVariablesReadsFilesAndFlatKeys()
    {
        File.WriteAllText(Path.Combine(_dir, "pw"), "from-file");
        var path = Path.Combine(_dir, "tap.json");
        File.WriteAllText(path, """{ "url": "${ODOO_TEST_URL}", "db": "acme", "username": "u", "password_file": "pw", "start_date": "2024-01-01" }""");
        var (values, problems) = TenantConfigLoader.LoadSection(path, "odoo", k => k == "ODOO_TEST_URL" ? "http://127.0.0.1:8069" : null);
        Assert.Empty(problems);
        Assert.Equal("http://127.0.0.1:8069", values["url"]);
        Assert.Equal("from-file", values["password"]);
        Assert.False(values.ContainsKey("start_date"));
    }

    [Fact]
    public void LoadSection_UnsetVariable_IsAProblem()
    {
        var path = Path.Combine(_dir, "t.json");
        File.WriteAllText(path, """{ "odoo": { "url": "${NOPE_NOT_SET}", "db": "acme" } }""");
        var (_, problems) = TenantConfigLoader.LoadSection(path, "odoo", _ => null);
        Assert.Contains(problems, p => p.Contains("NOPE_NOT_SET", StringComparison.Ordinal));
    }
}
