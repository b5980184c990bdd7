// Finds the captured real-server traffic under reference/odoo (walking up from the test binaries)
// and reduces answers to their shape: keys in order and value types, False matching any empty value.
using System.Xml.Linq;
using OdooOptiply.Emulators.Odoo.Wire;

namespace OdooOptiply.Emulators.Tests.Odoo;

internal static class ReferenceCaptures
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "reference", "odoo");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("reference/odoo not found above " + AppContext.BaseDirectory);
    }

    public static string Dir(int version, string kind) => Path.Combine(Root, version.ToString(System.Globalization.CultureInfo.InvariantCulture), kind);

    /// <summary>Names of the captures of one kind: every NAME with a NAME.request.* file.</summary>
    public static IEnumerable<string> Names(int version, string kind, string requestExt) =>
        Directory.GetFiles(Dir(version, kind), "*.request." + requestExt).Select(f => Path.GetFileName(f)[..^(".request." + requestExt).Length]).Order();

    /// <summary>Status line and headers of a capture, e.g. ("200", {"Content-Type": ...}).</summary>
    public static (int Status, Dictionary<string, string> Headers) Headers(string path)
    {
        var lines = File.ReadAllLines(path);
        var status = int.Parse(System.Text.RegularExpressions.Regex.Match(lines[0], @"HTTP(?:/1\.1)? (\d{3})").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Where(l => l.Contains(':')).ToDictionary(l => l[..l.IndexOf(':')], l => l[(l.IndexOf(':') + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
        return (status, headers);
    }

    /// <summary>A methodResponse: (fault code, fault string) or the result value.</summary>
    public static (int? FaultCode, string? FaultString, object? Result) ParseXmlResponse(string xml)
    {
        var root = XDocument.Parse(xml).Root!;
        var fault = root.Element("fault");
        if (fault is not null)
        {
            var s = (IReadOnlyDictionary<string, object?>)XmlRpcReader.Value(fault.Element("value"))!;
            return ((int)(long)s["faultCode"]!, (string)s["faultString"]!, null);
        }
        return (null, null, XmlRpcReader.Value(root.Element("params")!.Element("param")!.Element("value")));
    }

    /// <summary>The shape of a value: type names, struct keys in order, first element of arrays of structs.</summary>
    public static string Shape(object? v) => v switch
    {
        null => "null",
        bool => "bool",
        long => "int",
        double => "double",
        string => "string",
        IReadOnlyDictionary<string, object?> d => "{" + string.Join(",", d.Select(kv => kv.Key + ":" + Shape(kv.Value))) + "}",
        IReadOnlyList<object?> l when l.Count == 2 && l[0] is long && l[1] is string => "m2o",
        IReadOnlyList<object?> l => "[" + (l.Count > 0 && l[0] is IReadOnlyDictionary<string, object?> ? Shape(l[0]) : "") + "]",
        _ => v.GetType().Name,
    };

    /// <summary>True when <paramref name="actual"/> has the shape of <paramref name="expected"/>; an empty value
    /// (False, or an empty list for x2many) on either side matches a relational or text value on the other.</summary>
    public static bool SameShape(object? expected, object? actual, out string why)
    {
        why = "";
        switch (expected, actual)
        {
            case (IReadOnlyDictionary<string, object?> e, IReadOnlyDictionary<string, object?> a):
                if (!e.Keys.SequenceEqual(a.Keys)) { why = $"keys [{string.Join(",", e.Keys)}] vs [{string.Join(",", a.Keys)}]"; return false; }
                foreach (var k in e.Keys)
                    if (!SameShape(e[k], a[k], out var w)) { why = $"{k}: {w}"; return false; }
                return true;
            case (IReadOnlyList<object?> e, IReadOnlyList<object?> a) when e.Count > 0 && e[0] is IReadOnlyDictionary<string, object?>:
                if (a.Count == 0) { why = "empty list"; return false; }
                foreach (var x in a)
                    if (!SameShape(e[0], x, out why)) return false;
                return true;
            case (false, not bool): case (not bool, false):
                return true; // Odoo's False stands for an empty value of any non-boolean field
            default:
                var (se, sa) = (Shape(expected), Shape(actual));
                if (se == sa || (se.StartsWith('[') && sa.StartsWith('['))) return true;
                why = $"{se} vs {sa}";
                return false;
        }
    }
}
