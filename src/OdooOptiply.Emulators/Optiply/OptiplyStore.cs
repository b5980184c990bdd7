// The emulator's in-memory Optiply account: one table per resource, thread-safe behind one lock.
// Tests and the demo inspect it (All, Get) and change it as a user of Optiply's web app would
// (Seed, Change, Remove: no API write is counted, createdFromPublicApi stays false).
using System.Text.Json.Nodes;

namespace OdooOptiply.Emulators.Optiply;

/// <summary>One stored record: its id and its attributes exactly as GET returns them (a copy).</summary>
public sealed record OptiplyRow(long Id, string Type, JsonObject Attributes)
{
    public string? GetString(string name) => Attributes[name] switch
    {
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        JsonNode n => n.ToJsonString(),
        null => null,
    };
    public long? GetLong(string name) => Attributes[name] is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;
    /// <summary>The remote id written under a coupling (remoteIdMap[coupling]).</summary>
    public string? RemoteId(long couplingId) => Attributes["remoteIdMap"]?[couplingId.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.GetValue<string>();
}

/// <summary>Who writes: the public API (with the request's account and coupling) or a user in Optiply.</summary>
internal sealed record WriteContext(bool FromApi, long AccountId, long CouplingId);

public sealed class OptiplyStore
{
    private sealed class Table
    {
        public readonly Dictionary<long, JsonObject> Rows = new();
        public readonly List<long> Order = new(); // ids ascending: ids only grow, so appends keep it sorted
        public long NextId = 1;
        // attribute → value → ids (Where): built on first use, so a create's uniqueness check is not a scan of the table
        public readonly Dictionary<string, Dictionary<long, HashSet<long>>> Indexes = new();
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Table> _tables = OptiplySchema.Resources.Keys.ToDictionary(k => k, _ => new Table());
    private readonly OptiplyRules _rules;
    internal readonly long DefaultAccountId;
    internal readonly long DefaultCouplingId;

    internal OptiplyStore(TimeProvider clock, long accountId, long couplingId, string accountName)
    {
        Clock = clock;
        DefaultAccountId = accountId;
        DefaultCouplingId = couplingId;
        _rules = new OptiplyRules(this);
        SeedAccount(accountId, accountName);
    }

    internal TimeProvider Clock { get; }

    public static IReadOnlyCollection<string> Types => (IReadOnlyCollection<string>)OptiplySchema.Resources.Keys;

    public IReadOnlyList<OptiplyRow> All(string type)
    {
        lock (_gate) return Tab(type).Order.Select(id => Row(type, id, Tab(type).Rows[id])).ToList();
    }

    public OptiplyRow? Get(string type, long id)
    {
        lock (_gate) return Tab(type).Rows.TryGetValue(id, out var r) ? Row(type, id, r) : null;
    }

    public int Count(string type)
    {
        lock (_gate) return Tab(type).Rows.Count;
    }

    /// <summary>Creates a record as a user of Optiply would (validated like the API; embedded orderLines allowed). Returns its id.</summary>
    public long Seed(string type, JsonObject attributes) => Create(type, attributes, UserContext).Id;

    /// <summary>Changes a record as a user of Optiply would (updatedAt moves, no API write counted).</summary>
    public OptiplyRow Change(string type, long id, JsonObject attributes) => Update(type, id, attributes, UserContext);

    /// <summary>Sets attributes exactly as given, past every rule (no validation, updatedAt untouched): how a test makes the
    /// emulator answer like a server that sends values in another form (epoch milliseconds, null where a value belongs).</summary>
    public void Overwrite(string type, long id, JsonObject attributes)
    {
        lock (_gate)
        {
            var row = Tab(type).Rows[id];
            foreach (var (k, v) in attributes) row[k] = v?.DeepClone();
            Reindex(type, id);
        }
    }

    /// <summary>Deletes a record (and its cascade) as a user of Optiply would. False when it did not exist.</summary>
    public bool Remove(string type, long id) => Delete(type, id);

    /// <summary>Takes a record's remote ids away (a record another integration or a user made without one): what adoption
    /// must then match by natural key.</summary>
    public void ClearRemoteIds(string type, long id)
    {
        lock (_gate)
            if (Tab(type).Rows.TryGetValue(id, out var r) && r["remoteIdMap"] is JsonObject) r["remoteIdMap"] = new JsonObject();
    }

    /// <summary>Empties every table except accounts.</summary>
    public void Clear()
    {
        lock (_gate)
            foreach (var (type, t) in _tables.Where(kv => kv.Key != "accounts"))
            {
                t.Rows.Clear();
                t.Order.Clear();
                t.Indexes.Clear();
            }
    }

    private WriteContext UserContext => new(false, DefaultAccountId, DefaultCouplingId);

