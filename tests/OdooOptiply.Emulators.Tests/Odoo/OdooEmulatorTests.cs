// The emulator over real HTTP for the cases the captures do not cover: context checks (lang,
// companies), private and unknown methods, create/write through XML-RPC, large integers, JSON-2
// argument binding, /web/version, and the request counter.
using System.Text;
using System.Text.Json;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Odoo.Wire;

namespace OdooOptiply.Emulators.Tests.Odoo;

public sealed class OdooEmulatorTests : IAsyncLifetime
{
    private OdooEmulator _odoo18 = null!;
    private OdooEmulator _odoo19 = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _odoo18 = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        _odoo19 = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 19, Database = "optiply_demo19" });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _odoo18.DisposeAsync();
        await _odoo19.DisposeAsync();
    }

    private async Task<(int? Code, string? Fault, object? Result)> ExecuteKw(OdooEmulator odoo, string model, string method, List<object?> args, Dictionary<string, object?>? kwargs = null)
    {
        var call = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>execute_kw</methodName>\n<params>\n");
        foreach (var p in new object?[] { odoo.Database, 2L, odoo.Password, model, method, args, kwargs ?? new Dictionary<string, object?>() })
        {
            var w = new StringWriter();
            XmlRpcWriter.WriteValue(w, p);
            call.Append("<param>\n").Append(w).Append("</param>\n");
        }
        call.Append("</params>\n</methodCall>\n");
        using var response = await _http.PostAsync(new Uri(odoo.Url, "xmlrpc/2/object"), new StringContent(call.ToString(), Encoding.UTF8, "text/xml"));
        return ReferenceCaptures.ParseXmlResponse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExecuteKw_UninstalledLangOn18_FaultsWithCode2()
    {
        var r = await ExecuteKw(_odoo18, "product.product", "search_count", [new List<object?>()], new() { ["context"] = new Dictionary<string, object?> { ["lang"] = "fr_FR" } });
        Assert.Equal(2, r.Code);
        Assert.Equal("Invalid language code: fr_FR", r.Fault);
    }

    [Fact]
    public async Task ExecuteKw_UnknownCompany_FaultsWithAccessError()
    {
        var r = await ExecuteKw(_odoo18, "product.product", "search_count", [new List<object?>()], new() { ["context"] = new Dictionary<string, object?> { ["allowed_company_ids"] = new List<object?> { 99L } } });
        Assert.Equal(4, r.Code);
    }

    [Fact]
    public async Task ExecuteKw_PrivateMethod_FaultsWithCode4()
    {
        var r = await ExecuteKw(_odoo18, "product.product", "_compute_quantities", [new List<object?> { 1L }]);
        Assert.Equal(4, r.Code);
        Assert.Contains("cannot be called remotely", r.Fault);
    }

    [Fact]
    public async Task ExecuteKw_UnknownMethod_FaultsWithAttributeErrorTraceback()
    {
        var r = await ExecuteKw(_odoo18, "product.product", "no_such_method", [new List<object?> { 1L }]);
        Assert.Equal(1, r.Code);
        Assert.StartsWith("Traceback (most recent call last):", r.Fault);
        Assert.StartsWith("AttributeError: ", r.Fault!.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task ExecuteKw_NameGetOn18_IsGoneButOn17Exists()
    {
        var r = await ExecuteKw(_odoo18, "res.partner", "name_get", [new List<object?> { 4L }]);
        Assert.Equal(1, r.Code);
    }

    [Fact]
    public async Task ExecuteKw_CreateAndWriteThroughXmlRpc_StampAndReturnLikeOdoo()
    {
        var created = await ExecuteKw(_odoo18, "res.partner", "create", [new Dictionary<string, object?> { ["name"] = "New Vendor", ["supplier_rank"] = 1L }]);
        var id = Assert.IsType<long>(created.Result);
        var many = await ExecuteKw(_odoo18, "res.partner", "create", [new List<object?> { new Dictionary<string, object?> { ["name"] = "A" }, new Dictionary<string, object?> { ["name"] = "B" } }]);
        Assert.Equal(2, Assert.IsType<List<object?>>(many.Result).Count);
        var written = await ExecuteKw(_odoo18, "res.partner", "write", [new List<object?> { id }, new Dictionary<string, object?> { ["email"] = " Vendor@Example.COM " }]);
        Assert.Equal(true, written.Result);
        var read = await ExecuteKw(_odoo18, "res.partner", "read", [new List<object?> { id }], new() { ["fields"] = new List<object?> { "email_normalized", "write_date", "parent_id" } });
        var rec = (IReadOnlyDictionary<string, object?>)((List<object?>)read.Result!)[0]!;
        Assert.Equal("vendor@example.com", rec["email_normalized"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", (string)rec["write_date"]!);
        Assert.Equal(false, rec["parent_id"]);
    }

    [Fact]
    public async Task ExecuteKw_IsoDatetime_FaultsWithValueError()
    {
        var r = await ExecuteKw(_odoo18, "purchase.order", "create", [new Dictionary<string, object?> { ["partner_id"] = 4L, ["date_order"] = "2025-01-01T10:00:00" }]);
        Assert.Equal(1, r.Code);
        Assert.Contains("does not match format", r.Fault);
    }

    [Fact]
    public async Task ExecuteKw_IntegerFieldPast32Bits_IsSentAsDouble()
    {
        _odoo18.Data.Write("product.supplierinfo", [1], new Dictionary<string, object?> { ["delay"] = 3_000_000_000L });
        var r = await ExecuteKw(_odoo18, "product.supplierinfo", "read", [new List<object?> { 1L }], new() { ["fields"] = new List<object?> { "delay" } });
        Assert.Equal(3e9, ((IReadOnlyDictionary<string, object?>)((List<object?>)r.Result!)[0]!)["delay"]);
    }

    [Fact]
    public async Task Json2_CreateThenWrite_UsesNamedArgumentsAndReturnsIdList()
    {
        using var create = await Json2("res.partner/create", """{"vals_list": {"name": "JSON-2 Vendor"}}""");
        Assert.Equal(200, (int)create.StatusCode);
        var ids = JsonDocument.Parse(await create.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Array, ids.ValueKind);
        using var write = await Json2("res.partner/write", "{\"ids\": [" + ids[0] + "], \"vals\": {\"phone\": \"1\"}}");
        Assert.Equal("true", await write.Content.ReadAsStringAsync());
        using var bad = await Json2("res.partner/search_count", """{"domain": [], "nonsense": 1}""");
        Assert.Equal(422, (int)bad.StatusCode);
        using var withIds = await Json2("res.partner/search_count", """{"ids": [1], "domain": []}""");
        Assert.Equal(422, (int)withIds.StatusCode);
    }

    private Task<HttpResponseMessage> Json2(string route, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_odoo19.Url, "json/2/" + route)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("bearer", _odoo19.ApiKey);
        return _http.SendAsync(request);
    }

    [Fact]
    public async Task WebVersion_AnswersVersionInfo_AndRequestsAreCounted()
    {
        var before = _odoo19.RequestCount;
        var json = await _http.GetStringAsync(new Uri(_odoo19.Url, "web/version"));
        Assert.Equal("""{"version_info": [19, 0, 0, "final", 0, ""], "version": "19.0"}""", json);
        Assert.Equal(before + 1, _odoo19.RequestCount);
    }
}
