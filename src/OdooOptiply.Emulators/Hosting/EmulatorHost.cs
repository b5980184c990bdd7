// A Kestrel server bound to 127.0.0.1 that hosts one emulator (Odoo or Optiply), in-process.
// Tests and the demo start it with port 0 and read the chosen address back from Url.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Emulators.Hosting;

public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly InFlight _inFlight;

    private EmulatorHost(WebApplication app, Uri url, InFlight inFlight)
    {
        _app = app;
        Url = url;
        _inFlight = inFlight;
    }

    /// <summary>The most requests this server has had in flight at once (faults' delays included): what a test of a
    /// client's concurrency or connection cap reads.</summary>
    public int InFlightHighWater => _inFlight.HighWater;

    private sealed class InFlight
    {
        private int _now, _high;
        public int HighWater => Volatile.Read(ref _high);

        public async Task InvokeAsync(Microsoft.AspNetCore.Http.HttpContext ctx, Func<Task> next)
        {
            var now = Interlocked.Increment(ref _now);
            for (var high = Volatile.Read(ref _high); now > high; high = Volatile.Read(ref _high))
                if (Interlocked.CompareExchange(ref _high, now, high) == high) break;
            try { await next(); }
            finally { Interlocked.Decrement(ref _now); }
        }
    }

    /// <summary>The base address, e.g. http://127.0.0.1:41234/ (always ends with a slash).</summary>
    public Uri Url { get; }

    /// <summary>
    /// Starts a server on 127.0.0.1:<paramref name="port"/> (0 = any free port). <paramref name="configure"/>
    /// maps the emulator's routes; <paramref name="faults"/> (optional) wraps every request; <paramref name="runs"/> (optional) records
    /// every request by the run that sent it.
    /// Binding beyond loopback needs <paramref name="bindAddress"/> set explicitly.
    /// </summary>
    public static async Task<EmulatorHost> StartAsync(
        Action<WebApplication> configure, int port = 0, FaultInjector? faults = null,
        string bindAddress = "127.0.0.1", LogLevel logLevel = LogLevel.Warning, CancellationToken ct = default, RunTraffic? runs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        // A start-up failure (a taken port) is thrown to the caller, who says it in one line; the host's own stack-trace log would repeat it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        if (logLevel < LogLevel.None) builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
            k.AllowSynchronousIO = false;
        });
        builder.WebHost.UseUrls($"http://{bindAddress}:{port}");
        builder.Services.AddRouting();
        // The default console lifetime swallows SIGTERM/Ctrl-C and waits for a host shutdown nobody
        // drives (the host is started, not run), so `emulate` never exited; the owner stops the host.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        var app = builder.Build();
        var inFlight = new InFlight();
        app.Use(inFlight.InvokeAsync);
        if (runs is not null) app.Use(runs.InvokeAsync); // outside the faults: a request answered by a fault is still a request of its run
        if (faults is not null) app.Use(faults.InvokeAsync);
        configure(app);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"), inFlight);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A host lifetime that leaves process signals alone: whoever started the host disposes it.</summary>
internal sealed class PassiveLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
