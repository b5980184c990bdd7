// Outgoing attribute values in the form Optiply accepts (reference §3.4): Java Long attributes
// (stockLevel, quantities, foreign keys) as JSON integers, date-times as UTC yyyy-MM-ddTHH:mm:ssZ,
// NaN refused before it can cause a 500. Embedded orderLines are normalised the same way.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply;

internal static class OptiplyWire
{
    /// <summary>A normalised copy of <paramref name="attributes"/>; the caller's object is left as it was.</summary>
    public static JsonObject Normalise(JsonObject attributes)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in attributes)
            copy[name] = name == "orderLines" && value is JsonArray lines
                ? new JsonArray(lines.Select(l => l is JsonObject o ? (JsonNode)Normalise(o) : l?.DeepClone()).ToArray())
                : Value(name, value);
        return copy;
    }

    private static JsonNode? Value(string name, JsonNode? value)
    {
        if (value is not JsonValue v) return value?.DeepClone();
        if (OptiplyConstants.IntegerAttributes.Contains(name)) return Integer(name, v);
        if (OptiplyConstants.TimestampAttributes.Contains(name)) return Timestamp(name, v);
        CheckFinite(name, v);
        return v.DeepClone();
    }

    // Rounds half away from zero: 12.0 → 12, 2.5 → 3. Numeric strings (ids) become numbers.
    private static JsonNode Integer(string name, JsonValue v)
    {
        CheckFinite(name, v);
        var text = v.GetValueKind() switch
        {
            JsonValueKind.Number => v.ToJsonString(),
            JsonValueKind.String when v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        if (text is null || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            throw new ArgumentException($"attribute {name} must be an integer, not {v.ToJsonString()}");
        return JsonValue.Create((long)Math.Round(n, MidpointRounding.AwayFromZero));
    }

    // A JsonValue built from a C# double/float can hold NaN or infinity (they cannot be serialised, and Optiply answers 500).
    private static void CheckFinite(string name, JsonValue v)
    {
        var bad = v.TryGetValue<double>(out var d) && !double.IsFinite(d) || v.TryGetValue<float>(out var f) && !float.IsFinite(f);
        if (bad) throw new ArgumentException($"attribute {name} is not a finite number; Optiply answers 500 to such values");
    }

    private static JsonNode Timestamp(string name, JsonValue v)
    {
        DateTimeOffset t;
        // A string without an offset (Odoo's "2024-05-01 10:00:00") is UTC, as Odoo stores it.
        if (v.TryGetValue<string>(out var s))
            t = DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var p)
                ? p : throw new ArgumentException($"attribute {name} must be a date-time, not {v.ToJsonString()}");
        else if (v.TryGetValue<DateTimeOffset>(out var dto)) t = dto;
        else if (v.TryGetValue<DateTime>(out var dt)) t = dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(dt, TimeSpan.Zero) : dt;
        else throw new ArgumentException($"attribute {name} must be a date-time, not {v.ToJsonString()}");
        return JsonValue.Create(t.UtcDateTime.ToString(OptiplyConstants.WriteTimestampFormat, CultureInfo.InvariantCulture));
    }
}
