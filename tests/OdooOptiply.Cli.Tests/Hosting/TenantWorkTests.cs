// The daemon's real work against both emulators: one session per tenant reused by every run (one Optiply
// token, i.e. one client and its HttpClient pipeline, for all runs) and managed memory that stays flat
// from run to run.
using Microsoft.Extensions.Logging.Abstractions;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Cli.Tests.Commands;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;
using Xunit.Abstractions;

namespace OdooOptiply.Cli.Tests.Hosting;

/// <summary>The memory test measures the whole process's managed heap, so no other test class may run beside it
/// (it failed once in five full runs by 410 KiB when they did): its own collection, never parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection { public const string Name = "heap measuring"; }

[Collection(HeapMeasuringCollection.Name)]
public sealed class TenantWorkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_ManyRuns_OneSessionPerTenantAndFlatMemory()
    {
        await using var t = await TenantFiles.StartAsync();
        var config = TenantConfigLoader.Load(t.ConfigPath).GetOrThrow();
        await using var work = new TenantWork([config], NullLoggerFactory.Instance, TimeProvider.System);
        long warm = 0;
        for (var i = 1; i <= 16; i++)
        {
            var pull = await work.RunAsync("acme", JobKind.Pull, default, default);
            var export = await work.RunAsync("acme", JobKind.Export, default, default);
            Assert.True(pull.Succeeded && export.Succeeded);
            if (i == 4) warm = Memory();
        }
        var end = Memory();
        output.WriteLine($"managed heap after 4 cycles {warm / 1024} KiB, after 16 {end / 1024} KiB");
        Assert.Equal(1, t.Optiply.TokensIssued);
        // 12 more pull+export cycles (the emulators, in this process, log every request) must not add megabytes.
        Assert.True(end - warm < 4 * 1024 * 1024, $"grew {(end - warm) / 1024} KiB");
    }

    [Fact]
    public async Task RunAsync_TenantLeasedByAManualRun_ThrowsBusyAndRunsNothing()
    {
        await using var t = await TenantFiles.StartAsync();
        var config = TenantConfigLoader.Load(t.ConfigPath).GetOrThrow();
        await using var work = new TenantWork([config], NullLoggerFactory.Instance, TimeProvider.System);
        await using var other = await SqliteStateStore.OpenAsync(t.StatePath, "acme");
        await using (await TenantLease.AcquireAsync(other, "export"))
        {
            await Assert.ThrowsAsync<TenantBusyException>(() => work.RunAsync("acme", JobKind.Pull, default, default));
            Assert.Equal(0, t.Optiply.Store.Count("products"));
        }
        Assert.True((await work.RunAsync("acme", JobKind.Pull, default, default)).Succeeded);
        Assert.NotEqual(0, t.Optiply.Store.Count("products"));
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