    internal OptiplyRow Create(string type, JsonObject attributes, WriteContext ctx)
    {
        lock (_gate) return _rules.Create(Spec(type), attributes, ctx);
    }

    internal OptiplyRow Update(string type, long id, JsonObject attributes, WriteContext ctx)
    {
        lock (_gate)
        {
            var row = _rules.Update(Spec(type), id, attributes, ctx);
            Reindex(type, id);
            return row;
        }
    }

    internal bool Delete(string type, long id)
    {
        lock (_gate)
        {
            if (!Tab(type).Rows.ContainsKey(id)) return false;
            DeleteCascading(Spec(type), id);
            return true;
        }
    }

    /// <summary>Runs a list query under the lock and returns copies of the page and the total count.</summary>
    internal (IReadOnlyList<OptiplyRow> Page, int Total) Query(string type, OptiplyListQuery q)
    {
        lock (_gate)
        {
            var t = Tab(type);
            if (q.Filters.Count == 0 && q.IsDefaultOrder)
            {
                var slice = t.Order.Skip((int)Math.Min(q.Offset, int.MaxValue)).Take(q.Limit).Select(id => Row(type, id, t.Rows[id])).ToList();
                return (slice, t.Order.Count);
            }
            var matches = t.Order.Select(id => (Id: id, Attrs: t.Rows[id])).Where(r => q.Matches(r.Id, r.Attrs)).ToList();
            var ordered = q.Sort(matches);
            var page = ordered.Skip((int)Math.Min(q.Offset, int.MaxValue)).Take(q.Limit).Select(r => Row(type, r.Id, r.Attrs)).ToList();
            return (page, matches.Count);
        }
    }

    // ---- used by OptiplyRules, always under the lock

    internal JsonObject? Find(string type, long id) => Tab(type).Rows.GetValueOrDefault(id);

    internal IEnumerable<(long Id, JsonObject Attrs)> Where(string type, string attr, long value)
    {
        var t = Tab(type);
        if (!t.Indexes.TryGetValue(attr, out var index))
        {
            t.Indexes[attr] = index = new();
            foreach (var (id, row) in t.Rows) Index(index, attr, id, row);
        }
        // Entries are never removed, so each candidate is checked against the row as it is now.
        return index.TryGetValue(value, out var ids)
            ? ids.Order().Where(id => t.Rows.TryGetValue(id, out var row) && LongOf(row, attr) == value).Select(id => (id, t.Rows[id])).ToList()
            : [];
    }

    private static long? LongOf(JsonObject row, string attr) => row[attr] is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    private static void Index(Dictionary<long, HashSet<long>> index, string attr, long id, JsonObject row)
    {
        if (LongOf(row, attr) is not { } value) return;
        if (!index.TryGetValue(value, out var ids)) index[value] = ids = [];
        ids.Add(id);
    }

    /// <summary>Keeps the attribute indexes of <paramref name="type"/> up with a row written in place.</summary>
    internal void Reindex(string type, long id)
    {
        var t = Tab(type);
        if (t.Rows.TryGetValue(id, out var row))
            foreach (var (attr, index) in t.Indexes) Index(index, attr, id, row);
    }

    internal long Insert(string type, JsonObject attrs)
    {
        var t = Tab(type);
        var id = t.NextId++;
        t.Rows[id] = attrs;
        t.Order.Add(id);
        Reindex(type, id);
        return id;
    }

    internal OptiplyRow Row(string type, long id, JsonObject attrs) => new(id, type, (JsonObject)attrs.DeepClone());

    private void DeleteCascading(ResourceSpec spec, long id)
    {
        foreach (var c in spec.Cascades ?? [])
            foreach (var child in Where(c.Type, c.ForeignKey, id).Select(r => r.Id).ToList())
                if (Tab(c.Type).Rows.ContainsKey(child)) DeleteCascading(Spec(c.Type), child);
        var t = Tab(spec.Type);
        t.Rows.Remove(id);
        var at = t.Order.BinarySearch(id);
        if (at >= 0) t.Order.RemoveAt(at);
    }

    private void SeedAccount(long id, string name)
    {
        var t = Tab("accounts");
        var now = OptiplyValues.FormatTime(Clock.GetUtcNow());
        t.Rows[id] = new JsonObject
        {
            ["name"] = name, ["uuid"] = Guid.NewGuid().ToString(), ["createdAt"] = now, ["updatedAt"] = now,
            ["createdFromPublicApi"] = false, ["remoteDataSyncedToDate"] = null,
        };
        t.Order.Add(id);
        t.NextId = id + 1;
    }

    private Table Tab(string type) => _tables.TryGetValue(type, out var t) ? t : throw new ArgumentException($"unknown Optiply resource '{type}'", nameof(type));

    internal static ResourceSpec Spec(string type) => OptiplySchema.Find(type) ?? throw new ArgumentException($"unknown Optiply resource '{type}'", nameof(type));
}
