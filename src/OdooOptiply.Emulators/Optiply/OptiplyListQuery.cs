// The query part of a list request (reference §4, checklist 4–5): filter[attr]=v, filter[attr][OP]=v with
// Crnk's operators EQ NEQ LIKE LT LE GT GE, the literal null, sort=±attr[,…], page[limit] / page[offset]
// with the paging rules answered as 400.
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace OdooOptiply.Emulators.Optiply;

internal sealed record OptiplyFilter(AttrSpec Attr, string Op, IComparable? Value);

internal sealed record OptiplySort(AttrSpec Attr, bool Descending);

internal sealed partial class OptiplyListQuery
{
    private static readonly AttrSpec IdAttr = new("id", AttrType.Integer);
    private static readonly string[] Operators = ["EQ", "NEQ", "LIKE", "LT", "LE", "GT", "GE"];

    [GeneratedRegex(@"^filter\[([^\]]+)\](?:\[([^\]]+)\])?$")]
    private static partial Regex FilterKey();

    public List<OptiplyFilter> Filters { get; } = [];
    public List<OptiplySort> Sorts { get; } = [];
    public int Limit { get; private set; } = OptiplyGuesses.DefaultPageLimit;
    public long Offset { get; private set; }
    public bool IsDefaultOrder => Sorts.Count == 0 || Sorts is [{ Attr.Name: "id", Descending: false }];

    public static OptiplyListQuery Parse(ResourceSpec spec, IQueryCollection query)
    {
        var q = new OptiplyListQuery();
        foreach (var (key, values) in query)
        {
            if (FilterKey().Match(key) is { Success: true } m) q.AddFilter(spec, m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : "EQ", values.ToString());
            else if (key == "sort") q.AddSorts(spec, values.ToString());
        }
        q.ParsePaging(query);
        return q;
    }

    private static AttrSpec Attribute(ResourceSpec spec, string name) =>
        name == "id" ? IdAttr
        : spec.Attributes.TryGetValue(name, out var a) && !a.WriteOnly ? a
        : throw OptiplyApiError.BadRequest($"{spec.Type}.{name} not found");

    private void AddFilter(ResourceSpec spec, string name, string op, string value)
    {
        var attr = Attribute(spec, name);
        op = op.ToUpperInvariant();
        if (!Operators.Contains(op)) throw OptiplyApiError.BadRequest($"unknown filter operator {op}");
        IComparable? typed = value == "null" ? null : op == "LIKE" ? value : OptiplyValues.ParseFilter(attr, value);
        Filters.Add(new OptiplyFilter(attr, op, typed));
    }

    private void AddSorts(ResourceSpec spec, string value)
    {
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Sorts.Add(part.StartsWith('-') ? new(Attribute(spec, part[1..]), true) : new(Attribute(spec, part.TrimStart('+')), false));
    }

    private void ParsePaging(IQueryCollection query)
    {
        if (query.TryGetValue("page[limit]", out var l))
        {
            if (!long.TryParse(l.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
                throw OptiplyApiError.BadRequest($"invalid page[limit] value '{l}'");
            if (limit > OptiplyGuesses.MaxPageLimit) throw OptiplyApiError.BadRequest(OptiplyGuesses.LimitTooLarge(limit));
            Limit = (int)limit;
        }
        if (query.TryGetValue("page[offset]", out var o))
        {
            if (!long.TryParse(o.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                throw OptiplyApiError.BadRequest($"invalid page[offset] value '{o}'");
            if (offset % Limit != 0) throw OptiplyApiError.BadRequest(OptiplyGuesses.OffsetNotMultiple(offset, Limit));
            Offset = offset;
        }
    }

    private static IComparable? Value(AttrSpec a, long id, JsonObject attrs) => a.Name == "id" ? id : OptiplyValues.Typed(a, attrs[a.Name]);

    public bool Matches(long id, JsonObject attrs) => Filters.All(f => Test(f, Value(f.Attr, id, attrs)));

    private static bool Test(OptiplyFilter f, IComparable? actual)
    {
        if (f.Value is null) return f.Op == "NEQ" ? actual is not null : actual is null;
        if (actual is null) return f.Op == "NEQ";
        if (f.Op == "LIKE") return Like(actual.ToString() ?? "", (string)f.Value);
        if (actual is string s && f.Attr.Enum is not null) actual = s.ToLowerInvariant();
        var c = actual.CompareTo(f.Value);
        return f.Op switch { "EQ" => c == 0, "NEQ" => c != 0, "LT" => c < 0, "LE" => c <= 0, "GT" => c > 0, _ => c >= 0 };
    }

    // OptiplyGuesses.LikeIsCaseInsensitiveContains: "abc" matches "xAbCx"; % is any run of characters.
    private static bool Like(string actual, string pattern)
    {
        var body = string.Join(".*", pattern.Split('%').Select(Regex.Escape));
        return Regex.IsMatch(actual, pattern.Contains('%') ? $"^{body}$" : body, RegexOptions.IgnoreCase | RegexOptions.Singleline);
    }

    public IEnumerable<(long Id, JsonObject Attrs)> Sort(IEnumerable<(long Id, JsonObject Attrs)> rows)
    {
        var sorts = Sorts.Count == 0 ? [new OptiplySort(IdAttr, false)] : Sorts;
        IOrderedEnumerable<(long Id, JsonObject Attrs)>? ordered = null;
        foreach (var s in sorts.Append(new OptiplySort(IdAttr, false)))
        {
            Func<(long Id, JsonObject Attrs), IComparable?> key = r => Value(s.Attr, r.Id, r.Attrs);
            ordered = ordered is null
                ? (s.Descending ? rows.OrderByDescending(key, NullsFirst.Instance) : rows.OrderBy(key, NullsFirst.Instance))
                : (s.Descending ? ordered.ThenByDescending(key, NullsFirst.Instance) : ordered.ThenBy(key, NullsFirst.Instance));
        }
        return ordered!;
    }

    private sealed class NullsFirst : IComparer<IComparable?>
    {
        public static readonly NullsFirst Instance = new();
        public int Compare(IComparable? x, IComparable? y) => x is null ? (y is null ? 0 : -1) : y is null ? 1 : x.CompareTo(y);
    }
}
