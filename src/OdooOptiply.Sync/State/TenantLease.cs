// One tenant's run lease, held for the length of one pull or export so that two processes (a manual
// `sync`/`export` and the daemon) never run the same tenant at once: they share its bindings, and two
// exports of one new buy order could both create it. The lease lives in the tenant's state store; it is
// renewed every 30 s while the run goes on and expires 3 min after its holder stopped renewing it (a
// crashed process on another machine), so a crash blocks the tenant for a bounded time only. A holder on
// THIS machine whose process is gone (killed, crashed) is taken over at once. While held, every state write
// of the run is fenced by it (IStateStore.FenceWrites): once another holder took the lease over, the
// stalled run's late writes are refused by the store itself (LeaseLostException), not by this class.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace OdooOptiply.Sync.State;

public sealed class TenantLease : IAsyncDisposable
{
    /// <summary>Pull and export of one tenant share ONE lease: they are exclusive, like the daemon's in-process gate.</summary>
    public const string Job = "run";
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan DefaultRenewal = TimeSpan.FromSeconds(30);

    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private int _disposed;
    private long _renewedAt;

    private TenantLease(IStateStore store, TimeProvider time, Lease lease, TimeSpan ttl, TimeSpan renewal, long askedAt)
    {
        (_store, _time, _ttl, Current) = (store, time, ttl, lease);
        // When the acquire was asked, not when it answered: a process frozen between the database's answer and here (SIGSTOP
        // right after the lease row appeared) must wake with the gate closed, its TTL counted from before the freeze.
        _renewedAt = askedAt;
        _renewing = RenewAsync(renewal);
    }

    public Lease Current { get; }

    /// <summary>Cancelled when a renewal found the lease taken by another holder (this process stalled past the TTL).</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Takes the tenant's lease for <paramref name="activity"/> (sync, export, pull) or throws <see cref="TenantBusyException"/>.</summary>
    public static async Task<TenantLease> AcquireAsync(IStateStore store, string activity, TimeProvider? time = null, CancellationToken ct = default,
        TimeSpan? ttl = null, TimeSpan? renewal = null)
    {
        var clock = time ?? TimeProvider.System;
        var holder = NewHolder(activity);
        var asked = clock.GetTimestamp();
        var lease = await store.AcquireLeaseAsync(Job, holder, clock.GetUtcNow().UtcDateTime, ttl ?? DefaultTtl, ct);
        if (lease.Holder != holder && IsDeadLocalHolder(lease.Holder))
        {
            asked = clock.GetTimestamp();
            lease = await store.AcquireLeaseAsync(Job, holder, clock.GetUtcNow().UtcDateTime, ttl ?? DefaultTtl, ct, replacing: lease.Holder);
        }
        if (lease.Holder != holder) throw new TenantBusyException(store.Tenant, lease);
        store.FenceWrites(lease);
        return new TenantLease(store, clock, lease, ttl ?? DefaultTtl, renewal ?? DefaultRenewal, asked);
    }

    /// <summary>pid@host/random (activity): readable in the refusal message, unique per acquisition.</summary>
    public static string NewHolder(string activity) =>
        $"{Environment.ProcessId}@{Environment.MachineName}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))} ({activity})";

    /// <summary>True when <paramref name="holder"/> names a process of this machine that no longer runs. A reused pid
    /// looks alive: then the lease simply waits for its expiry, the safe side.</summary>
    public static bool IsDeadLocalHolder(string holder)
    {
        var at = holder.IndexOf('@');
        var slash = holder.IndexOf('/', Math.Max(at, 0));
        if (at <= 0 || slash < 0 || holder[(at + 1)..slash] != Environment.MachineName
            || !int.TryParse(holder.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException) { return true; }
        catch (InvalidOperationException) { return true; }
    }

    /// <summary>The fencing check right before an irreversible write: renews the lease and says whether this holder still has
    /// it (false, and <see cref="Lost"/> cancelled, when the process stalled past the TTL and another took or ended it).</summary>
    public async Task<bool> StillHeldAsync(CancellationToken ct)
    {
        var asked = _time.GetTimestamp();
        if (await _store.RenewLeaseAsync(Job, Current.Holder, _time.GetUtcNow().UtcDateTime, _ttl, ct)) { Renewed(asked); return true; }
        await _lost.CancelAsync();
        return false;
    }

    private async Task RenewAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var asked = _time.GetTimestamp();
                if (!await _store.RenewLeaseAsync(Job, Current.Holder, _time.GetUtcNow().UtcDateTime, _ttl, _stop.Token))
                {
                    await _lost.CancelAsync();
                    return;
                }
                Renewed(asked);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    /// <summary>True while this holder surely still has the lease by its own monotonic clock: less than 90 % of the TTL since the
    /// last renewal was asked (the database's expiry counts from later), and not lost. A process frozen past its lease (SIGSTOP,
    /// a stalled VM) wakes with this false before its renewal tick can tell: the daemon's clients ask it before every request,
    /// so a woken node never talks to Odoo or Optiply while another node may already run the tenant.</summary>
    public bool SurelyHeld() =>
        !_lost.IsCancellationRequested && _time.GetElapsedTime(Interlocked.Read(ref _renewedAt)) < _ttl * 0.9;

    private void Renewed(long askedAt)
    {
        long seen;
        do seen = Interlocked.Read(ref _renewedAt);
        while (askedAt > seen && Interlocked.CompareExchange(ref _renewedAt, askedAt, seen) != seen);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        try { await _renewing; } catch (Exception) { /* a failed renewal must not hide the run's own outcome */ }
        _store.FenceWrites(null);
        // A release the state file refuses (full disk, read-only) must not hide the run's own outcome: the lease expires by itself.
        try { await _store.ReleaseLeaseAsync(Job, Current.Holder, CancellationToken.None); }
        catch (StateStoreException) { }
        _stop.Dispose();
        _lost.Dispose();
    }
}

/// <summary>Another process runs this tenant right now.</summary>
public sealed class TenantBusyException(string tenant, Lease lease)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"tenant {tenant} is being synced by {lease.Holder} since {lease.AcquiredAt:yyyy-MM-dd HH:mm:ss} UTC; try again later"))
{
    public Lease Lease { get; } = lease;
}
