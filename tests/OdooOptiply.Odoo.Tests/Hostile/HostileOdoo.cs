// An Odoo impostor on the kit's hostile server: it answers version and login correctly over XML-RPC,
// JSON-RPC and JSON-2 (a preamble, not counted), then answers every ORM call with the hostile bytes a test
// scripts. The byte-level answers (Bytes, Truncated) are the kit's HostileServer helpers.
using System.Text;
using Microsoft.AspNetCore.Http;
using OdooOptiply.TestKit;

namespace OdooOptiply.Odoo.Tests.Hostile;

internal sealed class HostileOdoo(HostileServer server) : IAsyncDisposable
{
    /// <summary>ORM calls (execute_kw / JSON-2 calls) that reached the hostile handler: one per attempt.</summary>
    public int Hits => server.Hits;

    public Uri Url => server.Url;

    public static async Task<HostileOdoo> StartAsync(Func<HttpContext, Task> hostile, int version = 18) =>
        new(await HostileServer.StartAsync(hostile, c => HandshakeAsync(c, version)));

    private static async Task<bool> HandshakeAsync(HttpContext context, int version)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var path = context.Request.Path.Value ?? "";
        if (path == "/web/version") { await Json(context, $$"""{"version":"{{version}}.0","version_info":[{{version}},0,0,"final",0,""]}"""); return true; }
        if (path == "/xmlrpc/2/common") { await Xml(context, body.Contains("authenticate") ? "<int>2</int>" : VersionStruct(version)); return true; }
        if (path == "/jsonrpc" && body.Contains("\"common\""))
        {
            await Json(context, body.Contains("\"authenticate\"") ? """{"jsonrpc":"2.0","id":1,"result":2}"""
                : "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"server_version\":\"" + version + ".0\",\"server_version_info\":[" + version + ",0,0,\"final\",0,\"\"],\"protocol_version\":1}}");
            return true;
        }
        if (path == "/json/2/res.users/context_get") { await Json(context, """{"uid":2,"lang":"en_US"}"""); return true; }
        return false;
    }

    /// <summary>A client with quick retries and a short timeout, so bounded-time assertions stay cheap.</summary>
    public OdooClient Client(OdooProtocol protocol, Func<OdooOptions, OdooOptions>? change = null)
    {
        var options = new OdooOptions
        {
            Url = Url, Database = "db", Username = "admin", Password = "hostile-test-password", ApiKey = "hostile-test-api-key",
            Protocol = protocol, MaxRetries = 5, BackoffBase = TimeSpan.FromMilliseconds(1), BackoffFactor = 1, Timeout = TimeSpan.FromSeconds(3),
        };
        return new OdooClient(change is null ? options : change(options));
    }

    public static Task Json(HttpContext c, string json, int status = 200) => HostileServer.Send(c, status, "application/json", json);

    /// <summary>An XML-RPC methodResponse holding one value.</summary>
    public static Task Xml(HttpContext c, string value) =>
        HostileServer.Send(c, 200, "text/xml", $"<?xml version='1.0'?>\n<methodResponse><params><param><value>{value}</value></param></params></methodResponse>");

    private static string VersionStruct(int v) =>
        $"<struct><member><name>server_version</name><value><string>{v}.0</string></value></member>" +
        $"<member><name>server_version_info</name><value><array><data><value><int>{v}</int></value><value><int>0</int></value></data></array></value></member>" +
        "<member><name>protocol_version</name><value><int>1</int></value></member></struct>";

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
