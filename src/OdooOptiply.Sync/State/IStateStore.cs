// Where one tenant's sync state lives: bindings, bookmarks, runs with their reports, and a small
// key/value table. SQLite by default (SqliteStateStore); PostgresStateStore for many tenants on several
// workers (one schema, tenant key on every row). Both are held to the same rules by StateStoreContract.
using OdooOptiply.Sync.Bindings;

namespace OdooOptiply.Sync.State;

public interface IStateStore : IAsyncDisposable
{
    string Tenant { get; }

    /// <summary>Every binding of a space, streamed in source id order a page at a time (a space can hold hundreds of
    /// thousands: they are never all materialised at once).</summary>
    IAsyncEnumerable<Binding> GetBindingsAsync(string stream, CancellationToken ct = default);
    Task<Binding?> GetBindingAsync(string stream, string sourceId, CancellationToken ct = default);
    /// <summary>Inserts or replaces bindings in one transaction.</summary>
    Task SaveBindingsAsync(IReadOnlyCollection<Binding> bindings, CancellationToken ct = default);
    Task DeleteBindingsAsync(string stream, IReadOnlyCollection<string> sourceIds, CancellationToken ct = default);
    Task<IReadOnlyDictionary<string, long>> CountBindingsAsync(CancellationToken ct = default);
    /// <summary>How many keys the space holds, how many of them are <paramref name="prefix"/> followed by an Odoo id (≥ 1), and
    /// the lowest and highest such id — one query, nothing loaded (deletions by counting in an idle poll). A key that is no
    /// plain id ("x", "pos_" alone) is not an id; one with leading zeros or trailing text ("007", "9x") may be read as its
    /// number by one store and not by another: either way it makes the idle check's count differ, so the loaded pass judges.</summary>
    Task<IdSpan> SpanOfIdsAsync(string stream, string prefix = "", CancellationToken ct = default);

    Task<Bookmark?> GetBookmarkAsync(string stream, CancellationToken ct = default);
    Task SaveBookmarkAsync(string stream, Bookmark? bookmark, CancellationToken ct = default);
    Task<IReadOnlyDictionary<string, Bookmark>> GetBookmarksAsync(CancellationToken ct = default);

    /// <summary>Stores a finished run with its per-stream reports; returns the run id.</summary>
    Task<long> SaveRunAsync(RunReport report, CancellationToken ct = default);
    Task<IReadOnlyList<RunReport>> GetRecentRunsAsync(int count, CancellationToken ct = default);

    Task<string?> GetValueAsync(string key, CancellationToken ct = default);
    Task SetValueAsync(string key, string? value, CancellationToken ct = default);

    /// <summary>Takes the lease on <paramref name="job"/> for <paramref name="holder"/> when it is free, expired, held by
    /// <paramref name="replacing"/> (a holder known dead), or already ours (then it is renewed), atomically across processes.
    /// Returns the lease as it stands afterwards: ours when its Holder is <paramref name="holder"/>, else the other holder's.</summary>
    Task<Lease> AcquireLeaseAsync(string job, string holder, DateTime now, TimeSpan ttl, CancellationToken ct = default, string? replacing = null);
    /// <summary>Extends a lease we hold; false when it is no longer ours (it expired and another holder took it).</summary>
    Task<bool> RenewLeaseAsync(string job, string holder, DateTime now, TimeSpan ttl, CancellationToken ct = default);
    /// <summary>Gives the lease up when we hold it; does nothing otherwise.</summary>
    Task ReleaseLeaseAsync(string job, string holder, CancellationToken ct = default);

    /// <summary>Fences every later write through this store to <paramref name="lease"/> (null: unfenced again): each write
    /// checks, in its own transaction, that the lease row still names this holder and epoch, and is refused with
    /// <see cref="LeaseLostException"/> when another holder took the lease over (a run that stalled past its lease).</summary>
    void FenceWrites(Lease? lease);
}

/// <summary>A binding space's keys: all of them, those naming an Odoo id, and the lowest and highest id (0, 0 when none).</summary>
public readonly record struct IdSpan(long Keys, long Ids, long Min, long Max);

/// <summary>Who holds a tenant's job lease, since when, and until when it counts without renewal. Epoch grows with every
/// new acquisition of the lease (not with renewals): with the holder it is the fencing token of the run.</summary>
public sealed record Lease(string Job, string Holder, DateTime AcquiredAt, DateTime ExpiresAt, long Epoch = 0);

/// <summary>A write of a run whose lease was taken over by another holder: refused, the state is the new holder's.</summary>
public sealed class LeaseLostException(string tenant, Lease lease)
    : Exception($"tenant {tenant}: this run's lease (epoch {lease.Epoch}, {lease.Holder}) was taken over by another run; its late state write is refused")
{
    public Lease Lease { get; } = lease;
}

/// <summary>The state database cannot be used (corrupt, not a database, or from a newer program).</summary>
public sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner);

public static class RunHistory
{
    /// <summary>Saves a finished run and returns it with its id. A run whose lease was taken over (it stalled past its TTL) may
    /// not write any more: its report is returned unsaved (id 0) so that its caller still prints and logs why it failed.</summary>
    public static async Task<RunReport> SaveAsync(this IStateStore store, RunReport run, CancellationToken ct = default)
    {
        try { return run with { Id = await store.SaveRunAsync(run, ct) }; }
        catch (LeaseLostException) { return run; }
    }
}
