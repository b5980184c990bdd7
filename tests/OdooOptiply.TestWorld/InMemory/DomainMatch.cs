// Evaluates an OdooDomain (prefix notation: "&", "|", "!", [field, op, value] leaves) over an in-memory record, for the
// in-memory Odoo port: =, !=, <, <=, >, >=, in, not in, like/ilike on plain fields; a many2one ([id, "name"]) compares
// by its id; Odoo's false matches a missing or empty value. What the engine's reads use — nothing more.
using System.Globalization;
using System.Text.Json;
using OdooOptiply.Odoo;

namespace OdooOptiply.TestWorld.InMemory;

internal static class DomainMatch
{
    public static bool Matches(OdooDomain domain, IReadOnlyDictionary<string, object?> record)
    {
        var items = domain.ToWire();
        if (items.Count == 0) return true;
        var pos = 0;
        var all = true;
        while (pos < items.Count) all &= Eval(items, ref pos, record); // implicit AND of the top-level terms
        return all;
    }

    private static bool Eval(IReadOnlyList<object?> items, ref int pos, IReadOnlyDictionary<string, object?> record)
    {
        var item = items[pos++];
        switch (item)
        {
            case "&": { var a = Eval(items, ref pos, record); var b = Eval(items, ref pos, record); return a && b; }
            case "|": { var a = Eval(items, ref pos, record); var b = Eval(items, ref pos, record); return a || b; }
            case "!": return !Eval(items, ref pos, record);
            case IReadOnlyList<object?> { Count: 3 } leaf: return Leaf((string)leaf[0]!, (string)leaf[1]!, leaf[2], record);
            case object?[] { Length: 3 } leaf: return Leaf((string)leaf[0]!, (string)leaf[1]!, leaf[2], record);
            default: throw new NotSupportedException($"in-memory Odoo: domain term {JsonSerializer.Serialize(item)}");
        }
    }

    private static bool Leaf(string field, string op, object? value, IReadOnlyDictionary<string, object?> record)
    {
        if (field.Contains('.')) throw new NotSupportedException($"in-memory Odoo: dotted field {field}");
        record.TryGetValue(field, out var raw);
        var have = Plain(raw);
        var want = Plain(value);
        return op switch
        {
            "=" => Same(have, want),
            "!=" => !Same(have, want),
            "<" => have is not null && want is not null && Compare(have, want) < 0,
            "<=" => have is not null && want is not null && Compare(have, want) <= 0,
            ">" => have is not null && want is not null && Compare(have, want) > 0,
            ">=" => have is not null && want is not null && Compare(have, want) >= 0,
            "in" => Values(value).Any(v => Same(have, Plain(v))),
            "not in" => !Values(value).Any(v => Same(have, Plain(v))),
            "like" or "ilike" => have is string s && want is string w && s.Contains(w, op == "ilike" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
            _ => throw new NotSupportedException($"in-memory Odoo: operator {op}"),
        };
    }

    private static IEnumerable<object?> Values(object? value) => value switch
    {
        string or null => [value],
        System.Collections.IEnumerable e => e.Cast<object?>(),
        _ => [value],
    };

    /// <summary>A comparable form: null for empty/false, a many2one's id, numbers as decimal, text as is.</summary>
    internal static object? Plain(object? v) => v switch
    {
        null or false => null,
        IReadOnlyList<object?> { Count: 2 } m2o when m2o[1] is string => Plain(m2o[0]),
        object?[] { Length: 2 } m2o when m2o[1] is string => Plain(m2o[0]),
        int or long or short or decimal or double or float => Convert.ToDecimal(v, CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.Number } j => j.GetDecimal(),
        JsonElement { ValueKind: JsonValueKind.String } j => j.GetString(),
        JsonElement { ValueKind: JsonValueKind.False or JsonValueKind.Null } => null,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => v,
    };

    private static bool Same(object? a, object? b) => a is null ? b is null : b is not null && Compare(a, b) == 0;

    internal static int Compare(object a, object b) => (a, b) switch
    {
        (decimal x, decimal y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (bool x, bool y) => x.CompareTo(y),
        _ => string.CompareOrdinal(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture)),
    };
}
