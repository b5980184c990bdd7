// JSON side of the value model: JSON values to OdooRecord / lists / long / double / string / bool /
// null and back. Shared by JSON-RPC, JSON-2, domain parsing and the CLI's output.
using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace OdooOptiply.Odoo.Transport;

public static class OdooJson
{
    /// <summary>A JSON value as the value model (objects become OdooRecord, arrays lists).</summary>
    public static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => ToRecord(e),
        JsonValueKind.Array => ToList(e),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => ToNumber(e),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => throw new FormatException($"unexpected JSON {e.ValueKind}"),
    };

    public static OdooRecord ToRecord(JsonElement e)
    {
        var values = new Dictionary<string, object?>();
        // Field names are interned: every record of a read repeats them, and a stream that holds 20,000
        // records (supplier rows are read whole) would otherwise keep 20,000 copies of each.
        foreach (var p in e.EnumerateObject()) values[string.Intern(p.Name)] = ToValue(p.Value);
        return new OdooRecord(values);
    }

    private static List<object?> ToList(JsonElement e)
    {
        var items = new List<object?>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray()) items.Add(ToValue(item));
        return items;
    }

    // Integers stay integers (long), anything with a fraction or exponent is a double, and an
    // integer past 64 bits is an error rather than a silently rounded double.
    private static object ToNumber(JsonElement e)
    {
        if (e.TryGetInt64(out var l)) return l;
        var raw = e.GetRawText();
        if (raw.Contains('E', StringComparison.Ordinal))
        {
            if (raw == NaNMarker) return double.NaN;
            if (raw == InfinityMarker) return double.PositiveInfinity;
            if (raw == NegativeInfinityMarker) return double.NegativeInfinity;
        }
        if (raw.AsSpan().IndexOfAny(".eE") < 0) throw new FormatException($"integer {XmlRpcCodec.Shorten(raw)} does not fit in 64 bits");
        return e.GetDouble();
    }

    // What JsonNonFiniteStream puts in place of Python's bare NaN / Infinity / -Infinity, which System.Text.Json refuses:
    // valid JSON numbers that json.dumps never writes (it writes a lower-case e and no leading zeros in exponents).
    internal const string NaNMarker = "-0E-0000000000";
    internal const string InfinityMarker = "1E+0000000999";
    internal const string NegativeInfinityMarker = "-1E+0000000999";

    internal static byte[] MarkerOf(ReadOnlySpan<byte> word) => System.Text.Encoding.ASCII.GetBytes(
        word.SequenceEqual("NaN"u8) ? NaNMarker : word.SequenceEqual("Infinity"u8) ? InfinityMarker : NegativeInfinityMarker);

    /// <summary>Writes a value of the model (plus dictionaries, enumerables, DateTime as an Odoo string, byte[] as base64).</summary>
    public static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int or long or short or byte or sbyte or ushort or uint: w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: w.WriteNumberValue(u); break;
            case double d when !double.IsFinite(d): throw new ArgumentException($"{d} cannot be sent as JSON");
            case double or float: w.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case decimal m: w.WriteNumberValue(m); break;
            case string s: w.WriteStringValue(s); break;
            case DateTime dt: w.WriteStringValue(dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)); break;
            case byte[] bytes: w.WriteBase64StringValue(bytes); break;
            case JsonElement je: je.WriteTo(w); break;
            case OdooDomain domain: Write(w, domain.ToWire()); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                w.WriteStartObject();
                foreach (var (k, v) in map) { w.WritePropertyName(k); Write(w, v); }
                w.WriteEndObject();
                break;
            case IDictionary dict:
                w.WriteStartObject();
                foreach (DictionaryEntry entry in dict) { w.WritePropertyName(entry.Key as string ?? throw new ArgumentException("object keys must be strings")); Write(w, entry.Value); }
                w.WriteEndObject();
                break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) Write(w, item);
                w.WriteEndArray();
                break;
            default: throw new ArgumentException($"a {value.GetType().Name} cannot be sent as JSON");
        }
    }

    /// <summary>One value as compact JSON text (logs, CLI output).</summary>
    public static string Serialize(object? value, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w, value);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Parses JSON text into the value model.</summary>
    public static object? Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ToValue(doc.RootElement);
    }
}
