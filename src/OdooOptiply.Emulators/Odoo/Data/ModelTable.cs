// The rows of one model: a dictionary by id plus the ids in ascending order, so id-ordered and
// keyset (id > last) paging start where they should instead of scanning from the first row.
namespace OdooOptiply.Emulators.Odoo.Data;

internal sealed class ModelTable(string model)
{
    private readonly Dictionary<long, Dictionary<string, object?>> _rows = new();
    private readonly List<long> _ids = new();
    private long _nextId = 1;

    public string Model { get; } = model;
    public int Count => _rows.Count;

    public Dictionary<string, object?>? Get(long id) => _rows.GetValueOrDefault(id);
    public bool Contains(long id) => _rows.ContainsKey(id);

    public long Insert(Dictionary<string, object?> row, long? id = null)
    {
        var newId = id ?? _nextId;
        if (_rows.ContainsKey(newId)) throw new InvalidOperationException($"{Model}({newId}) exists already");
        _nextId = Math.Max(_nextId, newId + 1);
        row["id"] = newId;
        _rows[newId] = row;
        if (_ids.Count == 0 || _ids[^1] < newId) _ids.Add(newId);
        else _ids.Insert(~_ids.BinarySearch(newId), newId);
        return newId;
    }

    public bool Remove(long id)
    {
        if (!_rows.Remove(id)) return false;
        _ids.RemoveAt(_ids.BinarySearch(id));
        return true;
    }

    /// <summary>Ids in ascending order, starting after <paramref name="after"/> when given.</summary>
    public IEnumerable<long> IdsAscending(long? after = null)
    {
        var start = 0;
        if (after is { } a)
        {
            var i = _ids.BinarySearch(a);
            start = i >= 0 ? i + 1 : ~i;
        }
        for (var i = start; i < _ids.Count; i++) yield return _ids[i];
    }

    public IEnumerable<long> IdsDescending()
    {
        for (var i = _ids.Count - 1; i >= 0; i--) yield return _ids[i];
    }
}
