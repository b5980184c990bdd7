// One record (or any struct) exactly as Odoo sent it, with helpers that read Odoo's conventions
// (false = empty, many2one = [id, "name"], datetimes as "YYYY-MM-DD HH:MM:SS" UTC strings).
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OdooOptiply.Odoo;

public sealed class OdooRecord : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _values;

    public OdooRecord(Dictionary<string, object?> values) => _values = values;

    public OdooRecord(IEnumerable<KeyValuePair<string, object?>> values) => _values = new(values);

    public static OdooRecord Empty { get; } = new(new Dictionary<string, object?>());

    public long Id => GetLong("id");

    public object? this[string key] => _values[key];
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<object?> Values => _values.Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _values.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <summary>The raw value, or null when the field is missing or Odoo's false (empty).</summary>
    public object? Get(string field) =>
        _values.TryGetValue(field, out var v) && v is not false ? v : null;

    public string? GetString(string field) => Get(field) switch
    {
        null => null,
        string s => s,
        IReadOnlyList<object?> { Count: 2 } m2o when m2o[1] is string name => name,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>The id of a many2one ([id, "name"]) or an integer field; null when empty.</summary>
    public long? GetId(string field) => Get(field) switch
    {
        null => null,
        long l => l,
        double d when d == Math.Floor(d) => (long)d,
        IReadOnlyList<object?> { Count: > 0 } m2o when m2o[0] is long id => id,
        var other => throw new FormatException($"field '{field}' is not a many2one or an id: {Describe(other)}"),
    };

    /// <summary>The display name of a many2one ([id, "name"]); null when empty.</summary>
    public string? GetRefName(string field) =>
        Get(field) is IReadOnlyList<object?> { Count: 2 } m2o ? m2o[1] as string : null;

    /// <summary>A finite number (NaN and ±Infinity, which the lenient codecs read, are refused here by name: a record
    /// carrying one must fail loudly, never travel as 0).</summary>
    public double GetDouble(string field) => Get(field) switch
    {
        null => 0,
        double d when !double.IsFinite(d) => throw new FormatException($"field '{field}' is not a finite number: {d.ToString(CultureInfo.InvariantCulture)}"),
        double d => d,
        long l => l,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        var other => throw new FormatException($"field '{field}' is not a number: {Describe(other)}"),
    };

    public long GetLong(string field) => Get(field) switch
    {
        null => 0,
        long l => l,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9.2e18 => (long)d,
        var other => throw new FormatException($"field '{field}' is not an integer: {Describe(other)}"),
    };

    public bool GetBool(string field) => Get(field) switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        var other => throw new FormatException($"field '{field}' is not a boolean: {Describe(other)}"),
    };

    /// <summary>A date or datetime as UTC; Odoo sends "YYYY-MM-DD HH:MM:SS" (UTC) or "YYYY-MM-DD".</summary>
    public DateTime? GetDateTime(string field) => Get(field) switch
    {
        null => null,
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        string s => ParseOdooDateTime(s) ?? throw new FormatException($"field '{field}' is not an Odoo date: '{s}'"),
        var other => throw new FormatException($"field '{field}' is not a date: {Describe(other)}"),
    };

    /// <summary>The ids of a one2many / many2many field; empty when false or missing.</summary>
    public IReadOnlyList<long> GetIds(string field) => Get(field) switch
    {
        null => [],
        IReadOnlyList<object?> list => list.Select(x => x is long l ? l : throw new FormatException($"field '{field}' holds a non-id {Describe(x)}")).ToArray(),
        var other => throw new FormatException($"field '{field}' is not a list of ids: {Describe(other)}"),
    };

    internal static DateTime? ParseOdooDateTime(string s) =>
        DateTime.TryParseExact(s, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt) ? dt : null;

    private static string Describe(object? value) => value is null ? "null" : value.GetType().Name;

    public override string ToString() => $"OdooRecord(id={(_values.TryGetValue("id", out var id) ? id : "?")}, {Count} fields)";
}
