// Looks bindings up and writes them, for one binding space (a stream, or a stream's lines). Loads the
// space once into memory (a lookup per record must not be a query) — lazily, on the first lookup or write
// (issue 16: an idle poll looks nothing up and must not pay for loading 100,000 bindings; it counts them
// in the store instead, Spans) — and writes through to the store immediately, so a binding exists the
// moment its create returned. In a dry run it writes nothing.
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
    private Task? _loading;

    private Binder(IStateStore store, string space, TimeProvider time, bool dryRun) => (_store, Space, _time, _dryRun) = (store, space, time, dryRun);

    public string Space { get; }
    public int Count => Loaded()._bySource.Count;

    /// <summary>Whether the space is in memory (then it, not the store, is the truth: a dry run's bindings live only here).</summary>
    public bool IsLoaded => _loading is { IsCompletedSuccessfully: true };

    /// <summary>The bindings whose source id is not in <paramref name="live"/> (what was deleted or left the filter in
    /// Odoo), unpacked; the others are only compared by key.</summary>
    public List<Binding> NotIn(IReadOnlySet<string> live) =>
        Loaded()._bySource.Where(p => !live.Contains(p.Key)).Select(p => p.Value.Unpack(Space, p.Key)).ToList();

    /// <summary>Every source id bound (pending marks included).</summary>
    public IEnumerable<string> SourceIds => Loaded()._bySource.Keys;

    /// <summary>A binder of the space that reads the store only when first used (EnsureLoadedAsync, or any lookup).</summary>
    public static Binder Open(IStateStore store, string space, TimeProvider time, bool dryRun = false) => new(store, space, time, dryRun);

    public static async Task<Binder> LoadAsync(IStateStore store, string space, TimeProvider time, bool dryRun = false, CancellationToken ct = default)
    {
        var binder = Open(store, space, time, dryRun);
        await binder.EnsureLoadedAsync(ct);
        return binder;
    }

    /// <summary>Loads the space from the store unless it is loaded already (a failed load is tried again next time).</summary>
    public Task EnsureLoadedAsync(CancellationToken ct = default)
    {
        if (_loading is null || _loading.IsFaulted || _loading.IsCanceled) _loading = ReadAsync(ct);
        return _loading;
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        _bySource.Clear();
        _highest = null;
        await foreach (var b in _store.GetBindingsAsync(Space, ct)) Hold(b.SourceId, PackedBinding.Pack(b));
        _bySource.TrimExcess();
    }

    /// <summary>A lookup on a space not loaded yet loads it here, blocking (the engine loads its spaces with EnsureLoadedAsync
    /// before it maps a page; this is the fallback for a lookup it did not foresee).</summary>
    private Binder Loaded()
    {
        if (!IsLoaded) EnsureLoadedAsync().GetAwaiter().GetResult();
        return this;
    }

    /// <summary>The Optiply ids this space binds (pending creates left out).</summary>
    public IEnumerable<string> TargetIds => Loaded()._bySource.Values.Where(p => !p.IsPending).Select(p => p.TargetText);

    /// <summary>The highest Optiply id this space binds, or null: every record created later has a higher id, so a lost
    /// create is looked for among the records above it. Kept as bindings are loaded and made (it is asked before every
    /// create; a scan of the space each time would make a full sync quadratic); a forgotten binding does not lower it,
    /// which is safe, since Optiply's ids only grow.</summary>
    public long? HighestTargetNumber { get => Loaded()._highest; private set => _highest = value; }
    private long? _highest;

    public Binding? Find(string sourceId) => Loaded()._bySource.TryGetValue(sourceId, out var p) ? p.Unpack(Space, sourceId) : null;

    public string? TargetIdOf(string sourceId) => Loaded()._bySource.TryGetValue(sourceId, out var p) && !p.IsPending ? p.TargetText : null;

    /// <summary>The bound Optiply id as a number, without unpacking the binding (the lookup every mapper makes).</summary>
    public long? TargetNumberOf(string sourceId) => Loaded()._bySource.TryGetValue(sourceId, out var p) ? p.TargetNumber : null;

    /// <summary>Records, before a create is sent, that it is about to be: if the process dies between the
    /// create and its binding, the next run finds this mark and looks the record up instead of creating it again.</summary>
    /// <param name="after">the highest Optiply id known before the create (the mark keeps it, so the look-up scans from there)</param>
    public Task MarkPendingAsync(string sourceId, long? after = null, CancellationToken ct = default) =>
        BindAsync(sourceId, Binding.Pending, after is { } a ? Binding.AfterPrefix + a.ToString(System.Globalization.CultureInfo.InvariantCulture) : "", ct);

    /// <summary>Stores (or replaces) the binding of <paramref name="sourceId"/> now.</summary>
    public async Task BindAsync(string sourceId, string targetId, string hash, CancellationToken ct = default)
    {
        await EnsureLoadedAsync(ct);
        var binding = new Binding(Space, sourceId, targetId, hash, _time.GetUtcNow().UtcDateTime);
        if (!_dryRun) await _store.SaveBindingsAsync([binding], ct);
        Hold(sourceId, PackedBinding.Pack(binding));
    }

    /// <summary>Stores many bindings (source id → target id, no hash) in one transaction, e.g. the rows of a grouped stream.</summary>
    public async Task BindManyAsync(IReadOnlyCollection<(string SourceId, string TargetId)> pairs, CancellationToken ct = default)
    {
        if (pairs.Count == 0) return;
        await EnsureLoadedAsync(ct);
        var now = _time.GetUtcNow().UtcDateTime;
        var bindings = pairs.Select(p => new Binding(Space, p.SourceId, p.TargetId, "", now)).ToList();
        foreach (var chunk in bindings.Chunk(5000))
            if (!_dryRun) await _store.SaveBindingsAsync(chunk, ct);
        foreach (var b in bindings) Hold(b.SourceId, PackedBinding.Pack(b));
    }

    private void Hold(string sourceId, PackedBinding packed)
    {
        _bySource[sourceId] = packed;
        if (packed.TargetNumber is { } n && (_highest is null || n > _highest)) _highest = n;
    }

    public async Task ForgetAsync(IReadOnlyCollection<string> sourceIds, CancellationToken ct = default)
    {
        if (sourceIds.Count == 0) return;
        await EnsureLoadedAsync(ct);
        if (!_dryRun) await _store.DeleteBindingsAsync(Space, sourceIds, ct);
        foreach (var id in sourceIds) _bySource.Remove(id);
    }
}
