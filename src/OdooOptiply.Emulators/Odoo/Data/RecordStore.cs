// Every model's rows plus the inverse indexes of the many2one keys listed in Relations.Indexed.
// Not thread-safe by itself: OdooDatabase holds the lock around every use.
using OdooOptiply.Emulators.Odoo.Schema;

namespace OdooOptiply.Emulators.Odoo.Data;

internal sealed class RecordStore
{
    private readonly Dictionary<string, ModelTable> _tables = new();
    private readonly Dictionary<(string, string), Dictionary<long, SortedSet<long>>> _inverse = new();
    private readonly Dictionary<string, long> _versions = new();

    // The indexed many2one keys of each model, looked up once instead of scanning Relations.Indexed per row.
    private static readonly Dictionary<string, string[]> IndexedKeys =
        Relations.Indexed.GroupBy(x => x.Model).ToDictionary(g => g.Key, g => g.Select(x => x.Key).ToArray());

    private static string[] KeysOf(string model) => IndexedKeys.GetValueOrDefault(model) ?? [];

    /// <summary>Changes whenever a row of the model is inserted, changed or removed (for caches).</summary>
    public long Version(string model) => _versions.GetValueOrDefault(model);

    private void Touch(string model) => _versions[model] = _versions.GetValueOrDefault(model) + 1;

    public ModelTable Table(string model)
    {
        if (!_tables.TryGetValue(model, out var t)) _tables[model] = t = new ModelTable(model);
        return t;
    }

    public Dictionary<string, object?>? Get(string model, long id) => _tables.TryGetValue(model, out var t) ? t.Get(id) : null;

    public long Insert(string model, Dictionary<string, object?> row, long? id = null)
    {
        var newId = Table(model).Insert(row, id);
        foreach (var key in KeysOf(model))
            if (row.GetValueOrDefault(key) is long parent) Index(model, key).GetOrAdd(parent).Add(newId);
        Touch(model);
        return newId;
    }

    public void Set(string model, Dictionary<string, object?> row, string key, object? value)
    {
        if (Relations.Indexed.Contains((model, key)))
        {
            var id = (long)row["id"]!;
            var index = Index(model, key);
            if (row.GetValueOrDefault(key) is long old && index.TryGetValue(old, out var set)) set.Remove(id);
            if (value is long parent) index.GetOrAdd(parent).Add(id);
        }
        row[key] = value;
        Touch(model);
    }

    public void Remove(string model, long id)
    {
        var row = Get(model, id);
        if (row is null) return;
        foreach (var key in KeysOf(model))
            if (row.GetValueOrDefault(key) is long parent && Index(model, key).TryGetValue(parent, out var set)) set.Remove(id);
        Table(model).Remove(id);
        Touch(model);
    }

    /// <summary>Ids of <paramref name="comodel"/> rows whose <paramref name="key"/> points at <paramref name="parent"/>.</summary>
    public IReadOnlyCollection<long> Children(string comodel, string key, long parent)
    {
        if (Relations.Indexed.Contains((comodel, key)))
            return Index(comodel, key).TryGetValue(parent, out var set) ? set : [];
        return Table(comodel).IdsAscending().Where(id => Get(comodel, id)!.GetValueOrDefault(key) is long p && p == parent).ToList();
    }

    private Dictionary<long, SortedSet<long>> Index(string model, string key)
    {
        if (!_inverse.TryGetValue((model, key), out var d)) _inverse[(model, key)] = d = new();
        return d;
    }
}

internal static class DictionaryExtensions
{
    public static SortedSet<long> GetOrAdd(this Dictionary<long, SortedSet<long>> d, long key)
    {
        if (!d.TryGetValue(key, out var s)) d[key] = s = new SortedSet<long>();
        return s;
    }
}
