// The lease gate (issue 14): TenantLease.SurelyHeld says "held" only within 90 % of the TTL since the last renewal
// was asked, on the lease's own monotonic clock (driven here by a FakeTimeProvider), and a client whose RequestGate
// is that gate sends nothing once it says no — counted on the wire by a handler in front of the Odoo emulator.
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.State;

public sealed class LeaseGateTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(100);
    // Longer than the test: no renewal tick fires by itself, so only StillHeldAsync renews.
    private static readonly TimeSpan NoTick = TimeSpan.FromDays(1);
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("gate-").FullName, "t.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));

    public void Dispose() { SqliteConnection.ClearAllPools(); Directory.Delete(Path.GetDirectoryName(_path)!, true); }

    [Fact]
    public async Task SurelyHeld_ProcessFrozenWhileTheAcquireWasAnswered_WakesRefused()
    {
        // The clock jumps a whole TTL between asking for the lease and getting it (a SIGSTOP right after the lease row
        // appeared): the TTL counts from the asking, so the woken holder must not believe it holds the lease.
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var clock = new FreezeOnAsk(_time, Ttl);
        await using var lease = await TenantLease.AcquireAsync(store, "daemon pull", clock, ttl: Ttl, renewal: NoTick);
        Assert.False(lease.SurelyHeld(), "held after a freeze of a whole TTL during the acquire");
    }

    /// <summary>Moves the driven clock by <paramref name="freeze"/> right after the first wall-clock read (the acquire's "now").</summary>
    private sealed class FreezeOnAsk(FakeTimeProvider inner, TimeSpan freeze) : TimeProvider
    {
        private bool _frozen;
        public override DateTimeOffset GetUtcNow()
        {
            var now = inner.GetUtcNow();
            if (!_frozen) { _frozen = true; inner.Advance(freeze); }
            return now;
        }
        public override long GetTimestamp() => inner.GetTimestamp();
        public override long TimestampFrequency => inner.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }

    [Fact]
    public async Task SurelyHeld_WithinNinetyPercentOfTheTtlSinceTheLastRenewal_ThenRefused()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var lease = await TenantLease.AcquireAsync(store, "daemon pull", _time, ttl: Ttl, renewal: NoTick);
        Assert.True(lease.SurelyHeld());
        _time.Advance(TimeSpan.FromSeconds(89.9));
        Assert.True(lease.SurelyHeld(), "refused before 90 % of the TTL");
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.False(lease.SurelyHeld(), "still held at 90.1 % of the TTL since the acquisition");

        // A renewal (asked now) counts from now: held again, until 90 % of the TTL after it.
        Assert.True(await lease.StillHeldAsync(CancellationToken.None));
        Assert.True(lease.SurelyHeld());
        _time.Advance(TimeSpan.FromSeconds(89));
        Assert.True(lease.SurelyHeld());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(lease.SurelyHeld());
    }

    [Fact]
    public async Task SurelyHeld_AfterTheLeaseWasTakenOver_IsFalseAtOnce()
    {
        await using var a = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var b = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var lease = await TenantLease.AcquireAsync(a, "daemon pull", _time, ttl: Ttl, renewal: NoTick);
        // Past the database's expiry another holder takes it; the first one's renewal finds it gone.
        _time.Advance(Ttl + TimeSpan.FromSeconds(1));
        var other = await b.AcquireLeaseAsync(TenantLease.Job, "other", _time.GetUtcNow().UtcDateTime, Ttl);
        Assert.Equal("other", other.Holder);
        Assert.False(await lease.StillHeldAsync(CancellationToken.None));
        Assert.False(lease.SurelyHeld());
    }

    [Fact]
    public async Task RequestGate_NotHeld_RefusesTheRequestWithoutSendingIt()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        using var counting = new CountingHandler(new SocketsHttpHandler());
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        await using var lease = await TenantLease.AcquireAsync(store, "daemon pull", _time, ttl: Ttl, renewal: NoTick);
        await using var client = new OdooClient(new OdooOptions
        {
            Url = emulator.Url, Database = emulator.Database, Username = emulator.Username, Password = emulator.Password,
            Protocol = OdooProtocol.XmlRpc, MaxRetries = 0,
        }, time: _time, handler: counting) { RequestGate = lease.SurelyHeld };

        await client.VersionAsync();
        var sent = counting.Sent;
        Assert.True(sent >= 1, "the held lease let no request through");

        _time.Advance(Ttl * 0.95); // frozen past 90 % of the TTL: the gate closes
        var refused = await Assert.ThrowsAsync<OdooException>(() => client.AuthenticateAsync());
        Assert.Contains("lease may have expired", refused.Message);
        Assert.Equal(sent, counting.Sent);
        Assert.DoesNotContain(emulator.Password, refused.Message);
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _sent;
        public int Sent => Volatile.Read(ref _sent);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sent);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
