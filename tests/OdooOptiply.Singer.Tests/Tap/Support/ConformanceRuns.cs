// One discovery and one full sync per Odoo version (16–19), made once and shared by the conformance
// tests, so the suite checks many things without running the tap dozens of times on a busy machine.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Singer.Tests.Tap.Support;

public sealed class ConformanceRuns : IAsyncLifetime
{
    internal sealed record Run(OdooEmulator Odoo, JsonObject Config, JsonObject Catalog, TapOutput Output);

    private readonly ConcurrentDictionary<int, Lazy<Task<Run>>> _runs = new();

    internal Task<Run> ForAsync(int version) => _runs.GetOrAdd(version, v => new Lazy<Task<Run>>(() => StartAsync(v))).Value;

    private static async Task<Run> StartAsync(int version)
    {
        var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version });
        var config = TapHarness.Config(odoo);
        var catalog = await TapHarness.DiscoverAsync(config);
        var output = await TapHarness.SyncAsync(config, catalog);
        return new Run(odoo, config, catalog, output);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var run in _runs.Values.Where(l => l.IsValueCreated))
            if (run.Value.IsCompletedSuccessfully) await run.Value.Result.Odoo.DisposeAsync();
    }
}
