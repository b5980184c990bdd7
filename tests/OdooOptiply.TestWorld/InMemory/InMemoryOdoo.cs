// Odoo in memory, behind the engine's ports (IOdooSource for the pull, IOdooTarget for writers into Odoo): records per
// model as field → value dictionaries, ids counted per model, write_date stamped from a clock on every create and
// write, domains evaluated by DomainMatch. Every call is noted ("model.method") and may be made to fail (Fail):
// the engine's rules tested without HTTP, in milliseconds. Not an emulator of Odoo's behaviour (see Emulators/Odoo).
using System.Collections.Concurrent;
using System.Globalization;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.TestWorld.InMemory;

/// <summary>One call to the in-memory Odoo, as a fault rule sees it.</summary>
public sealed record OdooCall(string Model, string Method, IReadOnlyDictionary<string, object?>? Values = null);

public sealed class InMemoryOdoo(TimeProvider? clock = null, int version = 18) : IOdooSource, IOdooTarget
{
    private readonly Dictionary<string, SortedDictionary<long, Dictionary<string, object?>>> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _nextId = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public int Version => version;
    /// <summary>Every call, in order, as "model.method".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();
    /// <summary>Before each call: an exception to throw instead of answering (null: answer). <see cref="AfterCreate"/> runs once a create landed.</summary>
    public Func<OdooCall, Exception?>? Fail { get; set; }
    /// <summary>After a create landed (the record exists): an exception to throw instead of the answer — a lost answer, a crash.</summary>
    public Func<OdooCall, long, Exception?>? AfterCreate { get; set; }
    /// <summary>Fields each model lacks (HasFieldAsync answers false for them).</summary>
    public HashSet<string> MissingFields { get; } = new(StringComparer.Ordinal);

    public static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Adds a record as a user would (write_date stamped now); returns its id.</summary>
    public long Add(string model, IReadOnlyDictionary<string, object?> values)
    {
        lock (_lock)
        {
            var id = _nextId[model] = _nextId.GetValueOrDefault(model) + 1;
            var row = new Dictionary<string, object?>(values, StringComparer.Ordinal) { ["id"] = id, ["write_date"] = Stamp(_clock.GetUtcNow()) };
            Table(model)[id] = row;
            return id;
        }
    }

    public long Add(string model, params (string Field, object? Value)[] values) => Add(model, values.ToDictionary(v => v.Field, v => v.Value));

    /// <summary>Changes fields as a user would (write_date stamped now).</summary>
    public void Change(string model, long id, params (string Field, object? Value)[] values)
    {
        lock (_lock)
        {
            var row = Table(model)[id];
            foreach (var (f, v) in values) row[f] = v;
            row["write_date"] = Stamp(_clock.GetUtcNow());
        }
    }

    /// <summary>Deletes a record (unlink).</summary>
    public void Remove(string model, long id) { lock (_lock) Table(model).Remove(id); }

    public IReadOnlyDictionary<string, object?>? Get(string model, long id)
    {
        lock (_lock) return Table(model).TryGetValue(id, out var row) ? new Dictionary<string, object?>(row) : null;
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> All(string model)
    {
        lock (_lock) return Table(model).Values.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(r)).ToList();
    }

    public int CallCount(string model, string method) => Calls.Count(c => c == model + "." + method);

    private SortedDictionary<long, Dictionary<string, object?>> Table(string model)
    {
        if (!_models.TryGetValue(model, out var t)) _models[model] = t = [];
        return t;
    }

    private void Enter(string model, string method, IReadOnlyDictionary<string, object?>? values = null)
    {
        Calls.Enqueue(model + "." + method);
        if (Fail?.Invoke(new OdooCall(model, method, values)) is { } e) throw e;
    }

    private List<Dictionary<string, object?>> Matching(string model, OdooDomain domain, string order)
    {
        lock (_lock)
        {
            IEnumerable<Dictionary<string, object?>> rows = Table(model).Values.Where(r => DomainMatch.Matches(domain, r));
            return Order(rows, order).ToList();
        }
    }

    private static IEnumerable<Dictionary<string, object?>> Order(IEnumerable<Dictionary<string, object?>> rows, string order)
    {
        IOrderedEnumerable<Dictionary<string, object?>>? sorted = null;
        foreach (var part in order.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bits = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (field, desc) = (bits[0], bits.Length > 1 && bits[1].Equals("desc", StringComparison.OrdinalIgnoreCase));
            Func<Dictionary<string, object?>, object?> key = r => DomainMatch.Plain(r.GetValueOrDefault(field));
            var cmp = Comparer<object?>.Create((a, b) => a is null ? (b is null ? 0 : -1) : b is null ? 1 : DomainMatch.Compare(a, b));
            sorted = sorted is null ? (desc ? rows.OrderByDescending(key, cmp) : rows.OrderBy(key, cmp)) : (desc ? sorted.ThenByDescending(key, cmp) : sorted.ThenBy(key, cmp));
        }
        return sorted ?? rows;
    }

