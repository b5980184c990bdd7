// A natural key adoption matches records by when they carry no remote id: the attributes that identify a
// record on both sides (a product's skuCode; a supplier product's productId + supplierId). A key's text is
// its values joined, numbers and date-times in one canonical form; a key with an empty value is no key at all.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Adoption;

public sealed record AdoptionKey(params string[] Attributes)
{
    public string Name => string.Join("+", Attributes);

    /// <summary>The key's text in <paramref name="attributes"/> (a payload, or an Optiply record), or null when a value is missing or empty.</summary>
    public string? Of(JsonObject attributes)
    {
        var parts = new string[Attributes.Length];
        for (var i = 0; i < Attributes.Length; i++)
        {
            if (Canonical(attributes[Attributes[i]]) is not { Length: > 0 } v) return null;
            parts[i] = v;
        }
        return string.Join('\u001f', parts);
    }

    /// <summary>Shown in reports: name=value pairs.</summary>
    public string Describe(JsonObject attributes) =>
        string.Join(", ", Attributes.Select(a => $"{a}={Canonical(attributes[a]) ?? "null"}"));

    /// <summary>A value as text: strings as they are, numbers in invariant shortest form (12, 12.5), null for null.</summary>
    internal static string? Canonical(JsonNode? node) => node switch
    {
        null => null,
        // A date-time names one instant however it is written ("…Z", "…+00:00", fractions): one form for all.
        JsonValue v when v.GetValueKind() == JsonValueKind.String => PayloadComparer.Instant(v.GetValue<string>()) is { } t
            ? t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) : v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            => (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };
}
