// Counters, the strict server-side rate limit, and the faults the client must survive.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Emulators.Tests.Optiply;

public class OptiplyTrafficTests
{
    [Fact]
    public async Task WriteCount_CountsPostPatchDelete_NotReads()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var id = await raw.CreateAsync("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 0 });
        await raw.PatchAsync("products", id, new JsonObject { ["stockLevel"] = 2 });
        await raw.GetAsync("products");
        await raw.SendAsync(HttpMethod.Delete, $"products/{id}");
        Assert.Equal(3, raw.Emulator.WriteCount);
        Assert.Equal((1, 1, 1), (raw.Emulator.PostCount, raw.Emulator.PatchCount, raw.Emulator.DeleteCount));
        Assert.Equal(1, raw.Emulator.GetCount);
        Assert.Equal(3, raw.Emulator.Traffic.WritesByType["products"]);
        raw.Emulator.Traffic.Reset();
        Assert.Equal(0, raw.Emulator.WriteCount);
    }

    [Fact]
    public async Task StrictRateLimit_RequestsBeyondTheLimit_Are429WithRetryAfter()
    {
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { StrictRequestsPerSecond = 3 });
        await raw.TokenAsync(); // 1
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++) statuses.Add((await raw.GetAsync("products")).Status);
        Assert.Equal([200, 200, 429, 429], statuses);
        Assert.Contains(raw.Emulator.Traffic.Requests, r => r.Status == 429);
    }

    [Fact]
    public async Task GatewayTimeoutAbovePageLimit_LargePagesAre504()
    {
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { GatewayTimeoutAbovePageLimit = 50 });
        Assert.Equal(504, (await raw.GetAsync("sellOrderLines?page[limit]=100")).Status);
        Assert.Equal(200, (await raw.GetAsync("sellOrderLines?page[limit]=50")).Status);
        Assert.Equal(1, raw.Emulator.Faults.Injected["504-large-page"]);
    }

    [Fact]
    public async Task Faults_TooManyRequests_AnsweredWithRetryAfter()
    {
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { Faults = new FaultOptions { TooManyRequests = 1, RetryAfterSeconds = 7, PathPrefix = "/v1" } });
        await raw.TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(raw.Emulator.BaseUrl, "products"));
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public void FaultSpec_OptiplyKeys_AreSplitFromTheSharedOnes()
    {
        var spec = OptiplyFaultSpec.Parse("429=0.1,strict-rps=4,page504=50,seed=3");
        Assert.Equal(0.1, spec.Faults.TooManyRequests);
        Assert.Equal(3, spec.Faults.Seed);
        Assert.Equal(4, spec.StrictRequestsPerSecond);
        Assert.Equal(50, spec.GatewayTimeoutAbovePageLimit);
        Assert.Throws<FormatException>(() => OptiplyFaultSpec.Parse("bogus=1"));
    }
}
