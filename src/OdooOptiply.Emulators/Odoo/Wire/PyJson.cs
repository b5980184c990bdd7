// JSON as Odoo's Python server writes it (json.dumps: ", " and ": " separators, floats in repr form,
// non-ASCII kept), and request JSON read into the same plain values the XML-RPC reader produces.
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OdooOptiply.Emulators.Odoo.Wire;

internal static class PyJson
{
    public static void Write(TextWriter w, object? value)
    {
        switch (value)
        {
            case null: w.Write("null"); break;
            case bool b: w.Write(b ? "true" : "false"); break;
            case long or int: w.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)); break;
            case double d: w.Write(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyFormat.Float(d)); break;
            case string s: WriteString(w, s); break;
            case DateTime dt: WriteString(w, dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)); break;
            case byte[] bytes: WriteString(w, Convert.ToBase64String(bytes)); break;
            case IReadOnlyDictionary<string, object?> d:
                w.Write('{');
                var first = true;
                foreach (var (k, v) in d)
                {
                    if (!first) w.Write(", ");
                    first = false;
                    WriteString(w, k); w.Write(": "); Write(w, v);
                }
                w.Write('}');
                break;
            case System.Collections.IEnumerable list:
                w.Write('[');
                var firstItem = true;
                foreach (var item in list)
                {
                    if (!firstItem) w.Write(", ");
                    firstItem = false;
                    Write(w, item);
                }
                w.Write(']');
                break;
            default: WriteString(w, value.ToString() ?? ""); break;
        }
    }

    public static string Serialize(object? value)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        Write(sw, value);
        return sw.ToString();
    }

    private static void WriteString(TextWriter w, string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        w.Write(sb.Append('"').ToString());
    }

    /// <summary>Reads a JSON element into plain values: integers become long, other numbers double.</summary>
    public static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) && !e.GetRawText().Contains('.') ? (object)l : e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value)),
        _ => null,
    };
}
