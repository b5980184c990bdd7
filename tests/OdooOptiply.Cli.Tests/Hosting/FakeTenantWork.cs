// A stand-in for the daemon's work in scheduler tests: records each run (tenant, job, fake time), can hold
// runs until the test releases them, and keeps the key/value facts in memory. Never touches the network.
// Every run's start and end, and a stop request reaching a run, notify Changes, so tests wait on them.
using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Sync;

namespace OdooOptiply.Cli.Tests.Hosting;

internal sealed class FakeTenantWork(FakeTimeProvider time) : ITenantWork
{
    private readonly ConcurrentDictionary<(string, string), string> _values = new();
    private readonly ConcurrentDictionary<string, int> _runningPerTenant = new();
    private int _maxPerTenant;

    public ConcurrentQueue<(string Tenant, JobKind Kind, DateTimeOffset At)> Runs { get; } = new();
    /// <summary>When set, every run waits for it (or for a stop/abort signal, as below).</summary>
    public TaskCompletionSource? Hold { get; set; }
    /// <summary>True: a held run returns when asked to stop (a well-behaved run); false: only an abort ends it.</summary>
    public bool HonoursStop { get; set; } = true;
    public int Stopped, Aborted;
    public int MaxRunningPerTenant => Volatile.Read(ref _maxPerTenant);
    /// <summary>When set, runs find the tenant leased by another process (as TenantWork does) and throw.</summary>
    public OdooOptiply.Sync.State.Lease? LeasedBy { get; set; }

    /// <summary>Notified when a run starts or ends and when a stop request reaches a run.</summary>
    public Changes Changes { get; } = new();
    /// <summary>Runs that were asked to stop (the coordinator's shutdown reached them), honoured or not.</summary>
    public int StopsAsked => Volatile.Read(ref _stopsAsked);
    private int _stopsAsked;

    public int Count(string tenant, JobKind kind) => Runs.Count(r => r.Tenant == tenant && r.Kind == kind);

    public async Task<RunReport> RunAsync(string tenant, JobKind kind, CancellationToken stop, CancellationToken ct)
    {
        if (LeasedBy is { } lease) throw new OdooOptiply.Sync.State.TenantBusyException(tenant, lease);
        var now = _runningPerTenant.AddOrUpdate(tenant, 1, (_, n) => n + 1);
        lock (_values) _maxPerTenant = Math.Max(_maxPerTenant, now);
        Runs.Enqueue((tenant, kind, time.GetUtcNow()));
        Changes.Notify();
        using var asked = stop.Register(() => { Interlocked.Increment(ref _stopsAsked); Changes.Notify(); });
        try
        {
            if (Hold is { } hold)
            {
                var wake = HonoursStop ? CancellationTokenSource.CreateLinkedTokenSource(stop, ct) : CancellationTokenSource.CreateLinkedTokenSource(ct);
                try { await hold.Task.WaitAsync(wake.Token); }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested) { Interlocked.Increment(ref Stopped); }
                catch (OperationCanceledException) { Interlocked.Increment(ref Aborted); throw; }
                finally { wake.Dispose(); }
            }
            var t = time.GetUtcNow().UtcDateTime;
            return new RunReport(tenant, t, t, false, []);
        }
        finally { _runningPerTenant.AddOrUpdate(tenant, 0, (_, n) => n - 1); Changes.Notify(); }
    }

    public Task<string?> GetValueAsync(string tenant, string key, CancellationToken ct) =>
        Task.FromResult(_values.TryGetValue((tenant, key), out var v) ? v : null);

    public Task SetValueAsync(string tenant, string key, string? value, CancellationToken ct)
    {
        if (value is null) _values.TryRemove((tenant, key), out _);
        else _values[(tenant, key)] = value;
        return Task.CompletedTask;
    }
}
