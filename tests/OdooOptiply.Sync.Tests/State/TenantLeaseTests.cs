// Tests for TenantLease: refusal with the holder in the message, renewal driven by a fake clock, release
// at the end, and the Lost signal when a stalled holder's lease was taken over. The renewal runs on the thread
// pool after the fake clock ticks: tests wait for its effect in the store, or for the Lost token, never for seconds.
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.State;

public sealed class TenantLeaseTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("lease-").FullName, "t.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() { SqliteConnection.ClearAllPools(); Directory.Delete(Path.GetDirectoryName(_path)!, true); }

    [Fact]
    public async Task AcquireAsync_HeldByAnother_ThrowsWithHolderAndTime()
    {
        await using var a = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var b = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var held = await TenantLease.AcquireAsync(a, "export", _time);
        var e = await Assert.ThrowsAsync<TenantBusyException>(() => TenantLease.AcquireAsync(b, "sync", _time));
        Assert.Equal(held.Current.Holder, e.Lease.Holder);
        Assert.Contains($"tenant acme is being synced by {held.Current.Holder} since 2026-11-27 09:00:00 UTC; try again later", e.Message);
        Assert.Contains($"{Environment.ProcessId}@", held.Current.Holder);
    }

    [Fact]
    public async Task DisposeAsync_AfterRun_ReleasesTheLease()
    {
        await using var a = await SqliteStateStore.OpenAsync(_path, "acme");
        await using (await TenantLease.AcquireAsync(a, "export", _time)) { }
        await using var again = await TenantLease.AcquireAsync(a, "sync", _time);
        Assert.Contains("(sync)", again.Current.Holder);
    }

    [Fact]
    public async Task Renewal_EveryThirtySeconds_KeepsALongRunHeldPastTheTtl()
    {
        await using var a = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var b = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var lease = await TenantLease.AcquireAsync(a, "export", _time);
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(async () => (await b.AcquireLeaseAsync(TenantLease.Job, "probe", _time.GetUtcNow().UtcDateTime, TimeSpan.Zero)).ExpiresAt
                >= _time.GetUtcNow().UtcDateTime + TenantLease.DefaultTtl, "the renewal");
        }
        // 10 minutes later, far past the 3-minute TTL: still ours because it was renewed.
        Assert.Equal(lease.Current.Holder, (await b.AcquireLeaseAsync(TenantLease.Job, "other", _time.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(3))).Holder);
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task Lost_StalledHolderTakenOver_IsSignalledAtTheNextRenewal()
    {
        await using var a = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var b = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var lease = await TenantLease.AcquireAsync(a, "export", _time);
        // The other process sees the lease expired (this one stalled 4 minutes without renewing) and takes it.
        var taken = await b.AcquireLeaseAsync(TenantLease.Job, "b", _time.GetUtcNow().UtcDateTime.AddMinutes(4), TenantLease.DefaultTtl);
        Assert.Equal("b", taken.Holder);
        _time.Advance(TimeSpan.FromSeconds(30));
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lease.Lost.Register(() => lost.TrySetResult())) await lost.Task.WaitAsync(Changes.DefaultHang);
        await lease.DisposeAsync();
        Assert.Equal("b", (await a.AcquireLeaseAsync(TenantLease.Job, "a", _time.GetUtcNow().UtcDateTime, TenantLease.DefaultTtl)).Holder);
    }

    [Fact]
    public async Task AcquireAsync_HolderProcessOnThisMachineIsGone_TakesOverAtOnce()
    {
        await using var a = await SqliteStateStore.OpenAsync(_path, "acme");
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync();
        var dead = $"{gone.Id}@{Environment.MachineName}/abcdef (export)";
        await a.AcquireLeaseAsync(TenantLease.Job, dead, _time.GetUtcNow().UtcDateTime, TenantLease.DefaultTtl);
        await using var lease = await TenantLease.AcquireAsync(a, "sync", _time);
        Assert.Contains("(sync)", lease.Current.Holder);
    }

    [Theory]
    [InlineData("1@elsewhere/abcdef (export)")]
    [InlineData("not a holder")]
    public async Task AcquireAsync_HolderOnAnotherMachineOrUnreadable_WaitsForExpiry(string holder)
    {
        await using var a = await SqliteStateStore.OpenAsync(_path, "acme");
        await a.AcquireLeaseAsync(TenantLease.Job, holder, _time.GetUtcNow().UtcDateTime, TenantLease.DefaultTtl);
        await Assert.ThrowsAsync<TenantBusyException>(() => TenantLease.AcquireAsync(a, "sync", _time));
        _time.Advance(TenantLease.DefaultTtl);
        await using var lease = await TenantLease.AcquireAsync(a, "sync", _time);
    }
}
