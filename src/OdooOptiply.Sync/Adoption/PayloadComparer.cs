// Whether an Optiply record already says what a payload would write: the test that lets adoption bind a
// record without writing it. Only attributes Optiply echoes are compared (write-only ones such as
// orderLines cannot be read back); numbers compare as numbers ("12.50" = 12.5), date-times as instants,
// a null as an absent value. remoteId compares against the record's remoteIdMap.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Adoption;

public static class PayloadComparer
{
    /// <summary>The payload attributes whose value differs in <paramref name="record"/> (empty: nothing to write).</summary>
    public static IReadOnlyList<string> Differences(JsonObject payload, JsonObject record, IReadOnlyList<string> remoteIds)
    {
        var differs = new List<string>();
        foreach (var (name, value) in payload)
        {
            if (name == "remoteId")
            {
                if (!record.ContainsKey("remoteIdMap")) continue; // a resource that does not show remote ids (lines, compositions)
                if (AdoptionKey.Canonical(value) is { } remote && !remoteIds.Contains(remote)) differs.Add(name);
                continue;
            }
            if (!record.ContainsKey(name)) continue; // not echoed by Optiply: cannot be compared
            if (!Same(value, record[name])) differs.Add(name);
        }
        return differs;
    }

    internal static bool Same(JsonNode? a, JsonNode? b)
    {
        if (IsNull(a) || IsNull(b)) return IsNull(a) && IsNull(b);
        if (Number(a) is { } x && Number(b) is { } y) return x == y;
        if (a is JsonValue va && b is JsonValue vb && va.GetValueKind() == JsonValueKind.String && vb.GetValueKind() == JsonValueKind.String)
        {
            var (sa, sb) = (va.GetValue<string>(), vb.GetValue<string>());
            if (sa == sb) return true;
            return Instant(sa) is { } ta && Instant(sb) is { } tb && ta == tb;
        }
        return JsonNode.DeepEquals(a, b);
    }

    private static bool IsNull(JsonNode? n) => n is null || (n is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    private static decimal? Number(JsonNode? n) => n is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.Number => true,
        JsonValueKind.String => LooksNumeric(v.GetValue<string>()),
        _ => false,
    } && decimal.TryParse(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
        ? d : null;

    // "0012" is a code, not a number: only plain decimals (no leading zeros) count as numbers.
    private static bool LooksNumeric(string s) =>
        s.Length > 0 && !(s.Length > 1 && s[0] == '0' && s[1] != '.') && s.All(c => char.IsAsciiDigit(c) || c is '.' or '-');

    internal static DateTimeOffset? Instant(string s) =>
        s.Length >= 19 && s[4] == '-' && s[10] == 'T'
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
