// The Meltano SDK's attribute checks as functions over a SCHEMA and its RECORDs: each returns the
// violations it found (stream, id, attribute, value), so a test asserts none on real output and some
// on a record made wrong on purpose (the check can fail).
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OdooOptiply.Singer.Tests.Tap.Support;

internal static partial class AttributeChecks
{
    private static IEnumerable<string> Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray a => a.Select(t => (string)t!),
        JsonValue v => [(string)v!],
        _ => [],
    };

    private static IEnumerable<(string Attr, JsonNode Schema)> Attributes(JsonObject schema) =>
        schema["properties"]!.AsObject().Select(kv => (kv.Key, kv.Value!));

    private static IEnumerable<string> Check(string stream, JsonObject schema, IEnumerable<JsonObject> records, Func<JsonNode, bool> applies, Func<JsonNode?, bool> ok, string what)
    {
        var attrs = Attributes(schema).Where(a => applies(a.Schema)).Select(a => a.Attr).ToList();
        foreach (var r in records)
            foreach (var a in attrs)
                if (r.TryGetPropertyValue(a, out var v) && !ok(v))
                    yield return $"{stream} id {r["id"]}: {a} is not {what}: {v?.ToJsonString() ?? "null"}";
    }

    private static bool Kind(JsonNode? v, params JsonValueKind[] kinds) => v is null || kinds.Contains(v.GetValueKind());

    public static IEnumerable<string> IsBoolean(string stream, JsonObject schema, IEnumerable<JsonObject> records) =>
        Check(stream, schema, records, s => Types(s).Contains("boolean") && Types(s).Count() <= 2, v => Kind(v, JsonValueKind.True, JsonValueKind.False), "a boolean");

    public static IEnumerable<string> IsInteger(string stream, JsonObject schema, IEnumerable<JsonObject> records) =>
        Check(stream, schema, records, s => Types(s).Contains("integer") && Types(s).Count() <= 2,
            v => v is null || (v.GetValueKind() == JsonValueKind.Number && v.AsValue().TryGetValue<long>(out _)), "an integer");

    public static IEnumerable<string> IsNumeric(string stream, JsonObject schema, IEnumerable<JsonObject> records) =>
        Check(stream, schema, records, s => Types(s).Contains("number"), v => Kind(v, JsonValueKind.Number), "a number");

    public static IEnumerable<string> IsDatetime(string stream, JsonObject schema, IEnumerable<JsonObject> records) =>
        Check(stream, schema, records, s => (string?)s["format"] == "date-time",
            v => v is null || (v.GetValueKind() == JsonValueKind.String && Rfc3339().IsMatch((string)v!)
                && DateTimeOffset.TryParse((string)v!, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && t.Offset == TimeSpan.Zero), "an RFC 3339 UTC date-time");

    public static IEnumerable<string> NotNull(string stream, JsonObject schema, IEnumerable<JsonObject> records)
    {
        var required = Attributes(schema).Where(a => Types(a.Schema).Any() && !Types(a.Schema).Contains("null")).Select(a => a.Attr).ToList();
        foreach (var r in records)
            foreach (var a in required)
                if (!r.TryGetPropertyValue(a, out var v) || v is null) yield return $"{stream} id {r["id"]}: {a} is null or missing";
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex Rfc3339();
}
