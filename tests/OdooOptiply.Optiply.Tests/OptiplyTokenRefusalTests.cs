// Issue 11: a refused token (wrong password) is asked for once, not once per call, and marked fatal for
// the run; a token endpoint that never answers fails within TokenBudget instead of hanging the run.
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyTokenRefusalTests
{
    [Fact]
    public async Task WrongPassword_ManyCalls_OneTokenRequestAndTheSameFatalError()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions());
        await using var client = server.Client(o => o with { Password = "wrong" });
        for (var i = 0; i < 5; i++)
        {
            var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Products.FindAsync(new OptiplyQuery()));
            Assert.True(e.Authentication);
            Assert.Equal(Outcome.Fatal, e.Outcome);
            Assert.Contains("Bad credentials", e.Message);
        }
        Assert.Equal(1, server.Emulator.Traffic.Requests.Count(r => r.Path.Contains("oauth/token", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WrongPassword_AfterTheRefusalHold_AsksAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions());
        await using var client = server.Client(o => o with { Password = "wrong" }, time: clock);
        await Assert.ThrowsAsync<OptiplyException>(() => client.ConnectAsync());
        await Assert.ThrowsAsync<OptiplyException>(() => client.ConnectAsync());
        clock.Advance(OptiplyTokenSource.RefusalHold + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<OptiplyException>(() => client.ConnectAsync());
        Assert.Equal(2, server.Emulator.Traffic.Requests.Count(r => r.Path.Contains("oauth/token", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TokenEndpointNeverAnswers_FailsWithinTheBudget()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (the kernel's backlog) and never answers
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions());
        await using var client = server.Client(o => o with
        {
            TokenUrl = new Uri($"http://127.0.0.1:{port}/api/auth/oauth/token"), Timeout = TimeSpan.FromMinutes(10), TokenBudget = TimeSpan.FromSeconds(1),
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.ConnectAsync());
        Assert.True(e.Authentication);
        Assert.Contains("gave no token within 1 s", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}"); // the bound is the feature; 1 s budget, wide margin
    }
}
