// XML-RPC on /xmlrpc/2/common (version, authenticate) and /xmlrpc/2/object (execute_kw). Odoo answers
// HTTP 200 even for faults; any other status comes from something in front of Odoo.
namespace OdooOptiply.Odoo.Transport;

internal sealed class XmlRpcTransport(OdooOptions options, OdooHttp http) : RpcServiceTransport(options)
{
    public override OdooProtocol Protocol => OdooProtocol.XmlRpc;

    protected override OdooException Invalid(string why) => XmlRpcCodec.Invalid(why);

    protected override Task<OdooReply> PostAsync(string service, string method, IReadOnlyList<object?> parameters, CancellationToken ct) =>
        http.SendAsync(HttpMethod.Post, "xmlrpc/2/" + service, XmlRpcCodec.WriteCall(method, parameters), "text/xml", null, async (response, body, token) =>
        {
            if ((int)response.StatusCode != 200) throw await http.HttpFailureAsync(response, body, token);
            var parsed = await XmlRpcCodec.ReadResponseAsync(new XmlControlCharacterStream(body), token);
            if (parsed.Fault is { } fault)
                throw OdooErrors.ToException(new OdooErrors.Failure(fault.Message, fault.Code, fault.CodeText));
            return parsed.Value;
        }, ct);
}
