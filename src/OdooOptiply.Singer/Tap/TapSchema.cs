// From a model's fields_get to the stream's JSON Schema, one field at a time. The mapping of every Odoo
// field type (docs/singer.md "Schemas") lives here and in TapValues, which writes the values to match:
// empty (Odoo's false) is null for every type but boolean, datetimes are RFC 3339 UTC.
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;

namespace OdooOptiply.Singer.Tap;

/// <summary>One field of a stream: its name, its Odoo type and its JSON Schema.</summary>
public sealed record TapField(string Name, string OdooType, JsonObject Schema, bool Automatic, bool SelectedByDefault, string? Label);

public static class TapSchema
{
    /// <summary>The fields of a stream on this server: every field of fields_get but the ignored ones, in name order
    /// (id and write_date first). Binary fields are there, not selected by default (a read of images is heavy).</summary>
    public static IReadOnlyList<TapField> Fields(OdooFields fields, IReadOnlySet<string> ignored)
    {
        var list = new List<TapField>();
        foreach (var (name, attrs) in fields.All.OrderBy(kv => kv.Key is "id" ? 0 : kv.Key is TapStream.ReplicationKey ? 1 : 2).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (ignored.Contains(name) && name is not ("id" or TapStream.ReplicationKey)) continue;
            var type = attrs.GetString("type") ?? "char";
            var automatic = name is "id" or TapStream.ReplicationKey;
            list.Add(new TapField(name, type, For(name, type, attrs), automatic, type != "binary", attrs.GetString("string")));
        }
        return list;
    }

    /// <summary>The JSON Schema of a stream made of these fields.</summary>
    public static JsonObject Of(IEnumerable<TapField> fields)
    {
        var properties = new JsonObject();
        foreach (var f in fields) properties[f.Name] = f.Schema.DeepClone();
        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    /// <summary>Odoo type → JSON Schema. Every field may be null (Odoo's false) except id; booleans are true/false.</summary>
    public static JsonObject For(string name, string odooType, OdooRecord attrs)
    {
        if (name == "id") return new JsonObject { ["type"] = "integer" };
        JsonObject Typed(string type, string? format = null)
        {
            var o = new JsonObject { ["type"] = new JsonArray(type, "null") };
            if (format is not null) o["format"] = format;
            return o;
        }
        return odooType switch
        {
            "integer" or "many2one_reference" => Typed("integer"),
            "float" or "monetary" => Typed("number"),
            "boolean" => Typed("boolean"),
            "char" or "text" or "html" or "reference" => Typed("string"),
            "date" => Typed("string", "date"),
            "datetime" => Typed("string", "date-time"),
            "binary" => new JsonObject { ["type"] = new JsonArray("string", "null"), ["contentEncoding"] = "base64" },
            "selection" => Selection(attrs),
            // [id, display name], as search_read returns it and tap-odoo passes it on.
            "many2one" => new JsonObject
            {
                ["type"] = new JsonArray("array", "null"),
                ["items"] = new JsonObject { ["type"] = new JsonArray("integer", "string") },
                ["minItems"] = 1, ["maxItems"] = 2,
            },
            "one2many" or "many2many" => new JsonObject { ["type"] = new JsonArray("array", "null"), ["items"] = new JsonObject { ["type"] = "integer" } },
            "json" => new JsonObject { ["type"] = new JsonArray("object", "array", "string", "number", "boolean", "null") },
            "properties" => new JsonObject { ["type"] = new JsonArray("array", "object", "null") },
            "properties_definition" => new JsonObject { ["type"] = new JsonArray("array", "null") },
            // A type this mapping does not know (a custom field type): any JSON value.
            _ => new JsonObject(),
        };
    }

    // A selection is an enum of its keys (and null); keys may be strings or integers depending on the field.
    private static JsonObject Selection(OdooRecord attrs)
    {
        var keys = attrs.Get("selection") is IReadOnlyList<object?> pairs
            ? pairs.OfType<IReadOnlyList<object?>>().Where(p => p.Count > 0).Select(p => p[0]).ToList()
            : [];
        var integers = keys.Count > 0 && keys.All(k => k is long);
        var o = new JsonObject { ["type"] = new JsonArray(integers ? "integer" : "string", "null") };
        if (keys.Count > 0 && keys.All(k => k is string or long))
        {
            var e = new JsonArray();
            foreach (var k in keys) e.Add(k is long l ? JsonValue.Create(l) : JsonValue.Create((string)k!));
            e.Add(null);
            o["enum"] = e;
        }
        return o;
    }
}
