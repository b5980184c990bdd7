// The one door: retries (429 with Retry-After, 5xx and timeouts only for safe methods), POST never
// repeated, the 401 → new token → one retry rule, including token expiry in the middle of a long list.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyDoorTests
{
    [Fact]
    public async Task Get_ServerRateLimit429_IsRetriedAndSucceeds()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions { StrictRequestsPerSecond = 3 });
        for (var i = 0; i < 30; i++) server.Emulator.Store.Seed("products", new JsonObject { ["name"] = $"P{i}", ["stockLevel"] = i });
        await using var client = server.Client(o => o with { PageLimit = 2, MaxRetries = 50, MaxRetryDelay = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(30, (await client.Products.ListAsync().ToListAsync()).Count);
        Assert.Contains(server.Emulator.Traffic.Requests, r => r.Status == 429);
    }

    [Fact]
    public async Task Get_BadGateways_AreRetried()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions
        {
            Faults = new FaultOptions { BadGateway = 0.5, Seed = 4, PathPrefix = "/v1" },
        });
        server.Emulator.Store.Seed("products", new JsonObject { ["name"] = "P", ["stockLevel"] = 1 });
        await using var client = server.Client(o => o with { MaxRetries = 10 });
        for (var i = 0; i < 5; i++) Assert.NotNull(await client.Products.FindAsync(new OptiplyQuery().Where("name", "P")));
        Assert.True(server.Emulator.Faults.TotalInjected > 0);
    }

    [Fact]
    public async Task Get_Retries_AreLoggedAsWarningsWithTheirCauseAndWait()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions
        {
            Faults = new FaultOptions { BadGateway = 0.5, Seed = 4, PathPrefix = "/v1" },
        });
        server.Emulator.Store.Seed("products", new JsonObject { ["name"] = "P", ["stockLevel"] = 1 });
        var logs = new ListLogger();
        await using var client = server.Client(o => o with { MaxRetries = 10, MaxRetryDelay = TimeSpan.FromMilliseconds(50) }, loggers: logs);
        for (var i = 0; i < 5; i++) Assert.NotNull(await client.Products.FindAsync(new OptiplyQuery().Where("name", "P")));
        var retries = logs.Lines.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text.Contains("retry", StringComparison.Ordinal)).ToList();
        Assert.Equal(server.Emulator.Faults.TotalInjected, retries.Count);
        Assert.All(retries, e => Assert.Matches(@"status 50[234]; retry \d+ in \d+ ms", e.Text));
    }

    [Fact]
    public async Task Post_BadGateway_IsNotRepeated()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions
        {
            Faults = new FaultOptions { BadGateway = 1, PathPrefix = "/v1/products" },
        });
        await using var client = server.Client(o => o with { MaxRetries = 5 });
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1 }));
        Assert.Equal(Outcome.Retriable, e.Outcome);
        Assert.InRange(e.Status, 502, 504);
        Assert.Equal(1, server.Emulator.Faults.TotalInjected);
    }

    [Fact]
    public async Task Post_Timeout_IsNotRepeated_AndFindShowsWhetherItLanded()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client(o => o with { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 3 });
        await client.Accounts.ListAsync().ToListAsync(); // token fetched before the faults start
        server.Emulator.Faults.Options = new FaultOptions { Slow = 1, SlowDelay = TimeSpan.FromMilliseconds(600), PathPrefix = "/v1/products" };
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Products.CreateAsync(new JsonObject { ["name"] = "Slow bolt", ["stockLevel"] = 1 }));
        Assert.Equal((0, Outcome.Retriable), (e.Status, e.Outcome));
        Assert.Contains("FindAsync", e.Message);
        Assert.Equal(1, server.Emulator.Faults.Injected["slow"]); // one attempt only
        server.Emulator.Faults.Options = new FaultOptions();
        // The emulator drops a request whose client went away, so this create did not land: Find says so.
        Assert.Null(await client.Products.FindAsync(new OptiplyQuery().Where("name", "Slow bolt")));
        Assert.Empty(server.Emulator.Store.All("products"));
    }

    [Fact]
    public async Task Get_Timeout_IsRetried()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client(o => o with { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 6 });
        await client.Accounts.ListAsync().ToListAsync();
        server.Emulator.Faults.Options = new FaultOptions { Slow = 0.5, Seed = 2, SlowDelay = TimeSpan.FromSeconds(2), PathPrefix = "/v1/products" };
        for (var i = 0; i < 4; i++) Assert.Empty(await client.Products.ListAsync().ToListAsync());
        Assert.True(server.Emulator.Faults.Injected.GetValueOrDefault("slow") > 0);
    }

    [Fact]
    public async Task Get_ResetConnections_AreRetried()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions
        {
            Faults = new FaultOptions { ResetConnection = 0.4, Seed = 3, PathPrefix = "/v1" },
        });
        await using var client = server.Client(o => o with { MaxRetries = 10 });
        for (var i = 0; i < 5; i++) Assert.Single(await client.Accounts.ListAsync().ToListAsync());
        Assert.True(server.Emulator.Faults.Injected.GetValueOrDefault("reset") > 0);
    }

    [Fact]
    public async Task List_TokenExpiresMidway_RenewsOnceAndReadsEverything()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        for (var i = 0; i < 50; i++) server.Emulator.Store.Seed("products", new JsonObject { ["name"] = $"P{i}", ["stockLevel"] = i });
        await using var client = server.Client(o => o with { PageLimit = 10 });
        var seen = new List<string>();
        await foreach (var r in client.Products.ListAsync())
        {
            seen.Add(r.Id);
            if (seen.Count == 25) server.Emulator.ExpireTokens();
        }
        Assert.Equal(50, seen.Distinct().Count());
        Assert.Equal(2, client.TokensFetched);
        Assert.Single(server.Emulator.Traffic.Requests, r => r.Status == 401);
    }

    [Fact]
    public async Task Token_NearExpiresIn_IsRenewedBeforeAny401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions { Clock = clock, TokenLifetime = TimeSpan.FromMinutes(10) });
        await using var client = server.Client(time: clock);
        await client.Accounts.ListAsync().ToListAsync();
        clock.Advance(TimeSpan.FromMinutes(7));
        await client.Accounts.ListAsync().ToListAsync();
        Assert.Equal(1, client.TokensFetched);
        clock.Advance(TimeSpan.FromMinutes(1.5)); // inside the 2-minute margin
        await client.Accounts.ListAsync().ToListAsync();
        Assert.Equal(2, client.TokensFetched);
        Assert.DoesNotContain(server.Emulator.Traffic.Requests, r => r.Status == 401);
    }

    [Fact]
    public async Task Every401_AfterRenewal_FailsFatallyWithoutLooping()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions { TokenLifetime = TimeSpan.Zero });
        await using var client = server.Client();
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Products.ListAsync().ToListAsync().AsTask());
        Assert.Equal((401, Outcome.Fatal), (e.Status, e.Outcome));
        Assert.Equal(2, server.Emulator.Traffic.Requests.Count(r => r.Status == 401));
    }
}
