// Middleware that answers a seeded share of requests with transient faults (see FaultOptions).
// Options can be swapped at run time (tests switch faults on and off); counts tell what was injected.
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OdooOptiply.Emulators.Hosting;

public sealed class FaultInjector
{
    private readonly object _gate = new();
    private Random _random;
    private FaultOptions _options;

    public FaultInjector(FaultOptions? options = null)
    {
        _options = options ?? new FaultOptions();
        _random = new Random(_options.Seed);
    }

    public FaultOptions Options
    {
        get { lock (_gate) return _options; }
        set { lock (_gate) { _options = value; _random = new Random(value.Seed); } }
    }

    /// <summary>How many faults of each kind were injected ("429", "502", "reset", …).</summary>
    public ConcurrentDictionary<string, int> Injected { get; } = new();

    public int TotalInjected => Injected.Values.Sum();

    private enum Fault { None, TooMany, Gateway, Reset, Slow, Truncate, Html }

    private (Fault Fault, int Status, FaultOptions Options) Draw(PathString path)
    {
        lock (_gate)
        {
            var o = _options;
            if (!o.Any || (o.PathPrefix is not null && !path.StartsWithSegments(o.PathPrefix))) return (Fault.None, 0, o);
            var x = _random.NextDouble();
            var status = 502 + _random.Next(3);
            if ((x -= o.TooManyRequests) < 0) return (Fault.TooMany, 429, o);
            if ((x -= o.BadGateway) < 0) return (Fault.Gateway, status, o);
            if ((x -= o.ResetConnection) < 0) return (Fault.Reset, 0, o);
            if ((x -= o.Slow) < 0) return (Fault.Slow, 0, o);
            if ((x -= o.Truncate) < 0) return (Fault.Truncate, 0, o);
            if ((x -= o.HtmlPage) < 0) return (Fault.Html, 200, o);
            return (Fault.None, 0, o);
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var (fault, status, o) = Draw(context.Request.Path);
        switch (fault)
        {
            case Fault.None:
                await next(context);
                return;
            case Fault.TooMany:
                Count("429");
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = o.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsync("Too Many Requests");
                return;
            case Fault.Gateway:
                Count(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync($"<html><body><h1>{status} Bad Gateway</h1>nginx</body></html>");
                return;
            case Fault.Reset:
                Count("reset");
                context.Abort();
                return;
            case Fault.Slow:
                Count("slow");
                try { await Task.Delay(o.SlowDelay, context.RequestAborted); } catch (OperationCanceledException) { return; }
                await next(context);
                return;
            case Fault.Truncate:
                Count("truncate");
                await TruncatedAsync(context, next);
                return;
            case Fault.Html:
                Count("html");
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<!DOCTYPE html><html><head><title>Odoo</title></head><body><p>Service temporarily unavailable, please log in again.</p></body></html>");
                return;
        }
    }

    private void Count(string kind) => Injected.AddOrUpdate(kind, 1, (_, n) => n + 1);

    // Runs the real handler into a buffer, sends the headers and the first half of the body, then aborts.
    private static async Task TruncatedAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        await next(context);
        context.Response.Body = original;
        var bytes = buffer.ToArray();
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await original.FlushAsync();
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Abort();
    }
}
