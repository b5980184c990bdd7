// JSON-RPC on /jsonrpc: the same services as XML-RPC in a JSON envelope. Errors arrive with HTTP 200
// as {"error": {"code": 200 (Odoo ≤ 18) or 0 (19), "data": {"name", "message", "debug"}}}.
using System.Text.Json;

namespace OdooOptiply.Odoo.Transport;

internal sealed class JsonRpcTransport(OdooOptions options, OdooHttp http) : RpcServiceTransport(options)
{
    private long _requestId;

    public override OdooProtocol Protocol => OdooProtocol.JsonRpc;

    protected override OdooException Invalid(string why) => JsonBody.Invalid(why);

    protected override Task<OdooReply> PostAsync(string service, string method, IReadOnlyList<object?> args, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _requestId);
        var body = JsonBody.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteString("method", "call");
            w.WriteNumber("id", id);
            w.WriteStartObject("params");
            w.WriteString("service", service);
            w.WriteString("method", method);
            w.WritePropertyName("args");
            OdooJson.Write(w, args);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return http.SendAsync(HttpMethod.Post, "jsonrpc", body, "application/json", null, async (response, stream, token) =>
        {
            if ((int)response.StatusCode != 200) throw await http.HttpFailureAsync(response, stream, token);
            using var doc = await JsonBody.ParseAsync(stream, token);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw JsonBody.Invalid("the answer is not a JSON-RPC object");
            if (root.TryGetProperty("error", out var error)) throw ToException(error);
            return root.TryGetProperty("result", out var result) ? JsonBody.ToValue(result) : throw JsonBody.Invalid("the answer has neither result nor error");
        }, ct);
    }

    private static OdooException ToException(JsonElement error)
    {
        // An error that is not an object (a bare string, null, a list) is not Odoo's: keep its text, classify as unknown.
        if (error.ValueKind != JsonValueKind.Object)
            return OdooErrors.ToException(new OdooErrors.Failure(error.ValueKind == JsonValueKind.String ? error.GetString()! : $"JSON-RPC error of unexpected shape: {error.GetRawText()}"));
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : (int?)null;
        var data = error.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var message = Text(data, "message") ?? Text(data, "debug") ?? Text(error, "message") ?? "unknown JSON-RPC error";
        // Code 200/0 only says "server error": the Python class in data.name carries the meaning.
        return OdooErrors.ToException(new OdooErrors.Failure(message, code, Text(data, "name"), code == 404 ? 404 : null));
    }
}
