// Errors whose shape is not what Odoo normally sends (JSON-RPC error objects that are strings or
// lists, JSON-2 error bodies that are arrays, numbers or plain text): still one clear OdooException.
namespace OdooOptiply.Odoo.Tests.Hostile;

public sealed class ErrorShapesTests
{
    private static Task Search(OdooClient c) => c.SearchAsync("res.partner", OdooDomain.All);

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":"database is locked for maintenance"}""", "database is locked for maintenance")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":"two hundred","message":"Odoo Server Error","data":["not","an","object"]}}""", "Odoo Server Error")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{}}""", "unknown JSON-RPC error")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":null}""", "JSON-RPC")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", "neither result nor error")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"result":[]}]""", "not a JSON-RPC object")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":200,"message":"Odoo Server Error","data":{"name":42,"message":["x"],"debug":"Traceback (most recent call last):\n  File \"x\"\nKeyError: 'zz'"}}}""", "KeyError")]
    public async Task JsonRpcErrorOfUnexpectedShape_GivesOneClearException(string body, string expected)
    {
        await using var server = await HostileOdoo.StartAsync(c => HostileOdoo.Json(c, body));
        await using var client = server.Client(OdooProtocol.JsonRpc);
        await HostileAssert.FailsClearlyAsync(server, () => Search(client), expected);
    }

    [Theory]
    [InlineData(500, "application/json", """["boom"]""", "HTTP 500")]
    [InlineData(422, "application/json", """{"name":"odoo.exceptions.UserError","message":42}""", "HTTP 422")]
    [InlineData(400, "application/json", "{not json", "not valid JSON")]
    [InlineData(401, "text/plain", "bearer token rejected", "bearer token rejected")]
    [InlineData(403, "application/json", "null", "HTTP 403")]
    public async Task Json2ErrorOfUnexpectedShape_GivesOneClearException(int status, string contentType, string body, string expected)
    {
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Bytes(c, System.Text.Encoding.UTF8.GetBytes(body), contentType, status), version: 19);
        await using var client = server.Client(OdooProtocol.Json2);
        await HostileAssert.FailsClearlyAsync(server, () => Search(client), expected);
    }

    [Fact]
    public async Task XmlRpcFaultWithoutFaultString_GivesOneClearException()
    {
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Bytes(c, System.Text.Encoding.UTF8.GetBytes(
            "<?xml version='1.0'?><methodResponse><fault><value><struct><member><name>faultCode</name><value><string>weird</string></value></member></struct></value></fault></methodResponse>"), "text/xml"));
        await using var client = server.Client(OdooProtocol.XmlRpc);
        await HostileAssert.FailsClearlyAsync(server, () => Search(client), "Odoo res.partner.search failed");
    }
}
