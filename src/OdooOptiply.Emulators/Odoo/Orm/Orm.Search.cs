// search / search_count / ordering. Id-ordered searches stream from the id index (and start after
// X for a top-level ('id', '>', X) leaf) so offset and keyset paging over large tables stay cheap.
using OdooOptiply.Emulators.Odoo.Schema;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed partial class Orm
{
    public DomainNode ParseDomain(Env env, string model, IReadOnlyList<object?>? domain)
    {
        var schema = Schema(model);
        var node = Domain.Parse(Profile, model, domain);
        if (schema.HasActive && env.ActiveTest && !Domain.MentionsActive(node))
            node = new AndNode([node, new LeafNode([schema.Fields["active"]], [model], "=", true)]);
        return node;
    }

    public List<long> Search(Env env, string model, IReadOnlyList<object?>? domain, string? order = null, long offset = 0, long? limit = null)
    {
        var schema = Schema(model);
        var node = ParseDomain(env, model, domain);
        var terms = OrderBy.Parse(order, schema.DefaultOrder);
        foreach (var t in terms)
            if (!schema.Has(t.Field)) throw OdooFault.ValueError(Profile.InvalidFieldMessage(t.Field, model));
        var table = Store.Table(model);
        IEnumerable<Row> rows;
        if (OrderBy.IsById(terms, out var desc))
        {
            var ids = desc ? table.IdsDescending() : table.IdsAscending(Domain.IdLowerBound(node));
            rows = ids.Select(id => table.Get(id)!).Where(r => Matches(env, node, r));
        }
        else
        {
            rows = Sort(env, model, table.IdsAscending().Select(id => table.Get(id)!).Where(r => Matches(env, node, r)), terms);
        }
        if (offset > 0) rows = rows.Skip((int)Math.Min(offset, int.MaxValue));
        if (limit is { } l) rows = rows.Take((int)Math.Min(l, int.MaxValue));
        return rows.Select(r => (long)r["id"]!).ToList();
    }

    public long SearchCount(Env env, string model, IReadOnlyList<object?>? domain, long? limit = null)
    {
        var node = ParseDomain(env, model, domain);
        var table = Store.Table(model);
        var count = 0L;
        foreach (var id in table.IdsAscending(Domain.IdLowerBound(node)))
        {
            if (!Matches(env, node, table.Get(id)!)) continue;
            if (++count == limit) break;
        }
        return count;
    }

    public IEnumerable<Row> Sort(Env env, string model, IEnumerable<Row> rows, IReadOnlyList<OrderTerm> terms)
    {
        var schema = Schema(model);
        var defs = terms.Select(t => (Def: schema.Field(t.Field), t.Descending)).ToList();
        var keyed = rows.Select(r => (Row: r, Keys: defs.Select(d => SortKey(env, model, r, d.Def)).ToArray())).ToList();
        keyed.Sort((a, b) =>
        {
            for (var i = 0; i < defs.Count; i++)
            {
                var c = OrderBy.Compare(a.Keys[i], b.Keys[i], defs[i].Descending);
                if (c != 0) return c;
            }
            return ((long)a.Row["id"]!).CompareTo((long)b.Row["id"]!);
        });
        return keyed.Select(k => k.Row);
    }

    private object? SortKey(Env env, string model, Row row, FieldDef? f)
    {
        if (f is null) return null;
        var v = Value(env, model, row, f);
        return v switch { false when f.Type != "boolean" => null, string { Length: 0 } => null, IEnumerable<long> => null, _ => v };
    }
}
