// An Odoo server on loopback: /xmlrpc/2/{common,object}, /jsonrpc, /json/2/<model>/<method> (19),
// /web/version, backed by an OdooDatabase seeded from a named data set, with optional fault injection.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo.Endpoints;
using OdooOptiply.Emulators.Seed;

namespace OdooOptiply.Emulators.Odoo;

public sealed class OdooEmulator : IAsyncDisposable
{
    /// <summary>The API key the emulator accepts (bearer for JSON-2, or as password over RPC). Test-only.</summary>
    public const string TestApiKey = "0d00e3a1a7e5f1d2c3b4a5968778695a4b3c2d1e";

    private readonly EmulatorHost _host;
    private long _requests;

    private OdooEmulator(EmulatorHost host, OdooDatabase data, FaultInjector faults, OdooEmulatorOptions options)
    {
        _host = host;
        Data = data;
        Faults = faults;
        Database = options.Database;
        Version = options.Version;
        ApiKey = options.ApiKey;
    }

    public Uri Url => _host.Url;
    public string Database { get; }
    public string Username => RpcService.Username;
    public string Password => RpcService.Password;
    public string ApiKey { get; }
    public OdooDatabase Data { get; }
    public FaultInjector Faults { get; }
    public long RequestCount => Interlocked.Read(ref _requests);
    /// <summary>The most requests in flight at once (see EmulatorHost.InFlightHighWater).</summary>
    public int InFlightHighWater => _host.InFlightHighWater;
    /// <summary>Every request by the odoo-optiply run that sent it (its run header), on the machine's clock (not the data clock).</summary>
    public RunTraffic Runs { get; private init; } = new(TimeProvider.System);
    public int Version { get; }

    public static async Task<OdooEmulator> StartAsync(OdooEmulatorOptions options, CancellationToken ct = default)
    {
        var data = new OdooDatabase(options.Version, options.Clock);
        OdooSeeds.Apply(data, options.Seed);
        var faults = new FaultInjector(options.Faults);
        OdooEmulator? self = null;
        var rpc = new RpcService(data, options, options.ApiKey);
        var runs = new RunTraffic(TimeProvider.System);
        var host = await EmulatorHost.StartAsync(app => Map(app, rpc, data, options, () => self!), options.Port, faults, options.BindAddress, ct: ct, runs: runs);
        self = new OdooEmulator(host, data, faults, options) { Runs = runs };
        return self;
    }

    private static void Map(WebApplication app, RpcService rpc, OdooDatabase data, OdooEmulatorOptions o, Func<OdooEmulator> self)
    {
        app.Use(async (ctx, next) =>
        {
            Interlocked.Increment(ref self()._requests);
            // The Date header from the emulator's own clock (as a real server's comes from its clock): a client that
            // takes its bookmarks from the server's time sees the same clock as the write_dates.
            ctx.Response.OnStarting(() =>
            {
                ctx.Response.Headers.Date = data.Orm.Clock.GetUtcNow().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next(ctx);
        });
        var v = data.Profile.Version;
        app.MapPost("/xmlrpc/2/{service}", (HttpContext ctx, string service) => XmlRpcEndpoint.HandleAsync(ctx, rpc, v, service));
        app.MapPost("/jsonrpc", (HttpContext ctx) => JsonRpcEndpoint.HandleAsync(ctx, rpc, v, data.Profile.JsonRpcErrorCode));
        if (data.Profile.HasJson2)
            app.MapPost("/json/2/{model}/{method}", (HttpContext ctx, string model, string method) =>
                Json2Endpoint.HandleAsync(ctx, rpc, data, o.Database, model, method));
        app.Map("/json/2/{**rest}", (HttpContext ctx) => NotFound(ctx, data.Profile.HasJson2));
        app.MapMethods("/web/version", ["GET", "POST"], (HttpContext ctx) => Responses.WriteAsync(ctx, 200, "application/json; charset=utf-8", true,
            w => Wire.PyJson.Write(w, new Dictionary<string, object?> { ["version_info"] = data.Profile.ServerVersionInfo, ["version"] = data.Profile.ServerVersion })));
        if (data.Profile.HasJson2)
            app.MapGet("/json/version", (HttpContext ctx) => Responses.WriteAsync(ctx, 200, "application/json; charset=utf-8", true,
                w => Wire.PyJson.Write(w, new Dictionary<string, object?> { ["version_info"] = data.Profile.ServerVersionInfo, ["version"] = data.Profile.ServerVersion })));
    }

    // JSON-2 only answers POST /json/2/<model>/<method>; before 19 the whole prefix is unknown.
    private static Task NotFound(HttpContext ctx, bool json2) => Responses.WriteAsync(ctx, 404, "text/html; charset=utf-8", false, w => w.Write(json2
        ? "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>Did you mean POST /json/2/&lt;model&gt;/&lt;method&gt;?</p>\n"
        : "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n"));

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
