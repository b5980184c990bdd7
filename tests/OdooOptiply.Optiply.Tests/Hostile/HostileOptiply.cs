// A tiny Optiply impostor on a loopback Kestrel port: a working token endpoint (unless a test
// replaces it) and every API call answered with the hostile bytes a test scripts. It IS the network
// boundary, so the client is exercised over real HTTP.
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Optiply.Tests.Hostile;

internal sealed class HostileOptiply : IAsyncDisposable
{
    public const string Secret = "hostile-client-secret-4711";
    public const string Password = "hostile-password-0815";
    public const string Token = "hostile-bearer-token-1234";

    private readonly WebApplication _app;
    private int _hits;

    private HostileOptiply(WebApplication app) => _app = app;

    /// <summary>API requests (token requests excluded) that reached the hostile handler.</summary>
    public int Hits => Volatile.Read(ref _hits);
    public Uri Url { get; private set; } = null!;

    public static async Task<HostileOptiply> StartAsync(Func<HttpContext, Task> hostile, Func<HttpContext, Task>? token = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new HostileOptiply(app);
        app.Run(async c =>
        {
            if (c.Request.Path == "/oauth/token")
            {
                await (token ?? (x => Send(x, 200, "application/json", $$"""{"access_token":"{{Token}}","token_type":"bearer","expires_in":3600}""")))(c);
                return;
            }
            Interlocked.Increment(ref server._hits);
            await hostile(c);
        });
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First());
        return server;
    }

    public OptiplyClient Client(Func<OptiplyOptions, OptiplyOptions>? change = null) => new((change ?? (o => o))(new OptiplyOptions
    {
        BaseUrl = new Uri(Url, "v1"), TokenUrl = new Uri(Url, "oauth/token"),
        ClientId = "hostile-shop", ClientSecret = Secret, Username = "api_hostile", Password = Password,
        AccountId = 1, CouplingId = 2, RequestsPerSecond = 0, MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(3),
    }));

    public static Task Send(HttpContext c, int status, string contentType, string body)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = contentType;
        return c.Response.WriteAsync(body);
    }

    /// <summary>Fails clearly: an OptiplyException naming the problem, bounded attempts and time, no secret in it.</summary>
    public async Task<OptiplyException> FailsClearlyAsync(Func<Task> call, string expected, int maxAttempts = 4)
    {
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAnyAsync<OptiplyException>(call);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}"); // "not hung": a wide bound
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(Hits, 0, maxAttempts);
        foreach (var secret in new[] { Secret, Password, Token }) Assert.DoesNotContain(secret, e.ToString());
        return e;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
