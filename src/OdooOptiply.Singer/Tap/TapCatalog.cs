// The catalog: what --discover prints (every stream with its schema and Singer metadata breadcrumbs)
// and what a --catalog / --properties file selects (streams, fields, replication method), with the
// Meltano SDK's reading of "selected": an explicit selected wins, else selected-by-default.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Singer.Tap;

/// <summary>What a catalog file asks of one stream. Fields: null = the default selection (no field named in the file).</summary>
public sealed record StreamSelection(string Stream, bool Selected, IReadOnlySet<string>? Fields, IReadOnlySet<string> Deselected, ReplicationMethod? Method);

public static class TapCatalog
{
    public const string Incremental = "INCREMENTAL";
    public const string FullTable = "FULL_TABLE";

    public static string MethodName(ReplicationMethod m) => m == ReplicationMethod.Incremental ? Incremental : FullTable;

    /// <summary>The discovered catalog: one entry per stream the server has.</summary>
    public static JsonObject Build(IEnumerable<(TapStream Stream, IReadOnlyList<TapField> Fields, ReplicationMethod Method)> streams)
    {
        var list = new JsonArray();
        foreach (var (s, fields, method) in streams)
        {
            var metadata = new JsonArray();
            var top = new JsonObject
            {
                ["inclusion"] = "available",
                ["selected"] = true,
                ["selected-by-default"] = true,
                ["table-key-properties"] = new JsonArray("id"),
                ["valid-replication-keys"] = new JsonArray(TapStream.ReplicationKey),
                ["replication-method"] = MethodName(method),
                ["schema-name"] = s.Model,
            };
            if (method == ReplicationMethod.Incremental) top["replication-key"] = TapStream.ReplicationKey;
            metadata.Add(new JsonObject { ["breadcrumb"] = new JsonArray(), ["metadata"] = top });
            foreach (var f in fields)
                metadata.Add(new JsonObject
                {
                    ["breadcrumb"] = new JsonArray("properties", f.Name),
                    ["metadata"] = new JsonObject
                    {
                        ["inclusion"] = f.Automatic ? "automatic" : "available",
                        ["selected-by-default"] = f.SelectedByDefault || f.Automatic,
                        ["sql-datatype"] = f.OdooType,
                    },
                });
            var entry = new JsonObject
            {
                ["tap_stream_id"] = s.Name,
                ["stream"] = s.Name,
                ["schema"] = TapSchema.Of(fields),
                ["key_properties"] = new JsonArray("id"),
                ["replication_method"] = MethodName(method),
                ["metadata"] = metadata,
            };
            if (method == ReplicationMethod.Incremental) entry["replication_key"] = TapStream.ReplicationKey;
            list.Add(entry);
        }
        return new JsonObject { ["streams"] = list };
    }

    /// <summary>Reads a catalog (or legacy properties) file; every problem is a FormatException naming the stream.</summary>
    public static IReadOnlyDictionary<string, StreamSelection> ReadSelection(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Array)
            throw new FormatException("a catalog is an object with a \"streams\" list");
        var result = new Dictionary<string, StreamSelection>(StringComparer.Ordinal);
        foreach (var s in streams.EnumerateArray())
        {
            var name = Str(s, "tap_stream_id") ?? Str(s, "stream") ?? throw new FormatException("a catalog stream has no tap_stream_id");
            JsonElement? top = null;
            var fieldMeta = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (s.TryGetProperty("metadata", out var md) && md.ValueKind == JsonValueKind.Array)
                foreach (var m in md.EnumerateArray())
                {
                    if (!m.TryGetProperty("breadcrumb", out var bc) || bc.ValueKind != JsonValueKind.Array || !m.TryGetProperty("metadata", out var meta)) continue;
                    var crumbs = bc.EnumerateArray().Select(x => x.ToString()).ToList();
                    if (crumbs.Count == 0) top = meta;
                    else if (crumbs.Count == 2 && crumbs[0] == "properties") fieldMeta[crumbs[1]] = meta;
                }
            var schemaProps = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            bool? legacySelected = null;
            if (s.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object)
            {
                legacySelected = Bool(schema, "selected");
                if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
                    foreach (var p in props.EnumerateObject()) schemaProps[p.Name] = p.Value;
            }
            var selected = (top is { } t ? Bool(t, "selected") : null) ?? legacySelected ?? (top is { } t2 ? Bool(t2, "selected-by-default") : null) ?? false;
            var methodText = (top is { } t3 ? Str(t3, "replication-method") : null) ?? Str(s, "replication_method");
            ReplicationMethod? method = methodText?.ToUpperInvariant() switch
            {
                null or "" => null,
                Incremental => ReplicationMethod.Incremental,
                FullTable => ReplicationMethod.FullTable,
                var other => throw new FormatException($"stream {name}: replication-method '{other}' is not INCREMENTAL or FULL_TABLE"),
            };
            var key = (top is { } t4 ? Str(t4, "replication-key") : null) ?? Str(s, "replication_key");
            if (key is not null && key != TapStream.ReplicationKey)
                throw new FormatException($"stream {name}: replication key '{key}' is not supported (only {TapStream.ReplicationKey})");
            HashSet<string>? fields = null;
            var deselected = new HashSet<string>(StringComparer.Ordinal);
            if (fieldMeta.Count > 0 || schemaProps.Count > 0)
            {
                fields = new HashSet<string>(StringComparer.Ordinal);
                foreach (var f in fieldMeta.Keys.Union(schemaProps.Keys))
                {
                    var fm = fieldMeta.TryGetValue(f, out var x) ? x : (JsonElement?)null;
                    if (fm is { } m1 && Str(m1, "inclusion") == "unsupported") { deselected.Add(f); continue; }
                    var sel = (fm is { } m2 ? Bool(m2, "selected") : null)
                        ?? (schemaProps.TryGetValue(f, out var sp) && sp.ValueKind == JsonValueKind.Object ? Bool(sp, "selected") : null)
                        ?? (fm is { } m3 ? Bool(m3, "selected-by-default") : null)
                        ?? true;
                    if (sel) fields.Add(f);
                    else deselected.Add(f);
                }
            }
            result[name] = new StreamSelection(name, selected, fields, deselected, method);
        }
        return result;
    }

    private static string? Str(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Bool(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}
