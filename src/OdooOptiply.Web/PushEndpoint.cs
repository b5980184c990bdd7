// POST /webhooks/odoo/{tenant}: where Odoo's "Send Webhook Notification" actions call (rules installed by
// `doctor --install-webhooks`). The tenant's secret (state store key push.webhook_secret) comes in the query
// (?secret=, Odoo sends no custom headers) or the X-Odoo-Optiply-Secret header, compared in constant time;
// missing → 401, wrong or unknown tenant → 403, logged without the secret and nothing run. The body's _model
// decides the affected streams; a model no stream reads is answered 202 and ignored. Mapped by BoardServer.
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OdooOptiply.Sync.Push;

namespace OdooOptiply.Web;

public static class PushEndpoint
{
    public const string Route = "/webhooks/odoo/{tenant}";

    public static void Map(IEndpointRouteBuilder app, IBoardDaemon daemon, PushDebouncer debouncer, ILogger log) =>
        app.MapPost(Route, (HttpContext ctx, string tenant) => HandleAsync(ctx, tenant, daemon, debouncer, log));

    public static async Task<IResult> HandleAsync(HttpContext ctx, string tenant, IBoardDaemon daemon, PushDebouncer debouncer, ILogger log)
    {
        var given = ctx.Request.Headers[PushModels.SecretHeader].FirstOrDefault() ?? ctx.Request.Query["secret"].FirstOrDefault();
        if (string.IsNullOrEmpty(given))
        {
            log.LogWarning("push: webhook for {Tenant} refused: no secret", tenant);
            return Results.Unauthorized();
        }
        string? expected = null;
        if (daemon.Tenants.Any(t => t.Name == tenant))
        {
            try { expected = await (await daemon.StoreAsync(tenant, ctx.RequestAborted)).GetValueAsync(PushModels.SecretKey, ctx.RequestAborted); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("push: webhook for {Tenant}: state store unavailable ({Error})", tenant, e.GetType().Name);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }
        if (!PushModels.SecretMatches(given, expected))
        {
            log.LogWarning("push: webhook for {Tenant} refused: wrong secret or no webhooks installed", tenant);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        string? model = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("_model", out var m) && m.ValueKind == JsonValueKind.String)
                model = m.GetString();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        var streams = PushModels.Affected(model);
        if (streams.Count == 0) return Results.Accepted();
        debouncer.Notify(tenant, streams);
        return Results.Accepted();
    }
}
