// The client never sends more requests per second than configured — measured on the emulator's side
// from the arrival times it records (real time: this is the one test that has to take a few seconds).
// Arrival jitter above OptiplyConstants.RateLimitSlack (a heavily overloaded machine) would make it fail.
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyRateLimitHandlerTests
{
    private static int MostInAnyWindow(IReadOnlyList<DateTimeOffset> arrivals, TimeSpan window)
    {
        var most = 0;
        for (int i = 0, j = 0; i < arrivals.Count; i++)
        {
            while (arrivals[i] - arrivals[j] >= window) j++;
            most = Math.Max(most, i - j + 1);
        }
        return most;
    }

    [Fact]
    public async Task Client_ParallelCallsAtTenPerSecond_NeverExceedTenInAnySecondOnTheServer()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        server.Emulator.Store.Seed("products", new JsonObject { ["name"] = "P", ["stockLevel"] = 1 });
        var sends = new RecordingHandler();
        await using var client = new OptiplyClient(server.Options(o => o with { RequestsPerSecond = 10 }), handler: sends);
        // Warm-up: the first burst opens ten connections at once, and their setup can delay arrivals by
        // hundreds of ms, which would bunch them up on the server although they were sent in time.
        // The guarantee is about what the client sends, so measure once connections exist.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.Products.GetAsync("1")));
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        server.Emulator.Traffic.Reset();
        sends.Times.Clear();
        var sentBefore = client.RequestCount;
        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 35).Select(_ => client.Products.GetAsync("1")));
        var elapsed = DateTimeOffset.UtcNow - started;
        var arrivals = server.Emulator.Traffic.Requests.Select(r => r.At).Order().ToList();
        Assert.Equal(35, arrivals.Count);
        // Sent: at most 10 in any second (permits are held a second plus the jitter slack) ...
        Assert.InRange(MostInAnyWindow(sends.Times.Order().ToList(), TimeSpan.FromSeconds(1)), 9, 10);
        // ... and on the server too.
        Assert.Equal(35, client.RequestCount - sentBefore);
        Assert.InRange(MostInAnyWindow(arrivals, TimeSpan.FromSeconds(1)), 9, 10);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6)); // 35 requests at 10/s: just over 3 s, not much more
    }

    [Fact]
    public async Task Client_NoLimit_SendsAtOnce()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client(o => o with { RequestsPerSecond = 0 });
        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.Accounts.GetAsync("1")));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(2));
    }

    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public System.Collections.Concurrent.ConcurrentBag<DateTimeOffset> Times { get; } = new();
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Times.Add(DateTimeOffset.UtcNow);
            return base.SendAsync(request, ct);
        }
    }
}
