// The one table that turns an Optiply answer into an outcome (reference §6), and the reader that
// finds the server's message in whatever error shape arrives: errors[].meta.message, errors[].detail,
// errors[].message, message, error_description, error, else the text itself (HTML stripped).
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OdooOptiply.Optiply;

internal static partial class OptiplyErrors
{
    private const int MaxMessageLength = 500;

    /// <summary>Status → outcome. 401/403: fatal for the run. 400/404/409/422: rejected for the record (the status says which:
    /// 404 not found, 409 a record with that natural key exists). 500 is rejected too, never retried: Optiply answers it to
    /// malformed values (NaN or empty ids), which repeat.</summary>
    public static Outcome Classify(int status) => status switch
    {
        400 or 422 or 404 or 409 => Outcome.Rejected,
        401 or 403 => Outcome.Fatal,
        408 or 429 => Outcome.Retriable,
        500 => Outcome.Rejected,
        >= 501 and <= 599 => Outcome.Retriable,
        _ => Outcome.Rejected,
    };

    private static string Describe(int status) => status switch
    {
        400 or 422 => "Optiply refused the data",
        401 => "Optiply did not accept the credentials or token",
        403 => "the Optiply user may not do this",
        404 => "not found in Optiply",
        409 => "Optiply already has this record",
        429 => "Optiply's rate limit was hit",
        500 => "Optiply failed on this request (a malformed value?)",
        >= 501 => "Optiply is unavailable",
        _ => "Optiply answered unexpectedly",
    };

    public static OptiplyException FromResponse(int status, string body, string method, string path, OptiplyRedactor redactor)
    {
        var server = redactor.Redact(Message(body));
        var text = $"{method} {path}: {status} {Describe(status)}" + (server.Length > 0 ? $": {server}" : "");
        return new OptiplyException(status, Classify(status), text, method, path, server);
    }

    /// <summary>The server's message from a JSON error body of any known shape, or the trimmed text.</summary>
    public static string Message(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        try
        {
            if (JsonNode.Parse(body) is JsonObject o)
            {
                var found = FromErrors(o["errors"] as JsonArray) ?? Text(o["message"]) ?? Text(o["error_description"]) ?? Text(o["error"]);
                if (found is not null) return Trim(found);
            }
        }
        catch (JsonException) { }
        return Trim(Tags().Replace(body, " "));
    }

    private static string? FromErrors(JsonArray? errors)
    {
        if (errors is null || errors.Count == 0) return null;
        var messages = errors.OfType<JsonObject>()
            .Select(e => Text(e["meta"]?["message"]) ?? Text(e["detail"]) ?? Text(e["message"]) ?? Text(e["title"]))
            .Where(m => m is not null).Distinct().ToList();
        return messages.Count == 0 ? null : string.Join("; ", messages);
    }

    private static string? Text(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Trim(string s)
    {
        s = Spaces().Replace(s, " ").Trim();
        return s.Length <= MaxMessageLength ? s : s[..MaxMessageLength] + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
