// Writing and parsing JSON bodies for JSON-RPC and JSON-2: buffered request bodies (so Content-Length
// is sent), and answers parsed from the stream into pooled memory, never into one big string.
using System.Buffers;
using System.Text.Json;

namespace OdooOptiply.Odoo.Transport;

internal static class JsonBody
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return buffer.WrittenSpan.ToArray();
    }

    public static async Task<JsonDocument> ParseAsync(Stream body, CancellationToken ct)
    {
        // Python's json.dumps writes NaN and Infinity bare: read as doubles, so only the record holding one is affected.
        try { return await JsonDocument.ParseAsync(new JsonNonFiniteStream(body), new JsonDocumentOptions { MaxDepth = 64 }, ct); }
        catch (JsonException e) { throw Invalid($"not valid JSON ({Short(e.Message)})", e); }
        catch (IOException e) { throw Invalid($"the body was cut off ({e.Message})", e); }
    }

    /// <summary>Converts, turning an integer past 64 bits into an invalid-response error.</summary>
    public static object? ToValue(JsonElement e)
    {
        try { return OdooJson.ToValue(e); }
        catch (FormatException f) { throw new OdooException(Outcome.Rejected, f.Message, f); }
        // System.Text.Json checks UTF-8 only when a string is read: invalid bytes surface here.
        catch (InvalidOperationException i) { throw Invalid($"not valid JSON (a string is not valid UTF-8: {i.Message})", i); }
    }

    public static OdooException Invalid(string why, Exception? inner = null) =>
        new(Outcome.Retriable, $"invalid JSON response: {why}", inner) { InvalidResponse = true };

    private static string Short(string s) => s.Length > 120 ? s[..120] + "…" : s;
}
