// A tiny Odoo impostor on a loopback Kestrel port: it answers version and login correctly over
// XML-RPC, JSON-RPC and JSON-2, then answers every ORM call with the hostile bytes a test scripts.
// It IS the network boundary, so the client is exercised over real HTTP, sockets included.
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Odoo.Tests.Hostile;

internal sealed class HostileOdoo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    private HostileOdoo(WebApplication app) => _app = app;

    /// <summary>ORM calls (execute_kw / JSON-2 calls) that reached the hostile handler: one per attempt.</summary>
    public int Hits => Volatile.Read(ref _hits);

    public Uri Url { get; private set; } = null!;

    public static async Task<HostileOdoo> StartAsync(Func<HttpContext, Task> hostile, int version = 18)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new HostileOdoo(app);
        app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            var path = context.Request.Path.Value ?? "";
            if (path == "/web/version") { await Json(context, $$"""{"version":"{{version}}.0","version_info":[{{version}},0,0,"final",0,""]}"""); return; }
            if (path == "/xmlrpc/2/common") { await Xml(context, body.Contains("authenticate") ? "<int>2</int>" : VersionStruct(version)); return; }
            if (path == "/jsonrpc" && body.Contains("\"common\""))
            {
                await Json(context, body.Contains("\"authenticate\"") ? """{"jsonrpc":"2.0","id":1,"result":2}"""
                    : "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"server_version\":\"" + version + ".0\",\"server_version_info\":[" + version + ",0,0,\"final\",0,\"\"],\"protocol_version\":1}}");
                return;
            }
            if (path == "/json/2/res.users/context_get") { await Json(context, """{"uid":2,"lang":"en_US"}"""); return; }
            Interlocked.Increment(ref server._hits);
            await hostile(context);
        });
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First());
        return server;
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

    public static Task Json(HttpContext c, string json, int status = 200) => Bytes(c, Encoding.UTF8.GetBytes(json), "application/json", status);

    public static Task Xml(HttpContext c, string value) =>
        Bytes(c, Encoding.UTF8.GetBytes($"<?xml version='1.0'?>\n<methodResponse><params><param><value>{value}</value></param></params></methodResponse>"), "text/xml");

    public static async Task Bytes(HttpContext c, byte[] bytes, string contentType, int status = 200)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = contentType;
        await c.Response.Body.WriteAsync(bytes);
    }

    /// <summary>Declares a longer body than it sends, then drops the connection: a body cut off mid-way.</summary>
    public static async Task Truncated(HttpContext c, string contentType, string start)
    {
        var bytes = Encoding.UTF8.GetBytes(start);
        c.Response.ContentType = contentType;
        c.Response.ContentLength = bytes.Length + 500;
        await c.Response.Body.WriteAsync(bytes);
        await c.Response.Body.FlushAsync();
        c.Abort();
    }

    private static string VersionStruct(int v) =>
        $"<struct><member><name>server_version</name><value><string>{v}.0</string></value></member>" +
        $"<member><name>server_version_info</name><value><array><data><value><int>{v}</int></value><value><int>0</int></value></data></array></value></member>" +
        "<member><name>protocol_version</name><value><int>1</int></value></member></struct>";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
