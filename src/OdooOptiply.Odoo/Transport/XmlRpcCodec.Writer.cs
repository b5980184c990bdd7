// XML-RPC codec, writing side: a methodCall (or methodResponse, for round trips and emulators) from
// plain .NET values. Dates go out as dateTime.iso8601, but Odoo wants date strings: callers send strings.
using System.Collections;
using System.Globalization;
using System.Text;

namespace OdooOptiply.Odoo.Transport;

public static partial class XmlRpcCodec
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A methodCall body, UTF-8.</summary>
    public static byte[] WriteCall(string methodName, IReadOnlyList<object?> parameters)
    {
        var sb = new StringBuilder(256);
        sb.Append("<?xml version=\"1.0\"?>\n<methodCall><methodName>");
        AppendEscaped(sb, methodName);
        sb.Append("</methodName><params>");
        foreach (var p in parameters)
        {
            sb.Append("<param>");
            AppendValue(sb, p, 0);
            sb.Append("</param>");
        }
        sb.Append("</params></methodCall>\n");
        return Utf8.GetBytes(sb.ToString());
    }

    /// <summary>A methodResponse holding one value, UTF-8.</summary>
    public static byte[] WriteResponse(object? value)
    {
        var sb = new StringBuilder(256);
        sb.Append("<?xml version=\"1.0\"?>\n<methodResponse><params><param>");
        AppendValue(sb, value, 0);
        sb.Append("</param></params></methodResponse>\n");
        return Utf8.GetBytes(sb.ToString());
    }

    /// <summary>A methodResponse holding a fault, UTF-8.</summary>
    public static byte[] WriteFault(int code, string message)
    {
        var sb = new StringBuilder(256);
        sb.Append("<?xml version=\"1.0\"?>\n<methodResponse><fault>");
        AppendValue(sb, new Dictionary<string, object?> { ["faultCode"] = code, ["faultString"] = message }, 0);
        sb.Append("</fault></methodResponse>\n");
        return Utf8.GetBytes(sb.ToString());
    }

    private static void AppendValue(StringBuilder sb, object? value, int depth)
    {
        if (depth > MaxDepth) throw new ArgumentException($"values nested deeper than {MaxDepth} levels cannot be sent");
        sb.Append("<value>");
        switch (value)
        {
            case null: sb.Append("<nil/>"); break;
            case bool b: sb.Append(b ? "<boolean>1</boolean>" : "<boolean>0</boolean>"); break;
            case int or short or byte or sbyte or ushort:
                sb.Append("<int>").Append(Convert.ToInt32(value, CultureInfo.InvariantCulture)).Append("</int>"); break;
            case long or uint or ulong: AppendInteger(sb, value); break;
            case double or float or decimal: AppendDouble(sb, Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case string s: sb.Append("<string>"); AppendEscaped(sb, s); sb.Append("</string>"); break;
            case DateTime dt:
                sb.Append("<dateTime.iso8601>").Append(dt.ToString("yyyyMMdd'T'HH:mm:ss", CultureInfo.InvariantCulture)).Append("</dateTime.iso8601>"); break;
            case byte[] bytes: sb.Append("<base64>").Append(Convert.ToBase64String(bytes)).Append("</base64>"); break;
            case OdooDomain domain: AppendArray(sb, domain.ToWire(), depth); break;
            case IEnumerable<KeyValuePair<string, object?>> map: AppendStruct(sb, map, depth); break;
            case IDictionary dict: AppendStruct(sb, dict.Cast<DictionaryEntry>().Select(e => KeyValuePair.Create(e.Key as string ?? throw new ArgumentException("struct keys must be strings"), e.Value)), depth); break;
            case IEnumerable list: AppendArray(sb, list, depth); break;
            default: throw new ArgumentException($"a {value.GetType().Name} cannot be sent over XML-RPC");
        }
        sb.Append("</value>");
    }

    // Odoo's server reads <i8>; ints past 64 bits cannot be expressed at all.
    private static void AppendInteger(StringBuilder sb, object value)
    {
        if (value is ulong u && u > long.MaxValue) throw new ArgumentException($"integer {u} does not fit in 64 bits");
        var l = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        var tag = l is >= int.MinValue and <= int.MaxValue ? "int" : "i8";
        sb.Append('<').Append(tag).Append('>').Append(l.ToString(CultureInfo.InvariantCulture)).Append("</").Append(tag).Append('>');
    }

    private static void AppendDouble(StringBuilder sb, double d)
    {
        if (!double.IsFinite(d)) throw new ArgumentException($"{d} cannot be sent over XML-RPC");
        sb.Append("<double>").Append(d.ToString("R", CultureInfo.InvariantCulture)).Append("</double>");
    }

    private static void AppendStruct(StringBuilder sb, IEnumerable<KeyValuePair<string, object?>> members, int depth)
    {
        sb.Append("<struct>");
        foreach (var (name, v) in members)
        {
            sb.Append("<member><name>");
            AppendEscaped(sb, name);
            sb.Append("</name>");
            AppendValue(sb, v, depth + 1);
            sb.Append("</member>");
        }
        sb.Append("</struct>");
    }

    private static void AppendArray(StringBuilder sb, IEnumerable items, int depth)
    {
        sb.Append("<array><data>");
        foreach (var item in items) AppendValue(sb, item, depth + 1);
        sb.Append("</data></array>");
    }

    // Escapes markup; CR is sent as a reference so XML line-end normalisation keeps it.
    private static void AppendEscaped(StringBuilder sb, string s)
    {
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\r': sb.Append("&#13;"); break;
                case < ' ' when c is not ('\t' or '\n'):
                    throw new ArgumentException($"XML cannot carry the control character U+{(int)c:X4}; remove it before sending");
                default: sb.Append(c); break;
            }
        }
    }
}
