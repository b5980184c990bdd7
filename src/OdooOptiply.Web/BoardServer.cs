// The board's web server, run inside the daemon as one of its hosted services: a Kestrel WebApplication of
// its own (so the daemon stays a plain generic host) on the --http address, with the pages
// (BoardEndpoints), /metrics (Prometheus scrape of the OdooOptiply meter), /healthz and /readyz
// (BoardHealth). It refuses to start on another address than loopback without a token.
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace OdooOptiply.Web;

/// <param name="Address">where to listen: "127.0.0.1:5080" (port 0: any free port)</param>
/// <param name="Token">the login token (ODOO_OPTIPLY_BOARD_TOKEN); null: read-only board, loopback only</param>
public sealed record BoardOptions(string Address, string? Token);

public sealed class BoardServer(BoardOptions options, IBoardDaemon daemon, SyncTelemetry telemetry, TimeProvider time, ILogger<BoardServer> log)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;
    private PushDebouncer? _push;

    /// <summary>The board's address once started (the real port when 0 was asked).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = BoardAuth.ParseAddress(options.Address);
        if (BoardAuth.Refusal(endpoint, options.Token) is { } refusal) throw new InvalidOperationException(refusal);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(BoardServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(daemon);
        builder.Services.AddSingleton(telemetry);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<BoardReader>();
        builder.Services.AddSingleton<ILogger<BoardServer>>(log);
        // Sessions end with the process: a restart asks operators to log in again (no key ring on disk to protect).
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAntiforgery(o => { o.Cookie.Name = "odoo-optiply-csrf"; o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict; });
        builder.Services.AddAuthentication(BoardAuth.Scheme).AddCookie(BoardAuth.Scheme, o =>
        {
            o.Cookie.Name = "odoo-optiply-board";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.LoginPath = "/login";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(SyncTelemetry.Name)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        BoardHealth.Add(builder.Services);
        _app = builder.Build();
        _app.UseAuthentication();
        BoardEndpoints.Map(_app, !IPAddress.IsLoopback(endpoint.Address));
        _app.MapPrometheusScrapingEndpoint("/metrics");
        BoardHealth.Map(_app);
        _push = new PushDebouncer(daemon, time, log);
        PushEndpoint.Map(_app, daemon, _push, log);
        await _app.StartAsync(cancellationToken);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        log.LogInformation("sync board at {Address}{Auth}", Address, options.Token is null ? " (read-only: set " + BoardAuth.TokenVariable + " to enable actions)" : "");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _push?.Dispose();
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }
}
