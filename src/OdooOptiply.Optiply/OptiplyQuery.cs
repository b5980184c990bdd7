// A list query: filters (filter[attr]=v, filter[attr][OP]=v, the literal null), sort (sort=±attr) and
// page size. Immutable; each method returns a new query. Values are formatted here and URL-encoded
// when the request is built (a + in a timestamp offset must arrive as +, i.e. travel as %2B).
using System.Collections.Immutable;
using System.Globalization;

namespace OdooOptiply.Optiply;

/// <summary>Crnk's filter operators, as Optiply's documentation lists them.</summary>
public enum OptiplyOp { EQ, NEQ, LIKE, LT, LE, GT, GE }

public sealed record OptiplyQuery
{
    private ImmutableList<KeyValuePair<string, string>> Filters { get; init; } = [];
    private ImmutableList<string> Sorts { get; init; } = [];

    /// <summary>page[limit] for this query (1–100); null = the client's PageLimit.</summary>
    public int? PageLimit { get; init; }

    /// <summary>filter[attr]=value (equality).</summary>
    public OptiplyQuery Where(string attribute, object value) =>
        this with { Filters = Filters.Add(new($"filter[{attribute}]", Format(value))) };

    /// <summary>filter[attr][OP]=value.</summary>
    public OptiplyQuery Where(string attribute, OptiplyOp op, object value) =>
        this with { Filters = Filters.Add(new($"filter[{attribute}][{op}]", Format(value))) };

    /// <summary>filter[attr]=null: rows where the attribute has no value.</summary>
    public OptiplyQuery IsNull(string attribute) => this with { Filters = Filters.Add(new($"filter[{attribute}]", "null")) };

    public OptiplyQuery SortBy(string attribute, bool descending = false) =>
        this with { Sorts = Sorts.Add(descending ? "-" + attribute : attribute) };

    public OptiplyQuery WithPageLimit(int limit) => this with { PageLimit = limit };

    internal bool HasFilterOn(string attribute) => Filters.Any(f => f.Key == $"filter[{attribute}]" || f.Key.StartsWith($"filter[{attribute}][", StringComparison.Ordinal));

    /// <summary>The query parameters, not yet encoded.</summary>
    internal IEnumerable<KeyValuePair<string, string>> Parameters()
    {
        foreach (var f in Filters) yield return f;
        if (Sorts.Count > 0) yield return new("sort", string.Join(',', Sorts));
    }

    internal static string Format(object value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.UtcDateTime.ToString(OptiplyConstants.FilterTimestampFormat, CultureInfo.InvariantCulture),
        DateTime t => (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).ToString(OptiplyConstants.FilterTimestampFormat, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The encoded query string (filters and sort, no paging), e.g. for logs.</summary>
    public override string ToString() => Encode(Parameters());

    /// <summary>"k=v&amp;k2=v2" with keys and values percent-encoded (brackets, +, spaces, …).</summary>
    internal static string Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
