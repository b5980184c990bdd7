// Looks bindings up and writes them, for one binding space (a stream, or a stream's lines). Loads the
// space once into memory (a lookup per record must not be a query) and writes through to the store
// immediately, so a binding exists the moment its create returned. In a dry run it writes nothing.
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Bindings;

public sealed class Binder
{
    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly bool _dryRun;
    private readonly Dictionary<string, Binding> _bySource;

    private Binder(IStateStore store, string space, TimeProvider time, bool dryRun, IEnumerable<Binding> bindings)
    {
        (_store, Space, _time, _dryRun) = (store, space, time, dryRun);
        _bySource = bindings.ToDictionary(b => b.SourceId, StringComparer.Ordinal);
    }

    public string Space { get; }
    public int Count => _bySource.Count;
    public IEnumerable<Binding> All => _bySource.Values;

    public static async Task<Binder> LoadAsync(IStateStore store, string space, TimeProvider time, bool dryRun = false, CancellationToken ct = default) =>
        new(store, space, time, dryRun, await store.GetBindingsAsync(space, ct));

    public Binding? Find(string sourceId) => _bySource.GetValueOrDefault(sourceId);

    public string? TargetIdOf(string sourceId) => _bySource.TryGetValue(sourceId, out var b) && !b.IsPending ? b.TargetId : null;

    /// <summary>Records, before a create is sent, that it is about to be: if the process dies between the
    /// create and its binding, the next run finds this mark and looks the record up instead of creating it again.</summary>
    public Task MarkPendingAsync(string sourceId, CancellationToken ct = default) => BindAsync(sourceId, Binding.Pending, "", ct);

    /// <summary>Stores (or replaces) the binding of <paramref name="sourceId"/> now.</summary>
    public async Task BindAsync(string sourceId, string targetId, string hash, CancellationToken ct = default)
    {
        var binding = new Binding(Space, sourceId, targetId, hash, _time.GetUtcNow().UtcDateTime);
        if (!_dryRun) await _store.SaveBindingsAsync([binding], ct);
        _bySource[sourceId] = binding;
    }

    public async Task ForgetAsync(IReadOnlyCollection<string> sourceIds, CancellationToken ct = default)
    {
        if (sourceIds.Count == 0) return;
        if (!_dryRun) await _store.DeleteBindingsAsync(Space, sourceIds, ct);
        foreach (var id in sourceIds) _bySource.Remove(id);
    }
}
