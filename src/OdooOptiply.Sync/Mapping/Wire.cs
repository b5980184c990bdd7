// Small helpers that put Odoo values into Optiply's wire forms (UTC "yyyy-MM-ddTHH:mm:ssZ" timestamps).
using System.Globalization;
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Mapping;

internal static class Wire
{
    public static JsonNode? Time(DateTime? t) =>
        t is { } v ? JsonValue.Create(DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)) : null;

    public static JsonNode? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : JsonValue.Create(s.Trim());
}
