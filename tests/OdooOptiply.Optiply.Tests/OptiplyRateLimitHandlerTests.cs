// The client never sends more requests per second than configured. Time is driven (FakeTimeProvider): the limiter
// holds each permit a second (+ slack) on the client's clock, so at any one instant of that clock at most N requests
// can have gone out — counted where they really arrive, on the emulator over real HTTP. No wall-clock bound: a busy
// machine makes the test slower, never wrong.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyRateLimitHandlerTests
{
    [Fact]
    public async Task Client_ParallelCallsAtTenPerSecond_NeverMoreThanTenPerSecondOfItsClock()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        server.Emulator.Store.Seed("products", new JsonObject { ["name"] = "P", ["stockLevel"] = 1 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = server.Client(o => o with { RequestsPerSecond = 10 }, time);
        // The token request takes a permit too: get it, and let its second pass, before counting.
        await client.Products.GetAsync("1");
        time.Advance(TimeSpan.FromSeconds(2));
        server.Emulator.Traffic.Reset();

        var calls = Task.WhenAll(Enumerable.Range(0, 35).Select(_ => client.Products.GetAsync("1")));
        for (var second = 1; second <= 4; second++)
        {
            var expected = Math.Min(35, 10 * second);
            await Eventually.TrueAsync(() => server.Emulator.Traffic.Requests.Count >= expected, $"{expected} requests on the emulator");
            // Nothing more can go out until the clock moves: every permit of this second is held.
            Assert.Equal(expected, server.Emulator.Traffic.Requests.Count);
            time.Advance(TimeSpan.FromSeconds(1) + OptiplyConstants.RateLimitSlack);
        }
        await calls;
        Assert.Equal(35, server.Emulator.Traffic.Requests.Count);
    }

    [Fact]
    public async Task Client_NoLimit_SendsEveryCallWithoutTheClockMoving()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = server.Client(o => o with { RequestsPerSecond = 0 }, time);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.Accounts.GetAsync("1")));
        Assert.True(server.Emulator.Traffic.Requests.Count >= 20);
    }

    [Fact]
    public async Task Client_GateClosesWhileARequestWaitsForItsPermit_TheRequestIsNeverSent()
    {
        // A daemon frozen (SIGSTOP) while its request waits in the limiter wakes with the permit granted and the lease
        // gone: the gate is asked after the limiter's wait, so the request is refused there, not sent.
        await using var server = await OptiplyTestServer.StartAsync();
        server.Emulator.Store.Seed("products", new JsonObject { ["name"] = "P", ["stockLevel"] = 1 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = server.Client(o => o with { RequestsPerSecond = 1 }, time);
        var open = true;
        client.RequestGate = () => open;
        // A first GET (after the token request's permit is released), so the next GET finds the permit held.
        var first = client.Products.GetAsync("1");
        await Eventually.TrueAsync(() =>
        {
            if (!first.IsCompleted) time.Advance(TimeSpan.FromMilliseconds(200));
            return first.IsCompleted;
        }, "the first GET");
        await first;
        Assert.Equal(2, server.Emulator.Traffic.Requests.Count); // the token and the first GET
        // This one waits in the limiter until the clock moves; the lease is lost meanwhile.
        var call = client.Products.GetAsync("1");
        Assert.False(call.IsCompleted);
        open = false;
        time.Advance(TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<OptiplyException>(() => call);
        Assert.Equal(OdooOptiply.Outcome.Fatal, e.Outcome);
        Assert.Contains("lease", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Emulator.Traffic.Requests.Count);
    }
}
