// The one hostile-server kit: a loopback Kestrel server answering with whatever bytes a test scripts. It IS
// the network boundary, so clients are exercised over real HTTP, sockets included. A protocol's handshake
// (Odoo's version and login, Optiply's token) is a preamble that answers first and is not counted in Hits.
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.TestKit;

public sealed class HostileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    private HostileServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests that reached the scripted reply (the preamble's excluded): one per attempt.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <param name="reply">The scripted answer to every request the preamble did not answer.</param>
    /// <param name="preamble">Answers a protocol's handshake; returns true when it did (then the reply is not called).</param>
    public static async Task<HostileServer> StartAsync(Func<HttpContext, Task> reply, Func<HttpContext, Task<bool>>? preamble = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new HostileServer(app);
        app.Run(async c =>
        {
            if (preamble is not null && await preamble(c)) return;
            Interlocked.Increment(ref server._hits);
            await reply(c);
        });
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First());
        return server;
    }

    /// <summary>The same answer to every request.</summary>
    public static Func<HttpContext, Task> Always(int status, string contentType, string body) => c => Send(c, status, contentType, body);

    public static Task Send(HttpContext c, int status, string contentType, string body) => Bytes(c, Encoding.UTF8.GetBytes(body), contentType, status);

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

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
