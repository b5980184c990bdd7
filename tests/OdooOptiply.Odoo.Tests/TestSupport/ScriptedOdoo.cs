// A fake Odoo at the HTTP boundary speaking JSON-RPC and JSON-2, answering from a script: each
// execute_kw goes to Respond (return a value, or throw ScriptedFault / ScriptedHttp). Records every call.
using System.Net;
using System.Text;
using System.Text.Json;
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Odoo.Tests.TestSupport;

internal sealed record ScriptedCall(string Model, string Method, IReadOnlyList<object?> Args, OdooRecord Kwargs, string Body, string Path);

/// <summary>Answer with a JSON-RPC error object (HTTP 200).</summary>
internal sealed class ScriptedFault(string name, string message) : Exception(message) { public string Name => name; }

/// <summary>Answer with a bare HTTP status and body (proxy pages, 429 …).</summary>
internal sealed class ScriptedHttp(int status, string body, int? retryAfter = null, string contentType = "text/html") : Exception(body)
{
    public string Body => Message;
    public int Status => status;
    public int? RetryAfter => retryAfter;
    public string ContentType => contentType;
}

internal sealed class ScriptedOdoo : HttpMessageHandler
{
    public int Version { get; init; } = 18;
    public Func<ScriptedCall, object?> Respond { get; set; } = _ => throw new ScriptedFault("builtins.NotImplementedError", "not scripted");
    public List<ScriptedCall> Calls { get; } = [];
    public int Requests;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        Interlocked.Increment(ref Requests);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/web/version") return Json(200, new Dictionary<string, object?> { ["version"] = $"{Version}.0", ["version_info"] = new object[] { Version, 0, 0, "final", 0, "" } });
        using var doc = JsonDocument.Parse(body);
        ScriptedCall call;
        if (path.StartsWith("/json/2/", StringComparison.Ordinal))
        {
            var parts = path.Split('/');
            call = new(parts[3], parts[4], [], (OdooRecord)OdooJson.ToValue(doc.RootElement)!, body, path);
        }
        else
        {
            var p = doc.RootElement.GetProperty("params");
            var args = (IReadOnlyList<object?>)OdooJson.ToValue(p.GetProperty("args"))!;
            var method = p.GetProperty("method").GetString()!;
            if (method == "version") return Rpc(new Dictionary<string, object?> { ["server_version"] = $"{Version}.0", ["server_version_info"] = new object[] { Version, 0, 0, "final", 0, "" } });
            if (method == "authenticate") return Rpc(2);
            call = new((string)args[3]!, (string)args[4]!, (IReadOnlyList<object?>)args[5]!, args.Count > 6 ? (OdooRecord)args[6]! : OdooRecord.Empty, body, path);
        }
        lock (Calls) Calls.Add(call);
        try
        {
            var result = call.Method == "context_get" ? new Dictionary<string, object?> { ["uid"] = 2 } : Respond(call);
            return path.StartsWith("/json/2/", StringComparison.Ordinal) ? Json(200, result) : Rpc(result);
        }
        catch (ScriptedFault f)
        {
            var data = new Dictionary<string, object?> { ["name"] = f.Name, ["message"] = f.Message, ["debug"] = "Traceback (most recent call last):\n" + f.Message };
            return path.StartsWith("/json/2/", StringComparison.Ordinal)
                ? Json(f.Name.Contains("ValueError") ? 500 : 422, data)
                : Json(200, new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = 1, ["error"] = new Dictionary<string, object?> { ["code"] = Version >= 19 ? 0 : 200, ["message"] = "Odoo Server Error", ["data"] = data } });
        }
        catch (ScriptedHttp h)
        {
            var response = new HttpResponseMessage((HttpStatusCode)h.Status) { Content = new StringContent(h.Body, Encoding.UTF8, h.ContentType) };
            if (h.RetryAfter is int s) response.Headers.RetryAfter = new(TimeSpan.FromSeconds(s));
            return response;
        }
    }

    private static HttpResponseMessage Rpc(object? result) =>
        Json(200, new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = 1, ["result"] = result });

    private static HttpResponseMessage Json(int status, object? value) =>
        new((HttpStatusCode)status) { Content = new StringContent(OdooJson.Serialize(value), Encoding.UTF8, "application/json") };
}
