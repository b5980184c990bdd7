// The three transports against every captured answer of real Odoo 18/19 servers, replayed at the
// HTTP boundary: values decode, faults map to the right outcome, and requests have the captured shape.
using System.Text.Json;
using OdooOptiply.Odoo.Tests.TestSupport;
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Odoo.Tests.Transport;

public class TransportCapturesTests
{
    private static OdooOptions Options(string version) => new()
    {
        Url = new Uri("http://odoo.test/"), Database = version == "18" ? "optiply_demo" : "optiply_demo19",
        Username = "admin", Password = "admin", ApiKey = "k3y-for-json2",
    };

    private static IOdooTransport Transport(OdooProtocol protocol, string version, ReplayHandler handler)
    {
        var o = Options(version);
        var http = new OdooHttp(o, handler, null, TimeProvider.System);
        return protocol switch
        {
            OdooProtocol.XmlRpc => new XmlRpcTransport(o, http),
            OdooProtocol.JsonRpc => new JsonRpcTransport(o, http),
            _ => new Json2Transport(o, http),
        };
    }

    public static IEnumerable<object[]> JsonRpcCaptures() =>
        Reference.Files("jsonrpc-samples", n => n.EndsWith(".json", StringComparison.Ordinal) && !n.EndsWith(".request.json", StringComparison.Ordinal));

    public static IEnumerable<object[]> Json2Captures() =>
        Reference.Files("json2-samples", n => n.EndsWith(".json", StringComparison.Ordinal) && !n.EndsWith(".request.json", StringComparison.Ordinal));

    public static IEnumerable<object[]> XmlRpcObjectCaptures() =>
        Reference.Files("xmlrpc-samples", n => n.EndsWith(".xml", StringComparison.Ordinal) && !n.EndsWith(".request.xml", StringComparison.Ordinal) && !n.StartsWith("common_", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(JsonRpcCaptures))]
    public async Task JsonRpcTransport_CapturedAnswer_DecodesOrMapsTheFault(string version, string file)
    {
        var path = Reference.Odoo(version, "jsonrpc-samples", file);
        var handler = ReplayHandler.FromCapture(path);
        var transport = Transport(OdooProtocol.JsonRpc, version, handler);
        var name = Path.GetFileNameWithoutExtension(file);
        if (name == "common_version")
        {
            Assert.Equal(int.Parse(version), (await transport.VersionAsync(default)).Major);
            return;
        }
        var call = new OdooCall("product.product", "search_read", [Array.Empty<object>()], new Dictionary<string, object?> { ["fields"] = new[] { "default_code" }, ["limit"] = 5 });
        switch (name)
        {
            case "fault_nonexistent_field":
                var f = await Assert.ThrowsAsync<OdooFieldException>(() => transport.ExecuteAsync(call, 2, default));
                Assert.Equal("x_does_not_exist", f.FieldName);
                Assert.Equal(version == "18" ? 200 : 0, f.FaultCode);
                break;
            case "fault_wrong_password":
                var e = await Assert.ThrowsAsync<OdooException>(() => transport.ExecuteAsync(call, 2, default));
                Assert.Equal(Outcome.Fatal, e.Outcome);
                Assert.Equal("odoo.exceptions.AccessDenied", e.ErrorName);
                Assert.Equal("Access Denied", e.ServerMessage);
                break;
            default:
                var records = Assert.IsAssignableFrom<IReadOnlyList<object?>>((await transport.ExecuteAsync(call, 2, default)).Value);
                Assert.Equal(5, records.Count);
                Assert.All(records, r => Assert.True(((OdooRecord)r!).Id > 0));
                break;
        }
        AssertSameShape(await File.ReadAllTextAsync(Path.ChangeExtension(path, null) + ".request.json"), handler.LastBody, "params.service", "params.method");
    }

