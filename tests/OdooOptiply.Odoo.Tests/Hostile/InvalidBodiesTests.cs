// Hostile and broken answers from Odoo over real HTTP: pages that are not Odoo's, bodies cut off,
// empty or not UTF-8, and a redirect to the login page. Each fails clearly, retried at most twice.
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OdooOptiply.Odoo.Tests.Hostile;

public sealed class InvalidBodiesTests
{
    private const string LoginPage = "<!DOCTYPE html><html><head><title>Login | Odoo</title></head><body><form action='/web/login'>Log in</form></body></html>";
    private const string ProxyPage = "<html><body><h1>Maintenance</h1><p>Our ERP is being upgraded, back soon.</p></body></html>";

    private static Task Search(OdooClient c) => c.SearchAsync("res.partner", OdooDomain.All);

    [Theory]
    [InlineData(OdooProtocol.JsonRpc, "not valid JSON")]
    [InlineData(OdooProtocol.XmlRpc, "invalid XML-RPC response")]
    [InlineData(OdooProtocol.Json2, "not valid JSON")]
    public async Task HtmlPageWithStatus200_EachProtocol_FailsAsInvalidAfterAtMostTwoRetries(OdooProtocol protocol, string expected)
    {
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Bytes(c, Encoding.UTF8.GetBytes(ProxyPage), "text/html"), version: 19);
        await using var client = server.Client(protocol);
        var e = await HostileAssert.FailsClearlyAsync(server, () => Search(client), expected);
        Assert.True(e.InvalidResponse);
    }

    [Theory]
    [InlineData(OdooProtocol.JsonRpc, "application/json", """{"jsonrpc":"2.0","id":1,"result":[1,2,3,""")]
    [InlineData(OdooProtocol.XmlRpc, "text/xml", "<?xml version='1.0'?><methodResponse><params><param><value><array><data><value><int>1</int>")]
    public async Task TruncatedBody_ConnectionDroppedMidAnswer_FailsWithinBound(OdooProtocol protocol, string contentType, string start)
    {
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Truncated(c, contentType, start));
        await using var client = server.Client(protocol);
        // A cut-off body is a broken connection or an invalid answer: either way retried a bounded number of times.
        await HostileAssert.FailsClearlyAsync(server, () => Search(client), "", maxAttempts: 6);
    }

    [Fact]
    public async Task CompleteButUnterminatedJson_Status200_SaysTheAnswerIsNotValidJson()
    {
        await using var server = await HostileOdoo.StartAsync(c => HostileOdoo.Json(c, """{"jsonrpc":"2.0","id":1,"result":[1,2"""));
        await using var client = server.Client(OdooProtocol.JsonRpc);
        await HostileAssert.FailsClearlyAsync(server, () => Search(client), "not valid JSON");
    }

    [Theory]
    [InlineData(OdooProtocol.JsonRpc, "not valid JSON")]
    [InlineData(OdooProtocol.XmlRpc, "invalid XML-RPC response")]
    [InlineData(OdooProtocol.Json2, "not valid JSON")]
    public async Task EmptyBody_Status200_FailsAsInvalid(OdooProtocol protocol, string expected)
    {
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Bytes(c, [], "application/json"), version: 19);
        await using var client = server.Client(protocol);
        await HostileAssert.FailsClearlyAsync(server, () => Search(client), expected);
    }

    [Fact]
    public async Task InvalidUtf8_InJsonRpcString_FailsAsInvalidJson()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"result":[{"id":1,"name":"AB"}]}""");
        var at = Array.IndexOf(bytes, (byte)'A');
        bytes[at] = 0xC3; bytes[at + 1] = 0x28; // a lead byte followed by a non-continuation byte
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Bytes(c, bytes, "application/json"));
        await using var client = server.Client(OdooProtocol.JsonRpc);
        await HostileAssert.FailsClearlyAsync(server, () => client.CallAsync("res.partner", "search_read", [new object[0]]), "not valid JSON");
    }

    [Fact]
    public async Task InvalidUtf8_InXmlRpcString_FailsAsMalformedXml()
    {
        var bytes = Encoding.UTF8.GetBytes("<?xml version='1.0'?><methodResponse><params><param><value><string>AB</string></value></param></params></methodResponse>");
        var at = Array.IndexOf(bytes, (byte)'A');
        bytes[at] = 0xFF; bytes[at + 1] = 0xFE;
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Bytes(c, bytes, "text/xml"));
        await using var client = server.Client(OdooProtocol.XmlRpc);
        await HostileAssert.FailsClearlyAsync(server, () => client.CallAsync("res.partner", "name_get", [new object[] { 1L }]), "malformed XML");
    }

    [Theory]
    [InlineData(OdooProtocol.JsonRpc)]
    [InlineData(OdooProtocol.XmlRpc)]
    [InlineData(OdooProtocol.Json2)]
    public async Task RedirectToLoginPage_SaysSoAndIsNotRetried(OdooProtocol protocol)
    {
        await using var server = await HostileOdoo.StartAsync(c =>
        {
            if (c.Request.Path == "/web/login") return HostileServer.Bytes(c, Encoding.UTF8.GetBytes(LoginPage), "text/html");
            c.Response.StatusCode = StatusCodes.Status303SeeOther;
            c.Response.Headers.Location = "/web/login?redirect=%2Fjsonrpc";
            return Task.CompletedTask;
        }, version: 19);
        await using var client = server.Client(protocol);
        var e = await HostileAssert.FailsClearlyAsync(server, () => Search(client), "/web/login", maxAttempts: 1);
        Assert.Equal(Outcome.Fatal, e.Outcome);
        Assert.Contains("redirect", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnswerSlowerThanTimeout_FailsWithTimeoutMessage_WithinBound()
    {
        await using var server = await HostileOdoo.StartAsync(async c => { await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted).ContinueWith(_ => { }); });
        await using var client = server.Client(OdooProtocol.JsonRpc, o => o with { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 2 });
        await HostileAssert.FailsClearlyAsync(server, () => Search(client), "no complete answer within 0.3 s");
    }
}
