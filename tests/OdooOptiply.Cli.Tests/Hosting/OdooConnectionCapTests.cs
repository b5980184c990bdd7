// The node's cap on connections per Odoo host (issue 14, run --max-connections-per-odoo-host): four tenants on one
// Odoo emulator pulled at the same time through one TenantWork with a cap of 2 never have more than 2 requests in
// flight at that server (EmulatorHost.InFlightHighWater), while the same four runs without the cap have more.
using Microsoft.Extensions.Logging.Abstractions;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Cli.Tests.Commands;
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Sync.Config;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace OdooOptiply.Cli.Tests.Hosting;

public sealed class OdooConnectionCapTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FourTenantsOnOneOdooHost_CapTwo_AtMostTwoRequestsInFlight()
    {
        await using var t = await TenantFiles.StartAsync();
        var template = TenantConfigLoader.Load(t.ConfigPath).GetOrThrow();
        var dir = Path.GetDirectoryName(t.StatePath)!;
        var tenants = Enumerable.Range(1, 4).Select(i => template with
        {
            Name = $"t{i}", Run = template.Run with { StatePath = Path.Combine(dir, $"t{i}.db") },
        }).ToList();
        var catalog = new TenantCatalog(tenants);

        await using (var seed = new TenantWork(catalog, NullLoggerFactory.Instance, TimeProvider.System))
            Assert.True((await seed.RunAsync("t1", JobKind.Pull, default, default)).Succeeded); // fills Optiply: the others adopt
        Assert.Equal(1, t.Odoo.InFlightHighWater);

        // Every Odoo answer now takes 40 ms, so runs started together are in flight together.
        t.Odoo.Faults.Options = FaultOptions.Parse("slow=1,slow-ms=40,seed=1");
        await using (var capped = new TenantWork(catalog, NullLoggerFactory.Instance, TimeProvider.System, maxConnectionsPerOdooHost: 2))
        {
            var runs = await Task.WhenAll(tenants.Select(c => Task.Run(() => capped.RunAsync(c.Name, JobKind.Pull, default, default))));
            Assert.All(runs, r => Assert.True(r.Succeeded, r.Reason));
            var overlapping = runs.Count(r => runs.Any(o => o != r && o.StartedAt < r.FinishedAt && r.StartedAt < o.FinishedAt));
            output.WriteLine($"capped: in flight at most {t.Odoo.InFlightHighWater}; {overlapping} of 4 runs overlapped another");
            Assert.True(overlapping >= 2, "the runs did not overlap: nothing was capped");
            Assert.True(t.Odoo.InFlightHighWater <= 2, $"{t.Odoo.InFlightHighWater} requests in flight with a cap of 2 connections");
            Assert.Equal(2, t.Odoo.InFlightHighWater);
        }

        // The same four runs without the cap: each has its own connection, so more than 2 are in flight.
        await using (var uncapped = new TenantWork(catalog, NullLoggerFactory.Instance, TimeProvider.System))
        {
            var runs = await Task.WhenAll(tenants.Select(c => Task.Run(() => uncapped.RunAsync(c.Name, JobKind.Pull, default, default))));
            Assert.All(runs, r => Assert.True(r.Succeeded, r.Reason));
        }
        output.WriteLine($"uncapped: in flight at most {t.Odoo.InFlightHighWater}");
        Assert.True(t.Odoo.InFlightHighWater > 2, $"without the cap still only {t.Odoo.InFlightHighWater} in flight: the test shows nothing");
    }
}

public sealed class OdooConnectionCapSettingsTests
{
    [Fact]
    public void DaemonSettings_MaxConnectionsPerOdooHost_ReadFromTheDaemonSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Daemon:MaxConnectionsPerOdooHost"] = "3" }).Build();
        Assert.Equal(3, DaemonSettings.From(configuration.GetSection("Daemon")).MaxConnectionsPerOdooHost);
    }
}
