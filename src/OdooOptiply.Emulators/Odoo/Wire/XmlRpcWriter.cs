// Writes XML-RPC responses byte for byte the way Odoo (Python's xmlrpc.client.dumps) does:
// one element per line, doubles in Python repr, only &, < and > escaped, never <nil/>.
using System.Globalization;
using System.Text;

namespace OdooOptiply.Emulators.Odoo.Wire;

internal static class XmlRpcWriter
{
    private const string Head = "<?xml version=\"1.0\"?>\n<methodResponse>\n";
    private const string Tail = "\n</methodResponse>\n";

    public static void WriteResponse(TextWriter w, object? result)
    {
        w.Write(Head);
        w.Write("<params>\n<param>\n");
        WriteValue(w, result);
        w.Write("</param>\n</params>\n");
        w.Write(Tail);
    }

    public static void WriteFault(TextWriter w, int code, string message)
    {
        w.Write(Head);
        w.Write("<fault>\n");
        WriteValue(w, new Dictionary<string, object?> { ["faultCode"] = (long)code, ["faultString"] = message });
        w.Write("</fault>\n");
        w.Write(Tail);
    }

    public static void WriteValue(TextWriter w, object? value)
    {
        switch (value)
        {
            case null:
                // Python refuses to marshal None (allow_none=False); callers must never get here.
                throw new InvalidOperationException("cannot marshal None unless allow_none is enabled");
            case bool b:
                w.Write(b ? "<value><boolean>1</boolean></value>\n" : "<value><boolean>0</boolean></value>\n");
                break;
            case long or int:
                var l = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                if (l is > int.MaxValue or < int.MinValue) throw new OverflowException("int exceeds XML-RPC limits");
                w.Write("<value><int>"); w.Write(l.ToString(CultureInfo.InvariantCulture)); w.Write("</int></value>\n");
                break;
            case double d:
                w.Write("<value><double>"); w.Write(PyFormat.Float(d)); w.Write("</double></value>\n");
                break;
            case string s:
                w.Write("<value><string>"); Escape(w, s); w.Write("</string></value>\n");
                break;
            case byte[] bytes:
                w.Write("<value><base64>\n"); w.Write(Convert.ToBase64String(bytes)); w.Write("\n</base64></value>\n");
                break;
            case IReadOnlyDictionary<string, object?> d:
                w.Write("<value><struct>\n");
                foreach (var (k, v) in d)
                {
                    w.Write("<member>\n<name>"); Escape(w, k); w.Write("</name>\n");
                    WriteValue(w, v);
                    w.Write("</member>\n");
                }
                w.Write("</struct></value>\n");
                break;
            case System.Collections.IEnumerable list:
                w.Write("<value><array><data>\n");
                foreach (var item in list) WriteValue(w, item);
                w.Write("</data></array></value>\n");
                break;
            default:
                throw new InvalidOperationException($"cannot marshal {value.GetType().Name} objects");
        }
    }

    private static void Escape(TextWriter w, string s)
    {
        if (s.AsSpan().IndexOfAny('&', '<', '>') < 0) { w.Write(s); return; }
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        w.Write(sb.ToString());
    }
}
