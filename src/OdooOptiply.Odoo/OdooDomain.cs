// An Odoo search domain (prefix notation: "&", "|", "!" and [field, operator, value] leaves), immutable.
// Built in code (Leaf/And/Or/Not) or parsed from Odoo's JSON form; ToWire() gives what the server reads.
using System.Text.Json;
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Odoo;

public sealed class OdooDomain
{
    private static readonly HashSet<string> Operators = ["&", "|", "!"];
    private readonly IReadOnlyList<object?> _items;

    private OdooDomain(IReadOnlyList<object?> items) => _items = items;

    /// <summary>The empty domain: every record (subject to active_test).</summary>
    public static OdooDomain All { get; } = new([]);

    public bool IsAll => _items.Count == 0;

    public static OdooDomain Leaf(string field, string op, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentException.ThrowIfNullOrWhiteSpace(op);
        return new([new object?[] { field, op, Normalize(value) }]);
    }

    /// <summary>Records with at least one related record (x2many or many2one <paramref name="field"/>) matching
    /// <paramref name="sub"/>: Odoo's "any" operator (17+), one subquery on the server.</summary>
    public static OdooDomain Any(string field, OdooDomain sub) => new([new object?[] { field, "any", sub._items }]);

    public OdooDomain And(params OdooDomain[] others) => Combine("&", [this, .. others]);

    public OdooDomain Or(params OdooDomain[] others) => Combine("|", [this, .. others]);

    public OdooDomain Not() => IsAll ? throw new InvalidOperationException("cannot negate the empty domain") : new(["!", .. Normalized(_items)]);

    /// <summary>Odoo's expression.AND/OR: every part made one term first (its implicit ANDs written out), then
    /// n-1 operators for n parts. A parsed [a, b] is two terms; prefixing one '&amp;' for it and another part
    /// would read as a AND b, with the other part left over.</summary>
    public static OdooDomain Combine(string op, IEnumerable<OdooDomain> domains)
    {
        var parts = domains.Where(d => !d.IsAll).ToList();
        if (parts.Count == 0) return All;
        if (parts.Count == 1) return parts[0];
        var items = new List<object?>();
        for (var i = 1; i < parts.Count; i++) items.Add(op);
        foreach (var p in parts) items.AddRange(Normalized(p._items));
        return new(items);
    }

    /// <summary>Odoo's normalize_domain: one '&amp;' in front for each top-level term after the first.</summary>
    private static IReadOnlyList<object?> Normalized(IReadOnlyList<object?> items)
    {
        var result = new List<object?>(items.Count + 2);
        var expected = 1; // terms still needed to complete the expression read so far
        foreach (var item in items)
        {
            if (expected == 0)
            {
                result.Insert(0, "&");
                expected = 1;
            }
            expected += item switch { "!" => 0, "&" or "|" => 1, _ => -1 };
            result.Add(item);
        }
        return result;
    }

    /// <summary>Parses Odoo's JSON form, e.g. [["active","=",true],"|",["a","=",1],["b","=",2]].</summary>
    public static OdooDomain Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json); }
        catch (JsonException e) { throw new FormatException($"domain is not valid JSON: {e.Message}", e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException("a domain must be a JSON array");
            var items = new List<object?>();
            foreach (var item in doc.RootElement.EnumerateArray()) items.Add(ParseItem(item));
            return new(items);
        }
    }

    private static object? ParseItem(JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            var op = item.GetString()!;
            return Operators.Contains(op) ? op : throw new FormatException($"'{op}' is not a domain operator (&, |, !)");
        }
        if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 3)
            throw new FormatException($"a domain leaf must be [field, operator, value], got {item.GetRawText()}");
        var field = item[0].ValueKind == JsonValueKind.String ? item[0].GetString()! : throw new FormatException("a leaf's field must be a string");
        var op2 = item[1].ValueKind == JsonValueKind.String ? item[1].GetString()! : throw new FormatException("a leaf's operator must be a string");
        return new object?[] { field, op2, OdooJson.ToValue(item[2]) };
    }

    private static object? Normalize(object? value) => value switch
    {
        int i => (long)i,
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>The list the server reads: operator strings and [field, op, value] arrays.</summary>
    public IReadOnlyList<object?> ToWire() => _items;

    /// <summary>Odoo's JSON form (also what the logs show).</summary>
    public override string ToString() => OdooJson.Serialize(_items);
}
