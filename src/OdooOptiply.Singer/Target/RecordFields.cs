// Reading a Singer record the way target-odoo-v3 does, tolerantly: a field may come under one of several names,
// a number as a string, a list as a JSON string (hotglue writes line_items that way), a date in any ISO form.
// Empty strings and nulls count as absent.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Singer.Target;

internal static class RecordFields
{
    /// <summary>The first of <paramref name="names"/> holding a non-empty string or a number, as text.</summary>
    public static string? Text(JsonObject r, params string[] names)
    {
        foreach (var n in names)
            if (r[n] is JsonValue v)
            {
                if (v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)) return s.Trim();
                if (v.GetValueKind() == JsonValueKind.Number) return v.ToJsonString();
            }
        return null;
    }

    public static double? Number(JsonObject r, params string[] names)
    {
        foreach (var n in names)
            if (r[n] is JsonValue v)
            {
                if (v.GetValueKind() == JsonValueKind.Number) return v.GetValue<double>();
                if (v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            }
        return null;
    }

    /// <summary>An Odoo id given by the source (supplier_remoteId, product_remoteId): a positive integer or its text.</summary>
    public static long? Id(JsonObject r, params string[] names) =>
        Text(r, names) is { } s && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public static bool Bool(JsonObject r, string name) => r[name] is JsonValue v && (
        v.GetValueKind() == JsonValueKind.True
        || (v.TryGetValue<string>(out var s) && s.Trim().ToLowerInvariant() is "true" or "1" or "yes")
        || (v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() != 0));

    /// <summary>A date as Odoo writes a date field (yyyy-MM-dd), from any ISO-8601 date or date-time (its UTC date).</summary>
    public static string? OdooDate(JsonObject r, params string[] names) => Instant(r, names)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date-time as Odoo writes a datetime field (UTC, "yyyy-MM-dd HH:mm:ss").</summary>
    public static string? OdooDateTime(JsonObject r, params string[] names) => Instant(r, names)?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Whether any of the names holds a value that is not a date (a date that cannot be read is a problem, not a blank).</summary>
    public static string? BadDate(JsonObject r, params string[] names) =>
        names.FirstOrDefault(n => Text(r, n) is not null && Instant(r, n) is null);

    private static DateTime? Instant(JsonObject r, params string[] names) =>
        Text(r, names) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime : null;

    /// <summary>A list of objects: a JSON array, a JSON string holding one, or a single object (mapping.py's address dict).</summary>
    public static IReadOnlyList<JsonObject> Objects(JsonObject r, params string[] names)
    {
        foreach (var n in names)
        {
            var node = r[n];
            if (node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s))
            {
                try { node = JsonNode.Parse(s); }
                catch (JsonException) { throw new RecordShapeException($"{n} is a string that is not JSON"); }
            }
            switch (node)
            {
                case JsonArray a: return a.OfType<JsonObject>().ToList();
                case JsonObject o: return [o];
            }
        }
        return [];
    }
}

/// <summary>A record whose shape the sink cannot read (e.g. line_items that is neither a list nor JSON): the record fails.</summary>
internal sealed class RecordShapeException(string message) : Exception(message);
