// Writes an answer the way Odoo's Werkzeug server does: buffered with a Content-Length, a Werkzeug
// Server header, and X-Content-Type-Options: nosniff on successful answers (not on faults), as captured.
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OdooOptiply.Emulators.Odoo.Endpoints;

internal static class Responses
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public static async Task WriteAsync(HttpContext ctx, int status, string contentType, bool nosniff, Action<TextWriter> body,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var buffer = new MemoryStream();
        await using (var w = new StreamWriter(buffer, Utf8, 65536, leaveOpen: true)) body(w);
        var r = ctx.Response;
        r.StatusCode = status;
        r.Headers.Server = "Werkzeug/2.2.2 Python/3.11.2";
        r.ContentType = contentType;
        r.ContentLength = buffer.Length;
        if (nosniff) r.Headers["X-Content-Type-Options"] = "nosniff";
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) r.Headers[k] = v;
        buffer.Position = 0;
        await buffer.CopyToAsync(r.Body, ctx.RequestAborted);
    }
}
