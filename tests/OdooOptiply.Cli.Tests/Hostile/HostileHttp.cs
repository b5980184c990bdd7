// A loopback Kestrel server answering every request with the same hostile reply (status, type, body),
// for the command-line hostile-input tests.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Cli.Tests.Hostile;

internal sealed class HostileHttp(WebApplication app) : IAsyncDisposable
{
    public Uri Url { get; } = new(app.Urls.First());
    public int Hits;

    public static async Task<HostileHttp> StartAsync(Func<HttpContext, Task> reply)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        HostileHttp? server = null;
        app.Run(c => { Interlocked.Increment(ref server!.Hits); return reply(c); });
        await app.StartAsync();
        return server = new HostileHttp(app);
    }

    public static Func<HttpContext, Task> Always(int status, string contentType, string body) => c =>
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = contentType;
        return c.Response.WriteAsync(body);
    };

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