    private OdooRecord Project(Dictionary<string, object?> row, IReadOnlyCollection<string> fields)
    {
        var values = new Dictionary<string, object?> { ["id"] = row["id"] };
        foreach (var f in fields.Count == 0 ? row.Keys : fields)
            if (row.TryGetValue(f, out var v)) values[f] = v;
            else if (!MissingFields.Contains(f)) values[f] = false; // Odoo answers false for an empty field
        return new OdooRecord(values);
    }

    // ---- IOdooSource (the pull) ----

    public Task<IReadOnlyList<OdooRecord>> SearchReadAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, string order, int? limit,
        ReadContext? context, CancellationToken ct)
    {
        Enter(model, "search_read");
        var rows = Matching(model, domain, order);
        lock (_lock) return Task.FromResult<IReadOnlyList<OdooRecord>>(rows.Take(limit ?? int.MaxValue).Select(r => Project(r, fields)).ToList());
    }

    public Task<IReadOnlyList<OdooRecord>> SearchReadAllAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, int pageSize,
        ReadContext? context, CancellationToken ct) => SearchReadAllAsync(model, domain, fields, ct);

    public Task<IReadOnlyList<long>> SearchAsync(string model, OdooDomain domain, ReadContext? context, CancellationToken ct)
    {
        Enter(model, "search");
        return Task.FromResult<IReadOnlyList<long>>(Matching(model, domain, "id asc").Select(r => (long)r["id"]!).ToList());
    }

    public Task<long> SearchCountAsync(string model, OdooDomain domain, ReadContext? context, CancellationToken ct)
    {
        Enter(model, "search_count");
        return Task.FromResult((long)Matching(model, domain, "id asc").Count);
    }

    public Task<DateTime?> ServerTimeAsync(CancellationToken ct) => Task.FromResult<DateTime?>(_clock.GetUtcNow().UtcDateTime);

    public Task<string?> UserTimeZoneAsync(CancellationToken ct) => Task.FromResult<string?>(null);

    public Task<bool> HasFieldAsync(string model, string field, CancellationToken ct) => Task.FromResult(!MissingFields.Contains(field));

    // ---- IOdooTarget (writers into Odoo) ----

    public Task<int> MajorVersionAsync(CancellationToken ct = default) => Task.FromResult(version);

    public Task<IReadOnlyList<long>> SearchAsync(string model, OdooDomain domain, OdooContext? context = null, string order = OdooDefaults.Order,
        long offset = 0, long? limit = null, CancellationToken ct = default)
    {
        Enter(model, "search");
        return Task.FromResult<IReadOnlyList<long>>(Matching(model, domain, order).Skip((int)offset).Take((int)(limit ?? int.MaxValue)).Select(r => (long)r["id"]!).ToList());
    }

    public Task<IReadOnlyList<OdooRecord>> SearchReadAllAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, CancellationToken ct = default)
    {
        Enter(model, "search_read");
        var rows = Matching(model, domain, "id asc");
        lock (_lock) return Task.FromResult<IReadOnlyList<OdooRecord>>(rows.Select(r => Project(r, fields)).ToList());
    }

    public Task<IReadOnlyList<OdooRecord>> ReadAsync(string model, IReadOnlyCollection<long> ids, IReadOnlyCollection<string> fields, OdooContext? context = null,
        CancellationToken ct = default)
    {
        Enter(model, "read");
        lock (_lock)
            return Task.FromResult<IReadOnlyList<OdooRecord>>(ids.Where(Table(model).ContainsKey).Select(id => Project(Table(model)[id], fields)).ToList());
    }

    public Task<long> CreateAsync(string model, IReadOnlyDictionary<string, object?> values, OdooContext? context = null, CancellationToken ct = default)
    {
        Enter(model, "create", values);
        var id = Add(model, values);
        if (AfterCreate?.Invoke(new OdooCall(model, "create", values), id) is { } e) throw e;
        return Task.FromResult(id);
    }

    public Task WriteAsync(string model, IReadOnlyCollection<long> ids, IReadOnlyDictionary<string, object?> values, OdooContext? context = null,
        CancellationToken ct = default)
    {
        Enter(model, "write", values);
        foreach (var id in ids) Change(model, id, values.Select(kv => (kv.Key, kv.Value)).ToArray());
        return Task.CompletedTask;
    }

    public Task<object?> CallAsync(string model, string method, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?>? kwargs = null,
        OdooContext? context = null, bool retrySafe = false, CancellationToken ct = default)
    {
        Enter(model, method);
        return Task.FromResult<object?>(true);
    }
}
