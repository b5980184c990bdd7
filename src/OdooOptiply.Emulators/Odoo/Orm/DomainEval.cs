// Evaluates a parsed domain against one stored row, with Odoo's semantics: False matches empty,
// '!=' and 'not in' include empty values, negative operators on a path mean "no related record
// matches", like/ilike wrap the value in %, and dotted paths follow many2one and x2many fields.
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using OdooOptiply.Emulators.Odoo.Schema;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed partial class Orm
{
    public bool Matches(Env env, DomainNode node, Row row) => node switch
    {
        ConstNode c => c.Value,
        AndNode a => a.Children.All(c => Matches(env, c, row)),
        OrNode o => o.Children.Any(c => Matches(env, c, row)),
        NotNode n => !Matches(env, n.Child, row),
        LeafNode leaf => MatchLeaf(env, leaf, 0, row),
        _ => false,
    };

    private static readonly HashSet<string> Negative = ["!=", "not in", "not like", "not ilike", "not any"];

    private bool MatchLeaf(Env env, LeafNode leaf, int depth, Row row)
    {
        var f = leaf.Path[depth];
        var model = leaf.Models[depth];
        var value = Value(env, model, row, f);
        if (depth < leaf.Path.Count - 1)
        {
            var targets = RelatedRows(f, value).ToList();
            if (Negative.Contains(leaf.Op))
            {
                var positive = leaf with { Op = Positive(leaf.Op) };
                return !targets.Any(t => MatchLeaf(env, positive, depth + 1, t));
            }
            return targets.Any(t => MatchLeaf(env, leaf, depth + 1, t));
        }
        return Compare(env, f, value, leaf.Op, leaf.Value);
    }

    private static string Positive(string op) => op switch { "!=" => "=", "not in" => "in", "not like" => "like", "not ilike" => "ilike", _ => "any" };

    private IEnumerable<Row> RelatedRows(FieldDef f, object? value)
    {
        if (f.Relation is null) yield break;
        var ids = value switch { long id => [id], IEnumerable<long> many => many, _ => [] };
        foreach (var id in ids) if (Get(f.Relation, id) is { } r) yield return r;
    }

    private bool Compare(Env env, FieldDef f, object? v, string op, object? target)
    {
        if (op is "any" or "not any")
        {
            var sub = Domain.Parse(Profile, f.Relation ?? "", target as IReadOnlyList<object?>);
            var any = RelatedRows(f, v).Any(r => Matches(env, sub, r));
            return op == "any" ? any : !any;
        }
        if (f.IsX2Many) return CompareMany(env, f, v as IEnumerable<long> ?? [], op, target);
        if (f.IsMany2One && target is string name && op is "=" or "!=" or "like" or "ilike" or "not like" or "not ilike" or "=like" or "=ilike")
            v = v is long id ? DisplayName(env, f.Relation!, id) : null;
        if (op is "child_of" or "parent_of") return ChildOf(f, v, target, op == "parent_of");
        if (op.StartsWith("not ", StringComparison.Ordinal) || op == "!=")
            return !Compare(env, f, v, op == "!=" ? "=" : op[4..], target);
        return op switch
        {
            "=" => EqualsValue(f, v, target),
            "in" => In(f, v, target),
            "like" or "ilike" or "=like" or "=ilike" => Like(v, target, op),
            _ => Order(f, v, target) is { } c && op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 },
        };
    }

    // The list of a parsed leaf is one object for the whole search, so its set of ids is built once and
    // each row costs a lookup, not a scan of the list (a 1000-id chunk against 100,000 rows otherwise
    // costs 10^8 comparisons). Lists of anything but whole numbers take the general path.
    private static readonly ConditionalWeakTable<object, HashSet<long>?> WholeNumberSets = new();

    private static bool In(FieldDef f, object? v, object? target)
    {
        if (target is not IEnumerable<object?> list) return false;
        if (f.Type != "boolean" && WholeNumberSets.GetValue(target, _ => WholeNumbers(list)) is { } set)
        {
            if (v is long l) return set.Contains(l);
            if (IsEmpty(v)) return false;
        }
        return list.Any(t => EqualsValue(f, v, t));
    }

    private static HashSet<long>? WholeNumbers(IEnumerable<object?> list)
    {
        var set = new HashSet<long>();
        foreach (var t in list)
            if (t is long l) set.Add(l);
            else return null;
        return set;
    }

    private bool CompareMany(Env env, FieldDef f, IEnumerable<long> ids, string op, object? target)
    {
        var set = ids.ToHashSet();
        var wanted = target switch
        {
            false or null => null,
            IEnumerable<object?> list => list.Select(Env.AsLong).Where(x => x is not null).Select(x => x!.Value).ToHashSet(),
            var x when Env.AsLong(x) is { } one => [one],
            _ => null,
        };
        if (target is string s && f.Relation is not null)
        {
            var hit = set.Any(id => Like(DisplayName(env, f.Relation, id), s, "ilike"));
            return op.StartsWith("not", StringComparison.Ordinal) || op == "!=" ? !hit : hit;
        }
        return op switch
        {
            "=" or "in" => wanted is null ? set.Count == 0 : set.Overlaps(wanted),
            "!=" or "not in" => wanted is null ? set.Count > 0 : !set.Overlaps(wanted),
            _ => false,
        };
    }

    private static bool IsEmpty(object? v) => v is null or false || v is string { Length: 0 };

    private static bool EqualsValue(FieldDef f, object? v, object? target)
    {
        if (f.Type == "boolean") return (v is true) == Truthy(target);
        if (target is false or null) return IsEmpty(v);
        if (IsEmpty(v)) return false;
        return Order(f, v, target) == 0;
    }

    private static bool Truthy(object? t) => t switch { bool b => b, long l => l != 0, string s => s.Length > 0, null => false, _ => true };

    /// <summary>Compares a stored value with a domain value; null when either is empty (SQL NULL).</summary>
    private static int? Order(FieldDef f, object? v, object? target)
    {
        if (IsEmpty(v) || target is null or false) return null;
        if (v is long or double or int && target is long or double or int)
            return Convert.ToDouble(v, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(target, CultureInfo.InvariantCulture));
        var s = target switch
        {
            DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            string str when f.Type == "datetime" && str.Length == 10 => str + " 00:00:00",
            _ => Convert.ToString(target, CultureInfo.InvariantCulture),
        };
        var own = Convert.ToString(v, CultureInfo.InvariantCulture);
        return string.CompareOrdinal(own, s) switch { < 0 => -1, > 0 => 1, _ => 0 };
    }

    private static bool Like(object? v, object? target, string op)
    {
        if (v is not string s || target is not string pattern) return false;
        var p = op is "like" or "ilike" ? "%" + pattern + "%" : pattern;
        var regex = "^" + Regex.Escape(p).Replace("%", ".*").Replace("_", ".") + "$";
        return Regex.IsMatch(s, regex, op.Contains('i') ? RegexOptions.IgnoreCase | RegexOptions.Singleline : RegexOptions.Singleline);
    }

    // child_of on a model with a parent field (stock.location.location_id, *.parent_id): walks up from the row.
    private bool ChildOf(FieldDef f, object? v, object? target, bool parentOf)
    {
        if (v is not long id || f.Relation is null) return false;
        var roots = (target is IEnumerable<object?> l ? l.Select(Env.AsLong) : [Env.AsLong(target)]).Where(x => x is not null).Select(x => x!.Value).ToHashSet();
        var parentKey = f.Relation == "stock.location" ? "location_id" : "parent_id";
        if (parentOf) return roots.Any(r => IsAncestor(f.Relation, id, r, parentKey));
        return roots.Any(r => IsAncestor(f.Relation, r, id, parentKey));
    }

    private bool IsAncestor(string model, long ancestor, long id, string parentKey)
    {
        for (var i = 0; i < 64 && Get(model, id) is { } row; i++)
        {
            if (id == ancestor) return true;
            if (row.GetValueOrDefault(parentKey) is not long p) return false;
            id = p;
        }
        return false;
    }
}
