// XML-RPC on /xmlrpc/2/common (version, authenticate) and /xmlrpc/2/object (execute_kw). Odoo answers
// HTTP 200 even for faults; any other status comes from something in front of Odoo.
namespace OdooOptiply.Odoo.Transport;

internal sealed class XmlRpcTransport(OdooOptions options, OdooHttp http) : IOdooTransport
{
    public OdooProtocol Protocol => OdooProtocol.XmlRpc;

    public async Task<OdooServerVersion> VersionAsync(CancellationToken ct)
    {
        var reply = await PostAsync("xmlrpc/2/common", "version", [], ct);
        return OdooServerVersion.FromCommonVersion(reply.Value as OdooRecord ?? throw XmlRpcCodec.Invalid("version() did not return a struct"));
    }

    public async Task<long> AuthenticateAsync(CancellationToken ct)
    {
        var reply = await PostAsync("xmlrpc/2/common", "authenticate",
            [options.Database, options.Username, options.RpcSecret, new Dictionary<string, object?>()], ct);
        return RpcLogin.Uid(reply.Value, options);
    }

    public Task<OdooReply> ExecuteAsync(OdooCall call, long uid, CancellationToken ct) =>
        PostAsync("xmlrpc/2/object", "execute_kw",
            [options.Database, uid, options.RpcSecret, call.Model, call.Method, call.Args, call.Kwargs ?? new Dictionary<string, object?>()], ct);

    private Task<OdooReply> PostAsync(string path, string method, IReadOnlyList<object?> parameters, CancellationToken ct) =>
        http.SendAsync(HttpMethod.Post, path, XmlRpcCodec.WriteCall(method, parameters), "text/xml", null, async (response, body, token) =>
        {
            if ((int)response.StatusCode != 200) throw await http.HttpFailureAsync(response, body, token);
            var parsed = await XmlRpcCodec.ReadResponseAsync(body, token);
            if (parsed.Fault is { } fault)
                throw OdooErrors.ToException(new OdooErrors.Failure(fault.Message, fault.Code, fault.CodeText));
            return parsed.Value;
        }, ct);
}

/// <summary>authenticate() answers a uid, or false when the login is refused (not a fault).</summary>
internal static class RpcLogin
{
    public static long Uid(object? value, OdooOptions options) => value switch
    {
        long uid when uid > 0 => uid,
        false => throw new OdooException(OdooOutcome.Fatal,
            $"login refused for user '{options.Username}' on database '{options.Database}' (wrong password or API key, or the user is inactive)") { FaultCode = 3 },
        _ => throw new OdooException(OdooOutcome.Fatal, $"authenticate returned {value?.GetType().Name ?? "null"} instead of a uid") { InvalidResponse = true },
    };
}
