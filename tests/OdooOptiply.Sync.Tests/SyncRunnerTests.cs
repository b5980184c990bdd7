// End-to-end tests of SyncRunner over HTTP between the two emulators: a full sync of the demo company,
// and the rerun that must not write to Optiply at all.
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests;

public class SyncRunnerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_DemoCompany_EveryStreamSucceedsAndRerunWritesNothing()
    {
        await using var h = await SyncHarness.StartAsync();
        var first = await h.SyncAsync();
        output.WriteLine(first.Describe());
        Assert.True(first.Succeeded, first.Describe());
        Assert.True(first.Of("products").Created > 0, first.Describe());
        var writes = h.Optiply.WriteCount;
        var second = await h.SyncAsync();
        output.WriteLine(second.Describe());
        Assert.True(second.Succeeded, second.Describe());
        Assert.Equal(writes, h.Optiply.WriteCount);
        Assert.Equal(0, second.Writes);
    }
}
