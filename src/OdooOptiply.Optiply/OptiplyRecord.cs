// One Optiply resource as read: string id, type, attributes kept nested exactly as sent (a supplier's
// "type" attribute never collides with the resource type), and the relationship links if any.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply;

public sealed record OptiplyRecord(string Id, string Type, JsonObject Attributes, JsonObject? Relationships = null)
{
    public string? GetString(string name) => Attributes[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonNode n => n.ToJsonString(),
        null => null,
    };

    /// <summary>An integer sent as a number or as a numeric string.</summary>
    public long? GetLong(string name) => Attributes[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? (long)n : null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
        _ => null,
    };

    /// <summary>A decimal sent as a JSON string ("12.50", what Optiply seems to emit) or a number.</summary>
    public decimal? GetDecimal(string name) => Attributes[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
        _ => null,
    };

    /// <summary>A date-time in every form Optiply may send, returned in UTC: ISO-8601 with or without an offset (none = UTC),
    /// a date alone (midnight UTC), or epoch milliseconds (Jackson's default, as a number or as digits). Null when absent or
    /// not a date: <see cref="HasValue"/> tells the two apart.</summary>
    public DateTimeOffset? GetDateTime(string name)
    {
        if (Attributes[name] is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
            return long.TryParse(n.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) ? FromEpochMs(ms) : null;
        if (GetString(name) is not { } s) return null;
        if (s.Length > 0 && s.All(char.IsAsciiDigit)) return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) ? FromEpochMs(digits) : null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t.ToUniversalTime() : null;
    }

    /// <summary>True when the attribute is present and not JSON null.</summary>
    public bool HasValue(string name) => Attributes[name] is not null;

    private static DateTimeOffset? FromEpochMs(long ms) =>
        ms is >= -62135596800000L and <= 253402300799999L ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public bool? GetBool(string name) => Attributes[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>remoteIdMap as read ([guess] keys are coupling ids, values the remote ids).</summary>
    public IReadOnlyDictionary<string, string> RemoteIdMap =>
        Attributes["remoteIdMap"] is JsonObject map
            ? map.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : kv.Value!.ToJsonString())
            : new Dictionary<string, string>();

    /// <summary>The remote id stored under <paramref name="couplingId"/>; without one, the first value (what Optiply's ETL does).</summary>
    public string? RemoteId(long? couplingId = null)
    {
        var map = RemoteIdMap;
        if (couplingId is { } c) return map.GetValueOrDefault(c.ToString(CultureInfo.InvariantCulture));
        return map.Values.FirstOrDefault();
    }

    internal static OptiplyRecord FromResource(JsonNode? node, string fallbackType)
    {
        if (node is not JsonObject o) throw new OptiplyException(0, Outcome.Rejected, "Optiply answered without a resource in data");
        var id = o["id"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonNode n => n.ToJsonString(),
            null => throw new OptiplyException(0, Outcome.Rejected, "Optiply answered a resource without an id"),
        };
        var type = o["type"] switch
        {
            null => fallbackType,
            JsonValue t when t.GetValueKind() == JsonValueKind.String => t.GetValue<string>(),
            var t => throw new OptiplyException(0, Outcome.Rejected, $"Optiply answered a resource whose type is not a string: {t.ToJsonString()}"),
        };
        var attributes = o["attributes"] as JsonObject ?? new JsonObject();
        var rels = o["relationships"] as JsonObject;
        o.Remove("attributes");
        o.Remove("relationships");
        return new OptiplyRecord(id, type, attributes, rels);
    }
}
