// What the daemon's jobs do, behind a seam the scheduler tests replace: run one tenant's pull or export,
// and keep small facts (last/next run) in that tenant's state store. The real one keeps ONE session per
// tenant for the life of the process (one HttpClient pipeline per tenant, reused by every run) and
// disposes them all at shutdown.
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Cli.Hosting;

public enum JobKind { Pull, Export }

public interface ITenantWork
{
    /// <summary>One run. <paramref name="stop"/> asks it to end at the next safe point (between orders); <paramref name="ct"/>
    /// is the hard stop (cancels HTTP calls). Runs save state as they go, so either leaves it consistent.</summary>
    Task<RunReport> RunAsync(string tenant, JobKind kind, CancellationToken stop, CancellationToken ct);
    Task<string?> GetValueAsync(string tenant, string key, CancellationToken ct);
    Task SetValueAsync(string tenant, string key, string? value, CancellationToken ct);
    /// <summary>The tenant's state store, for the web board (which reads runs, bookmarks and bindings from it).</summary>
    Task<OdooOptiply.Sync.State.IStateStore> StoreAsync(string tenant, CancellationToken ct) =>
        throw new NotSupportedException("this work has no state store to show");
}

public sealed class TenantWork(TenantCatalog catalog, ILoggerFactory loggers, TimeProvider time, TimeSpan? leaseTtl = null, int maxRunsPerOdooHost = 0,
    int maxConnectionsPerOdooHost = 0)
    : ITenantWork, IAsyncDisposable
{
    // Per-node cap on sockets to one Odoo host: one shared handler per host for every tenant's Odoo client (OdooHostHandlers).
    private readonly OdooHostHandlers _odooHandlers = new(maxConnectionsPerOdooHost);

    // Per-node bound on runs against one Odoo host (host:port): a run talks to Odoo over one connection at a time.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _odooHosts = new(StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, Lazy<Task<TenantSession>>> _sessions = new(StringComparer.Ordinal);
    private readonly ILogger _log = loggers.CreateLogger("OdooOptiply.Run");
    /// <summary>run --trace FILE: each tenant's bodies go to FILE.&lt;tenant&gt;.odoo and FILE.&lt;tenant&gt;.optiply (secrets redacted).</summary>
    public string? TracePath { get; init; }

    public TenantWork(IReadOnlyList<TenantConfig> tenants, ILoggerFactory loggers, TimeProvider time) : this(new TenantCatalog(tenants), loggers, time) { }

    public async Task<RunReport> RunAsync(string tenant, JobKind kind, CancellationToken stop, CancellationToken ct)
    {
        var session = await SessionAsync(tenant, ct);
        SemaphoreSlim? host = null;
        if (maxRunsPerOdooHost > 0)
        {
            host = _odooHosts.GetOrAdd(session.Config.Odoo.Url.Authority, _ => new SemaphoreSlim(maxRunsPerOdooHost, maxRunsPerOdooHost));
            await host.WaitAsync(ct);
        }
        try { return await RunLeasedAsync(session, tenant, kind, stop, ct); }
        finally { host?.Release(); }
    }

    private async Task<RunReport> RunLeasedAsync(TenantSession session, string tenant, JobKind kind, CancellationToken stop, CancellationToken ct)
    {
        // Across processes too: a manual sync/export of this tenant holds its lease (TenantBusyException: the firing is skipped).
        await using var lease = await TenantLease.AcquireAsync(session.Store, kind == JobKind.Pull ? "daemon pull" : "daemon export", time, ct,
            leaseTtl, leaseTtl is { } ttl ? ttl / 6 : null);
        _log.LogInformation("{Tenant} {Job}: started, lease epoch {Epoch} held by {Holder}", tenant, ScheduleKeys.Name(kind), lease.Current.Epoch, lease.Current.Holder);
        using var stopOrLost = CancellationTokenSource.CreateLinkedTokenSource(stop, lease.Lost);
        using var label = session.LabelRequests(ScheduleKeys.Name(kind), lease.Current.Epoch, lease.SurelyHeld);
        if (kind == JobKind.Pull) return await session.SyncAsync(new SyncOptions(), ct: ct, stop: stopOrLost.Token); // scoped inside
        return await session.ExportAsync(lease.StillHeldAsync, ct, stopOrLost.Token); // scoped inside
    }

    public async Task<string?> GetValueAsync(string tenant, string key, CancellationToken ct) =>
        await (await SessionAsync(tenant, ct)).Store.GetValueAsync(key, ct);

    public async Task SetValueAsync(string tenant, string key, string? value, CancellationToken ct) =>
        await (await SessionAsync(tenant, ct)).Store.SetValueAsync(key, value, ct);

    public async Task<OdooOptiply.Sync.State.IStateStore> StoreAsync(string tenant, CancellationToken ct) => (await SessionAsync(tenant, ct)).Store;

    private async Task<TenantSession> SessionAsync(string tenant, CancellationToken ct)
    {
        var config = catalog.Find(tenant) ?? throw new ArgumentException($"unknown tenant {tenant}", nameof(tenant));
        var lazy = _sessions.GetOrAdd(tenant, _ => new Lazy<Task<TenantSession>>(() => TenantSession.OpenAsync(config, loggers, time, TracePath is null ? null : $"{TracePath}.{tenant}", ct: CancellationToken.None,
            odooHandler: _odooHandlers.For(config))));
        try
        {
            var session = await lazy.Value.WaitAsync(ct);
            if (ReferenceEquals(session.Config, config)) return session;
            // The tenant's file changed: the next run uses the new configuration (the coordinator runs one job of a tenant at a time).
            _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<TenantSession>>>(tenant, lazy));
            await session.DisposeAsync();
            return await SessionAsync(tenant, ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A session that could not open (state database busy, bad path) is tried again by the next run.
            _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<TenantSession>>>(tenant, lazy));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _sessions.Values.Where(s => s.IsValueCreated))
            try { await (await s.Value).DisposeAsync(); } catch (Exception) { /* a session that never opened has nothing to close */ }
        _sessions.Clear();
        _odooHandlers.Dispose();
    }
}
