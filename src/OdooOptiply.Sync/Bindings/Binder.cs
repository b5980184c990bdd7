// Looks bindings up and writes them, for one binding space (a stream, or a stream's lines). Loads the
// space once into memory (a lookup per record must not be a query) and writes through to the store
// immediately, so a binding exists the moment its create returned. In a dry run it writes nothing.
// In memory each binding is packed (PackedBinding: the target id as a number, the hash as 32 bytes), about
// a third of a Binding record's size: a 100,000-product tenant keeps every space loaded through a run.
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Bindings;

public sealed class Binder
{
    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly bool _dryRun;
    private readonly Dictionary<string, PackedBinding> _bySource = new(StringComparer.Ordinal);

    private Binder(IStateStore store, string space, TimeProvider time, bool dryRun) => (_store, Space, _time, _dryRun) = (store, space, time, dryRun);

    public string Space { get; }
    public int Count => _bySource.Count;

    /// <summary>The bindings whose source id is not in <paramref name="live"/> (what was deleted or left the filter in
    /// Odoo), unpacked; the others are only compared by key.</summary>
    public List<Binding> NotIn(IReadOnlySet<string> live) =>
        _bySource.Where(p => !live.Contains(p.Key)).Select(p => p.Value.Unpack(Space, p.Key)).ToList();

    /// <summary>Every source id bound (pending marks included).</summary>
    public IEnumerable<string> SourceIds => _bySource.Keys;

    public static async Task<Binder> LoadAsync(IStateStore store, string space, TimeProvider time, bool dryRun = false, CancellationToken ct = default)
    {
        var binder = new Binder(store, space, time, dryRun);
        await foreach (var b in store.GetBindingsAsync(space, ct)) binder.Hold(b.SourceId, PackedBinding.Pack(b));
        binder._bySource.TrimExcess();
        return binder;
    }

    /// <summary>The Optiply ids this space binds (pending creates left out).</summary>
    public IEnumerable<string> TargetIds => _bySource.Values.Where(p => !p.IsPending).Select(p => p.TargetText);

    /// <summary>The highest Optiply id this space binds, or null: every record created later has a higher id, so a lost
    /// create is looked for among the records above it. Kept as bindings are loaded and made (it is asked before every
    /// create; a scan of the space each time would make a full sync quadratic); a forgotten binding does not lower it,
    /// which is safe, since Optiply's ids only grow.</summary>
    public long? HighestTargetNumber { get; private set; }

    public Binding? Find(string sourceId) => _bySource.TryGetValue(sourceId, out var p) ? p.Unpack(Space, sourceId) : null;

    public string? TargetIdOf(string sourceId) => _bySource.TryGetValue(sourceId, out var p) && !p.IsPending ? p.TargetText : null;

    /// <summary>The bound Optiply id as a number, without unpacking the binding (the lookup every mapper makes).</summary>
    public long? TargetNumberOf(string sourceId) => _bySource.TryGetValue(sourceId, out var p) ? p.TargetNumber : null;

    /// <summary>Records, before a create is sent, that it is about to be: if the process dies between the
    /// create and its binding, the next run finds this mark and looks the record up instead of creating it again.</summary>
    /// <param name="after">the highest Optiply id known before the create (the mark keeps it, so the look-up scans from there)</param>
    public Task MarkPendingAsync(string sourceId, long? after = null, CancellationToken ct = default) =>
        BindAsync(sourceId, Binding.Pending, after is { } a ? Binding.AfterPrefix + a.ToString(System.Globalization.CultureInfo.InvariantCulture) : "", ct);

    /// <summary>Stores (or replaces) the binding of <paramref name="sourceId"/> now.</summary>
    public async Task BindAsync(string sourceId, string targetId, string hash, CancellationToken ct = default)
    {
        var binding = new Binding(Space, sourceId, targetId, hash, _time.GetUtcNow().UtcDateTime);
        if (!_dryRun) await _store.SaveBindingsAsync([binding], ct);
        Hold(sourceId, PackedBinding.Pack(binding));
    }

    /// <summary>Stores many bindings (source id → target id, no hash) in one transaction, e.g. the rows of a grouped stream.</summary>
    public async Task BindManyAsync(IReadOnlyCollection<(string SourceId, string TargetId)> pairs, CancellationToken ct = default)
    {
        if (pairs.Count == 0) return;
        var now = _time.GetUtcNow().UtcDateTime;
        var bindings = pairs.Select(p => new Binding(Space, p.SourceId, p.TargetId, "", now)).ToList();
        foreach (var chunk in bindings.Chunk(5000))
            if (!_dryRun) await _store.SaveBindingsAsync(chunk, ct);
        foreach (var b in bindings) Hold(b.SourceId, PackedBinding.Pack(b));
    }

    private void Hold(string sourceId, PackedBinding packed)
    {
        _bySource[sourceId] = packed;
        if (packed.TargetNumber is { } n && (HighestTargetNumber is null || n > HighestTargetNumber)) HighestTargetNumber = n;
    }

    public async Task ForgetAsync(IReadOnlyCollection<string> sourceIds, CancellationToken ct = default)
    {
        if (sourceIds.Count == 0) return;
        if (!_dryRun) await _store.DeleteBindingsAsync(Space, sourceIds, ct);
        foreach (var id in sourceIds) _bySource.Remove(id);
    }
}
