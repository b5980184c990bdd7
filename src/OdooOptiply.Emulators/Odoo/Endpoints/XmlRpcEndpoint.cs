// POST /xmlrpc/2/<service>: an XML-RPC methodCall in, a methodResponse or a fault out, always HTTP
// 200 and text/xml; faultCode 1 carries a Python traceback, Odoo's own exceptions their message.
using Microsoft.AspNetCore.Http;
using OdooOptiply.Emulators.Odoo.Wire;

namespace OdooOptiply.Emulators.Odoo.Endpoints;

internal static class XmlRpcEndpoint
{
    private const string ContentType = "text/xml; charset=utf-8";

    public static async Task HandleAsync(HttpContext ctx, RpcService rpc, int version, string service)
    {
        object? result;
        try
        {
            var (method, ps) = await XmlRpcReader.ReadCallAsync(ctx.Request.Body, ctx.RequestAborted);
            result = rpc.Dispatch(service, method, ps);
            result = Marshal(result);
        }
        catch (OdooFault f)
        {
            await WriteFault(ctx, f, version);
            return;
        }
        catch (Exception e) when (e is FormatException or System.Xml.XmlException or OverflowException or InvalidOperationException)
        {
            await WriteFault(ctx, new OdooFault(e is OverflowException ? OdooErrorKind.OverflowError : OdooErrorKind.TypeError, e.Message), version);
            return;
        }
        await Responses.WriteAsync(ctx, 200, ContentType, nosniff: true, w => XmlRpcWriter.WriteResponse(w, result));
    }

    // Serialise first into a throwaway writer so marshalling errors (None, ints past 32 bits) become a
    // fault 1, as on the real server, instead of a half-written answer.
    private static object? Marshal(object? result)
    {
        XmlRpcWriter.WriteValue(TextWriter.Null, result ?? throw new InvalidOperationException("cannot marshal None unless allow_none is enabled"));
        return result;
    }

    private static Task WriteFault(HttpContext ctx, OdooFault f, int version)
    {
        var text = f.IsOdooException ? f.Message : Tracebacks.Build(f, version, OdooTransport.XmlRpc);
        return Responses.WriteAsync(ctx, 200, ContentType, nosniff: false, w => XmlRpcWriter.WriteFault(w, f.XmlRpcCode, text));
    }
}
