// Tests for the call context: lang validated and checked installed on Odoo 18+, the warehouse key by
// version, active_test and companies passed through.
using OdooOptiply.Odoo.Tests.TestSupport;

namespace OdooOptiply.Odoo.Tests;

public class OdooClientContextTests
{
    private static ScriptedOdoo Odoo(int version, params string[] installed) => new()
    {
        Version = version,
        Respond = c => c.Model == "res.lang"
            ? (long)installed.Count(code => OdooOptiply.Odoo.Transport.OdooJson.Serialize(c.Args[0]).Contains($"\"{code}\""))
            : 1L,
    };

    [Fact]
    public async Task CallAsync_LangNotInstalledOn18_FailsBeforeTheCall()
    {
        var odoo = Odoo(18, "en_US");
        await using var client = new OdooClient(OdooClientTests.Options(), handler: odoo);
        var e = await Assert.ThrowsAsync<OdooException>(() => client.SearchCountAsync("product.product", OdooDomain.All, new OdooContext { Lang = "nl_NL" }));
        Assert.Contains("not installed", e.Message);
        Assert.DoesNotContain(odoo.Calls, c => c.Model == "product.product");
    }

    [Fact]
    public async Task CallAsync_InstalledLang_IsSentInTheContextAndCheckedOnce()
    {
        var odoo = Odoo(18, "nl_NL");
        await using var client = new OdooClient(OdooClientTests.Options() with { Lang = "nl_NL" }, handler: odoo);
        await client.SearchCountAsync("product.product", OdooDomain.All);
        await client.SearchCountAsync("product.product", OdooDomain.All);
        Assert.Single(odoo.Calls, c => c.Model == "res.lang");
        Assert.All(odoo.Calls.Where(c => c.Model == "product.product"), c => Assert.Equal("nl_NL", ((OdooRecord)c.Kwargs["context"]!)["lang"]));
    }

    [Fact]
    public async Task CallAsync_UnknownLangOn16_IsNotChecked()
    {
        var odoo = Odoo(16);
        await using var client = new OdooClient(OdooClientTests.Options(), handler: odoo);
        await client.SearchCountAsync("product.product", OdooDomain.All, new OdooContext { Lang = "nl_NL" });
        Assert.DoesNotContain(odoo.Calls, c => c.Model == "res.lang");
    }

    [Fact]
    public async Task CallAsync_MalformedLang_IsRefused()
    {
        await using var client = new OdooClient(OdooClientTests.Options(), handler: Odoo(18));
        var e = await Assert.ThrowsAsync<OdooException>(() => client.SearchCountAsync("product.product", OdooDomain.All, new OdooContext { Lang = "dutch" }));
        Assert.Contains("xx_XX", e.Message);
    }

    [Theory]
    [InlineData(17, "warehouse")]
    [InlineData(18, "warehouse_id")]
    [InlineData(19, "warehouse_id")]
    public async Task CallAsync_WarehouseId_UsesTheVersionsKey(int version, string key)
    {
        var odoo = Odoo(version);
        await using var client = new OdooClient(OdooClientTests.Options(), handler: odoo);
        await client.SearchCountAsync("product.product", OdooDomain.All, new OdooContext { WarehouseId = 2, ActiveTest = false, AllowedCompanyIds = [1, 3] });
        var context = (OdooRecord)odoo.Calls.Single().Kwargs["context"]!;
        Assert.Equal(2L, context[key]);
        Assert.Equal(false, context["active_test"]);
        Assert.Equal([1L, 3L], context.GetIds("allowed_company_ids"));
    }
}
