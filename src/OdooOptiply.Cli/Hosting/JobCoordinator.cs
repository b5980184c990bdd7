// Runs the daemon's jobs: never two runs of the same tenant at once (pull and export share a tenant's
// bindings: an export must not create a purchase order while a pull of the same tenant reads them), at
// most MaxParallelTenants tenants at once, no new run once shutdown began, and a hard stop ShutdownGrace
// after it. Each run's last/next times go to the tenant's state store; the run itself is in its history.
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Cli.Hosting;

/// <param name="MaxParallelTenants">tenants running at the same time (bounded parallelism)</param>
/// <param name="ShutdownGrace">how long a running job may go on after Ctrl-C/SIGTERM before its calls are cancelled</param>
/// <param name="IntervalUnit">what one unit of schedule.pull_minutes / export_minutes lasts (a minute; seconds for tests and demos)</param>
/// <param name="LeaseTtl">how long a tenant's run lease counts without renewal (TenantLease.DefaultTtl); shorter for tests</param>
/// <param name="RescanInterval">how often the tenant folder is read again (`run --tenants-dir`)</param>
/// <param name="MaxRunsPerOdooHost">runs at once against one Odoo host on this node (each run holds one Odoo connection at a time)</param>
public sealed record DaemonOptions(int MaxParallelTenants = 2, TimeSpan? ShutdownGrace = null, TimeSpan? IntervalUnit = null,
    TimeSpan? LeaseTtl = null, TimeSpan? RescanInterval = null, int MaxRunsPerOdooHost = 0, Commands.LogSettings? Log = null)
{
    /// <summary>Sockets open at once to one Odoo host from this node, all tenants together (0: no cap; OdooHostHandlers).</summary>
    public int MaxConnectionsPerOdooHost { get; init; }

    public TimeSpan Grace => ShutdownGrace ?? TimeSpan.FromSeconds(30);
    public TimeSpan Unit => IntervalUnit ?? TimeSpan.FromMinutes(1);
    public TimeSpan Rescan => RescanInterval ?? TimeSpan.FromSeconds(10);
}

public sealed class JobCoordinator(ITenantWork work, DaemonOptions options, TimeProvider time, ILogger<JobCoordinator> log) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _tenants = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _parallel = new(Math.Max(1, options.MaxParallelTenants));
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new(Timeout.InfiniteTimeSpan, time);
    private int _running, _maxRunning;

    /// <summary>Runs in progress right now, and the most ever seen at once (what the tests watch).</summary>
    public int Running => Volatile.Read(ref _running);
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary>Ctrl-C / SIGTERM: start no new run; cancel the running ones' calls after the grace period.</summary>
    public void BeginShutdown()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        _abort.CancelAfter(options.Grace);
    }

    /// <summary>Runs one job of the tenant; false when it did not run because another process holds the tenant's lease
    /// (a manual sync, or another node of the cluster running it right now).</summary>
    public async Task<bool> RunAsync(string tenant, JobKind kind, DateTimeOffset? next, CancellationToken ct)
    {
        if (_stopping.IsCancellationRequested) return true;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct, _abort.Token);
        var gate = _tenants.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(abort.Token);
        try
        {
            await _parallel.WaitAsync(abort.Token);
            try
            {
                if (_stopping.IsCancellationRequested) return true;
                var now = Interlocked.Increment(ref _running);
                InterlockedMax(ref _maxRunning, now);
                try { return await RunOneAsync(tenant, kind, next, abort.Token); }
                finally { Interlocked.Decrement(ref _running); }
            }
            finally { _parallel.Release(); }
        }
        finally { gate.Release(); }
    }

    private async Task<bool> RunOneAsync(string tenant, JobKind kind, DateTimeOffset? next, CancellationToken ct)
    {
        try
        {
            var run = await work.RunAsync(tenant, kind, _stopping.Token, ct);
            // The reason rides on the same line: "failed" alone says nothing to whoever reads the log.
            if (!run.Succeeded)
                log.LogError("{Tenant} {Job}: failed, {Writes} writes in {Seconds:0.0} s (run {Id}): {Reason}",
                    tenant, ScheduleKeys.Name(kind), run.Writes, run.Duration.TotalSeconds, run.Id, run.Reason);
            else if (run.Rejected > 0)
                log.LogWarning("{Tenant} {Job}: ok, {Writes} writes in {Seconds:0.0} s (run {Id}), {Rejected} records rejected: {First}",
                    tenant, ScheduleKeys.Name(kind), run.Writes, run.Duration.TotalSeconds, run.Id, run.Rejected,
                    run.Streams.SelectMany(s => s.Errors).FirstOrDefault());
            else
                log.LogInformation("{Tenant} {Job}: ok, {Writes} writes in {Seconds:0.0} s (run {Id})",
                    tenant, ScheduleKeys.Name(kind), run.Writes, run.Duration.TotalSeconds, run.Id);
        }
        catch (TenantBusyException e)
        {
            log.LogWarning("{Tenant} {Job}: skipped, {Reason}", tenant, ScheduleKeys.Name(kind), e.Message);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One tenant's failure (unreachable server, corrupt state file) is logged for it; the daemon goes on with the others.
            log.LogError("{Tenant} {Job}: failed: {Error}", tenant, ScheduleKeys.Name(kind),
                e is OdooOptiply.Sync.State.StateStoreException or OdooOptiply.Odoo.OdooException or OdooOptiply.Optiply.OptiplyException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            // Bookkeeping must land even when the run was aborted: it is what a restart reads.
            await work.SetValueAsync(tenant, ScheduleKeys.Last(kind), ScheduleKeys.Format(time.GetUtcNow()), CancellationToken.None);
            if (next is { } n) await work.SetValueAsync(tenant, ScheduleKeys.Next(kind), ScheduleKeys.Format(n), CancellationToken.None);
        }
        return true;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
        _parallel.Dispose();
        foreach (var g in _tenants.Values) g.Dispose();
    }
}
