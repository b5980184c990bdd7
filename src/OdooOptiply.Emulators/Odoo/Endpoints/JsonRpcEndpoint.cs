// POST /jsonrpc: {"jsonrpc":"2.0","method":"call","params":{"service","method","args"},"id"} in;
// "result" or an "error" envelope (code 200 up to 18, 0 in 19; data.name/message/arguments/context/debug) out.
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OdooOptiply.Emulators.Odoo.Wire;

namespace OdooOptiply.Emulators.Odoo.Endpoints;

internal static class JsonRpcEndpoint
{
    private const string ContentType = "application/json; charset=utf-8";

    public static async Task HandleAsync(HttpContext ctx, RpcService rpc, int version, long errorCode)
    {
        object? id = null;
        Dictionary<string, object?> envelope;
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            var request = PyJson.ToValue(doc.RootElement) as IReadOnlyDictionary<string, object?> ?? throw new FormatException("not a JSON object");
            id = request.GetValueOrDefault("id");
            var p = request.GetValueOrDefault("params") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
            var result = rpc.Dispatch(p.GetValueOrDefault("service") as string ?? "", p.GetValueOrDefault("method") as string ?? "",
                p.GetValueOrDefault("args") as IReadOnlyList<object?> ?? []);
            envelope = new() { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result };
        }
        catch (Exception e) when (e is OdooFault or JsonException or FormatException)
        {
            var f = e as OdooFault ?? new OdooFault(OdooErrorKind.ValueError, e.Message);
            envelope = new() { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = Error(f, version, errorCode) };
        }
        await Responses.WriteAsync(ctx, 200, ContentType, nosniff: !envelope.ContainsKey("error"), w => PyJson.Write(w, envelope));
    }

    public static Dictionary<string, object?> Error(OdooFault f, int version, long code)
    {
        var debug = Tracebacks.Build(f, version, OdooTransport.JsonRpc);
        // Key order differs between 18 (name, debug, ...) and 19 (..., debug last), as captured.
        var data = version >= 19
            ? new Dictionary<string, object?> { ["name"] = f.PythonName, ["message"] = f.Message, ["arguments"] = new List<object?> { f.Message }, ["context"] = new Dictionary<string, object?>(), ["debug"] = debug }
            : new Dictionary<string, object?> { ["name"] = f.PythonName, ["debug"] = debug, ["message"] = f.Message, ["arguments"] = new List<object?> { f.Message }, ["context"] = new Dictionary<string, object?>() };
        return new() { ["code"] = code, ["message"] = "Odoo Server Error", ["data"] = data };
    }
}
