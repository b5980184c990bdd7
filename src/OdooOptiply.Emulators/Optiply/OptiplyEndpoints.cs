// The HTTP face of the emulated API: /api/auth/oauth/token and /v1/{type}[/{id}[/{relationship}]].
// Order per request: record it, strict rate limit, bearer check, Content-Type check, then the resource.
// Status codes per checklist 6: POST 201, PATCH 200, DELETE 204, unknown id 404.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OdooOptiply.Emulators.Hosting;

namespace OdooOptiply.Emulators.Optiply;

internal sealed class OptiplyEndpoints(OptiplyEmulatorOptions options, OptiplyStore store, OptiplyAuth auth,
    OptiplyTraffic traffic, FaultInjector faults, OptiplyLies lies)
{
    public const string JsonApi = "application/vnd.api+json";

    public void Map(WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var at = traffic.Now;
            if (traffic.OverLimit(at))
            {
                http.Response.StatusCode = 429;
                http.Response.Headers.RetryAfter = "1";
                await Write(http, new OptiplyApiError(429, "Rate limit exceeded"));
            }
            else await next(http);
            traffic.Record(at, http.Request.Method, http.Request.Path + http.Request.QueryString, http.Response.StatusCode);
        });
        app.MapPost("/api/auth/oauth/token", auth.TokenAsync);
        app.Map("/v1/{type}", http => Handle(http, (string)http.GetRouteValue("type")!, null, null));
        app.Map("/v1/{type}/{id}", http => Handle(http, (string)http.GetRouteValue("type")!, (string)http.GetRouteValue("id")!, null));
        app.Map("/v1/{type}/{id}/{rel}", http => Handle(http, (string)http.GetRouteValue("type")!, (string)http.GetRouteValue("id")!,
            (string)http.GetRouteValue("rel")!));
    }

    private async Task Handle(HttpContext http, string type, string? id, string? rel)
    {
        if (!await auth.CheckBearerAsync(http)) return;
        try
        {
            if (options.RequireContentType && !(http.Request.ContentType ?? "").StartsWith(JsonApi, StringComparison.OrdinalIgnoreCase))
                throw new OptiplyApiError(OptiplyGuesses.MissingContentTypeStatus, $"Content-Type must be {JsonApi}");
            var spec = OptiplySchema.Find(type) ?? throw OptiplyApiError.NotFound($"no resource type {type}");
            var method = http.Request.Method;
            traffic.CountResourceCall(method, type);
            var rowId = id is null ? (long?)null : ParseId(id);
            switch (method, rowId, rel)
            {
                case ("GET", null, _): await List(http, spec, OptiplyListQuery.Parse(spec, http.Request.Query)); break;
                case ("GET", { } one, null): await Write(http, 200, Document(http, Get(spec, one))); break;
                case ("GET", { } one, { } r): await Related(http, spec, one, r); break;
                case ("POST", null, null):
                    var created = store.Create(type, await Attributes(http, spec, null), Context(http));
                    if (lies.TakeLandedCreate500()) throw new OptiplyApiError(500, "Internal Server Error");
                    await Write(http, 201, Document(http, created));
                    break;
                case ("PATCH", { } one, null): await Write(http, 200, Document(http, store.Update(type, one, await Attributes(http, spec, one), Context(http)))); break;
                case ("DELETE", { } one, null):
                    if (!spec.Writable) throw new OptiplyApiError(OptiplyGuesses.NotWritableStatus, $"{type} cannot be deleted");
                    if (!store.Delete(type, one)) throw OptiplyApiError.NotFound($"{type} with id {one} not found");
                    http.Response.StatusCode = 204;
                    break;
                default: throw new OptiplyApiError(405, $"{method} is not supported here");
            }
        }
        catch (OptiplyApiError e) { await Write(http, e); }
    }

    private static long ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw OptiplyApiError.NotFound($"no record with id {id}");

    private OptiplyRow Get(ResourceSpec spec, long id) =>
        store.Get(spec.Type, id) ?? throw OptiplyApiError.NotFound($"{spec.Type} with id {id} not found");

    private async Task List(HttpContext http, ResourceSpec spec, OptiplyListQuery q)
    {
        if (options.GatewayTimeoutAbovePageLimit is { } max && q.Limit > max)
        {
            faults.Injected.AddOrUpdate("504-large-page", 1, (_, n) => n + 1);
            http.Response.StatusCode = 504;
            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync("<html><body><h1>504 Gateway Time-out</h1></body></html>");
            return;
        }
        var (page, total) = store.Query(spec.Type, q);
        traffic.AfterListPage?.Invoke(spec.Type);
        await Write(http, 200, OptiplyDocuments.Collection(http, spec, page, total, q));
    }

    private async Task Related(HttpContext http, ResourceSpec spec, long id, string name)
    {
        var row = Get(spec, id);
        var rel = spec.Relationships?.FirstOrDefault(r => r.Name == name) ?? throw OptiplyApiError.NotFound($"{spec.Type} has no relationship {name}");
        var target = OptiplyStore.Spec(rel.TargetType);
        if (!rel.ToMany)
        {
            var fk = row.GetLong(rel.ForeignKey);
            var related = fk is null ? null : store.Get(target.Type, fk.Value);
            await Write(http, 200, new JsonObject { ["data"] = related is null ? null : OptiplyDocuments.Resource(http, related) });
            return;
        }
        var q = OptiplyListQuery.Parse(target, http.Request.Query);
        q.Filters.Add(new OptiplyFilter(target.Attributes[rel.ForeignKey], "EQ", id));
        await List(http, target, q);
    }

    private JsonNode Document(HttpContext http, OptiplyRow row) => new JsonObject { ["data"] = OptiplyDocuments.Resource(http, row) };

    private static async Task<JsonObject> Attributes(HttpContext http, ResourceSpec spec, long? id)
    {
        JsonNode? body;
        try { body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted); }
        catch (JsonException e) { throw OptiplyApiError.BadRequest($"malformed JSON body: {e.Message}"); }
        if (body?["data"] is not JsonObject data) throw OptiplyApiError.BadRequest("body must be {\"data\": {…}}");
        if (data["type"]?.GetValue<string>() is { } t && t != spec.Type) throw OptiplyApiError.BadRequest($"data.type {t} does not match {spec.Type}");
        if (id is not null && data["id"] is JsonValue given && given.ToString() != id.Value.ToString(CultureInfo.InvariantCulture))
            throw OptiplyApiError.BadRequest("data.id does not match the URL");
        return data["attributes"] as JsonObject ?? new JsonObject();
    }

    private WriteContext Context(HttpContext http)
    {
        long Param(string name, long fallback) =>
            long.TryParse(http.Request.Query[name].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        var account = Param("accountId", store.DefaultAccountId);
        if (store.Get("accounts", account) is null)
            throw new OptiplyApiError(OptiplyGuesses.ForeignAccountStatus, "Access is denied");
        return new WriteContext(true, account, Param("couplingId", store.DefaultCouplingId));
    }

    private static Task Write(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = JsonApi;
        return http.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Write(HttpContext http, OptiplyApiError e) => Write(http, e.Status, e.ToBody());
}
