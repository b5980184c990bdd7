// POST /json/2/<model>/<method> (Odoo 19 only): bearer API key, optional X-Odoo-Database, a JSON
// object of named arguments (+ ids, context). Errors are HTTP statuses with a JSON object body:
// 401 bad/missing key, 404 unknown model or method, 422 bad arguments/user errors, 500 the rest.
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OdooOptiply.Emulators.Odoo.Wire;

namespace OdooOptiply.Emulators.Odoo.Endpoints;

internal static class Json2Endpoint
{
    private const string ContentType = "application/json; charset=utf-8";

    public static async Task HandleAsync(HttpContext ctx, RpcService rpc, OdooDatabase data, string database, string model, string method)
    {
        var auth = ctx.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await Unauthorized(ctx, "User not authenticated, use an API Key with a Bearer Authorization header.");
            return;
        }
        if (!rpc.IsApiKey(auth[7..].Trim()))
        {
            await Unauthorized(ctx, "Invalid apikey");
            return;
        }
        var db = ctx.Request.Headers["X-Odoo-Database"].ToString();
        if (db.Length > 0 && db != database)
        {
            await Error(ctx, 404, "werkzeug.exceptions.NotFound", $"database {db!} not found", 404);
            return;
        }
        Dictionary<string, object?> body;
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            body = PyJson.ToValue(doc.RootElement) as Dictionary<string, object?> ?? throw new JsonException("the body must be a JSON object");
        }
        catch (JsonException e)
        {
            await Error(ctx, 400, "werkzeug.exceptions.BadRequest", $"could not parse the body as json: {e.Message}", 400);
            return;
        }
        if (data.Profile.Model(model) is null)
        {
            await Error(ctx, 404, "werkzeug.exceptions.NotFound", $"the model '{model}' does not exist", 404);
            return;
        }
        if (!method.StartsWith('_') && data.Orm.FindMethod(model, method) is null)
        {
            await Error(ctx, 404, "werkzeug.exceptions.NotFound", $"the method '{method}' does not exist on the model '{model}'", 404);
            return;
        }
        var ids = body.Remove("ids", out var rawIds) ? Orm.Orm.AsIds(rawIds) : null;
        var context = body.Remove("context", out var c) ? c as IReadOnlyDictionary<string, object?> : null;
        try
        {
            var result = rpc.CallNamed(model, method, ids, body, context);
            if (method == "create" && result is long one) result = new List<object?> { one }; // a recordset becomes its ids
            await Responses.WriteAsync(ctx, 200, ContentType, nosniff: true, w => PyJson.Write(w, result));
        }
        catch (OdooFault f)
        {
            await Responses.WriteAsync(ctx, f.Json2Status, ContentType, nosniff: false, w => PyJson.Write(w, new Dictionary<string, object?>
            {
                ["name"] = f.PythonName, ["message"] = f.Message, ["arguments"] = new List<object?> { f.Message },
                ["context"] = new Dictionary<string, object?>(), ["debug"] = Tracebacks.Build(f, 19, OdooTransport.Json2),
            }));
        }
    }

    private static Task Unauthorized(HttpContext ctx, string message) =>
        Error(ctx, 401, "werkzeug.exceptions.Unauthorized", message, 401, new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer " });

    private static Task Error(HttpContext ctx, int status, string name, string message, long code, IReadOnlyDictionary<string, string>? headers = null)
    {
        var reason = status switch { 401 => "Unauthorized", 404 => "Not Found", _ => "Bad Request" };
        var debug = $"Traceback (most recent call last):\n  File \"/usr/lib/python3/odoo/addons/rpc/controllers/json2.py\", line 66, in web_json_2_rpc\n    raise\n{name}: {status} {reason}: {message}\n";
        return Responses.WriteAsync(ctx, status, ContentType, nosniff: false, w => PyJson.Write(w, new Dictionary<string, object?>
        {
            ["name"] = name, ["message"] = message, ["arguments"] = new List<object?> { message, code },
            ["context"] = new Dictionary<string, object?>(), ["debug"] = debug,
        }), headers);
    }
}
