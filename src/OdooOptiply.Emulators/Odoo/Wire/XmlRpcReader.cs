// Parses an XML-RPC methodCall into a method name and plain values (long, double, bool, string,
// DateTime, byte[], null, List<object?>, Dictionary<string, object?>), refusing DTDs and entities.
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace OdooOptiply.Emulators.Odoo.Wire;

internal static class XmlRpcReader
{
    public static async Task<(string Method, List<object?> Params)> ReadCallAsync(Stream body, CancellationToken ct)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true };
        using var reader = XmlReader.Create(body, settings);
        var doc = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        var call = doc.Root ?? throw new FormatException("empty XML-RPC request");
        var method = call.Element("methodName")?.Value.Trim() ?? throw new FormatException("methodName missing");
        var ps = call.Element("params")?.Elements("param").Select(p => Value(p.Element("value"))).ToList() ?? [];
        return (method, ps);
    }

    public static object? Value(XElement? value)
    {
        if (value is null) return null;
        var typed = value.Elements().FirstOrDefault();
        if (typed is null) return value.Value; // <value>text</value> is a string
        var text = typed.Value;
        return typed.Name.LocalName switch
        {
            "int" or "i4" or "i8" or "i1" or "i2" or "biginteger" => long.Parse(text.Trim(), CultureInfo.InvariantCulture),
            "double" => double.Parse(text.Trim(), CultureInfo.InvariantCulture),
            "boolean" => text.Trim() == "1",
            "string" => text,
            "nil" => null,
            "dateTime.iso8601" => DateTime.ParseExact(text.Trim(), ["yyyyMMdd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            "base64" => Convert.FromBase64String(text.Trim()),
            "array" => typed.Element("data")?.Elements("value").Select(Value).ToList() ?? [],
            "struct" => Struct(typed),
            var other => throw new FormatException($"unknown XML-RPC type <{other}>"),
        };
    }

    private static Dictionary<string, object?> Struct(XElement s)
    {
        var d = new Dictionary<string, object?>();
        foreach (var m in s.Elements("member")) d[m.Element("name")?.Value ?? ""] = Value(m.Element("value"));
        return d;
    }
}