    [Theory]
    [MemberData(nameof(Json2Captures))]
    public async Task Json2Transport_CapturedAnswer_DecodesOrMapsTheStatus(string version, string file)
    {
        var path = Reference.Odoo(version, "json2-samples", file);
        var handler = ReplayHandler.FromCapture(path);
        var transport = Transport(OdooProtocol.Json2, version, handler);
        var request = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(path, null) + ".request.json")).RootElement;
        var kwargs = request.EnumerateObject().ToDictionary(p => p.Name, p => OdooJson.ToValue(p.Value));
        var name = Path.GetFileNameWithoutExtension(file);
        var (model, method) = name switch
        {
            "product_product_read_ids" => ("product.product", "read"),
            "product_product_search_count" or "error_unknown_model" or "error_no_auth" or "error_bad_key" => (name == "error_unknown_model" ? "x.no.such.model" : "product.product", "search_count"),
            "res_users_context_get" => ("res.users", "context_get"),
            "purchase_order_search_read_limit3" => ("purchase.order", "search_read"),
            _ => ("product.product", "search_read"),
        };
        var call = new OdooCall(model, method, [], kwargs);
        switch (name)
        {
            case "error_nonexistent_field":
                Assert.Equal("x_does_not_exist", (await Assert.ThrowsAsync<OdooFieldException>(() => transport.ExecuteAsync(call, 0, default))).FieldName);
                break;
            case "error_unknown_model" or "error_no_auth" or "error_bad_key":
                var e = await Assert.ThrowsAsync<OdooException>(() => transport.ExecuteAsync(call, 0, default));
                Assert.Equal(Outcome.Fatal, e.Outcome);
                Assert.Equal(name == "error_unknown_model" ? 404 : 401, e.HttpStatus);
                Assert.DoesNotContain("Traceback", e.Message);
                break;
            case "product_product_search_count":
                Assert.Equal(161L, (await transport.ExecuteAsync(call, 0, default)).Value);
                break;
            case "res_users_context_get":
                Assert.Equal(2L, await transport.AuthenticateAsync(default));
                break;
            default:
                var records = Assert.IsAssignableFrom<IReadOnlyList<object?>>((await transport.ExecuteAsync(call, 0, default)).Value);
                Assert.NotEmpty(records);
                break;
        }
        var sent = handler.Sent[^1].Request;
        Assert.Equal($"bearer k3y-for-json2", sent.Headers.Authorization?.ToString());
        Assert.Equal("optiply_demo19", sent.Headers.GetValues("X-Odoo-Database").Single());
        Assert.NotNull(handler.Sent[^1].Request.Content?.Headers.ContentLength);
    }

    [Theory]
    [MemberData(nameof(XmlRpcObjectCaptures))]
    public async Task XmlRpcTransport_CapturedAnswer_DecodesOrMapsTheFault(string version, string file)
    {
        var handler = ReplayHandler.FromCapture(Reference.Odoo(version, "xmlrpc-samples", file));
        var transport = Transport(OdooProtocol.XmlRpc, version, handler);
        var call = new OdooCall("product.product", "search_read", [Array.Empty<object>()]);
        var expected = Path.GetFileNameWithoutExtension(file) switch
        {
            "fault_nonexistent_field" or "fault_nonexistent_field_in_domain" => Outcome.Rejected,
            "fault_unknown_model" or "fault_wrong_password" => Outcome.Fatal,
            _ => (Outcome?)null,
        };
        if (expected is null) Assert.NotNull((await transport.ExecuteAsync(call, 2, default)).Value);
        else Assert.Equal(expected, (await Assert.ThrowsAnyAsync<OdooException>(() => transport.ExecuteAsync(call, 2, default))).Outcome);
    }

    [Fact]
    public void Json2Arguments_OrmMethods_AreNamed()
    {
        var named = Json2Arguments.Name(new OdooCall("product.product", "search_read", [new object[0], new[] { "name" }, 0, 5, "id asc"]));
        Assert.Equal(["domain", "fields", "offset", "limit", "order"], named.Keys);
        Assert.Equal(["ids", "vals"], Json2Arguments.Name(new OdooCall("p", "write", [new[] { 1L }, new Dictionary<string, object?>()])).Keys);
        Assert.Equal(["vals_list"], Json2Arguments.Name(new OdooCall("p", "create", [new object[] { new Dictionary<string, object?>() }])).Keys);
        Assert.Equal(["ids"], Json2Arguments.Name(new OdooCall("purchase.order", "button_confirm", [new[] { 7L }])).Keys);
    }

    [Fact]
    public void Json2Arguments_OtherMethodWithPositionalArgs_AsksForKwargs()
    {
        var e = Assert.Throws<ArgumentException>(() => Json2Arguments.Name(new OdooCall("x.model", "do_thing", [new[] { 1L }, "positional"])));
        Assert.Contains("named arguments only", e.Message);
        Assert.Contains("kwargs", e.Message);
    }

    // The request we send has the same structure as the one captured from a real client (ids aside).
    private static void AssertSameShape(string capturedJson, string sentJson, params string[] paths)
    {
        using var captured = JsonDocument.Parse(capturedJson);
        using var sent = JsonDocument.Parse(sentJson);
        Assert.Equal("2.0", sent.RootElement.GetProperty("jsonrpc").GetString());
        foreach (var path in paths)
        {
            JsonElement Walk(JsonElement e) => path.Split('.').Aggregate(e, (x, p) => x.GetProperty(p));
            Assert.Equal(Walk(captured.RootElement).GetString(), Walk(sent.RootElement).GetString());
        }
        // execute_kw: db, uid, secret, model, method, args and (always, possibly empty) kwargs.
        var capturedArgs = captured.RootElement.GetProperty("params").GetProperty("args");
        var sentArgs = sent.RootElement.GetProperty("params").GetProperty("args");
        Assert.Equal(7, sentArgs.GetArrayLength());
        Assert.Equal(capturedArgs[0].GetString(), sentArgs[0].GetString());
        Assert.Equal(capturedArgs[3].GetString(), sentArgs[3].GetString());
    }
}
