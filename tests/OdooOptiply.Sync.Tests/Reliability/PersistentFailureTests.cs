// Persistent failures end cleanly: while Optiply refuses every product write, or Odoo answers nothing
// but gateway errors, the run ends with a clear error, no bookmark moves past unsaved work, and the next
// run (faults gone) picks up where this one stopped and ends in the clean run's state.
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.Tests.Reliability;

public sealed class PersistentFailureTests
{
    private static async Task<WorldSnapshot> CleanWithoutExportAsync()
    {
        await using var w = await FaultWorld.StartAsync();
        Assert.All(await w.ScenarioAsync(export: false), r => Assert.True(r.Succeeded));
        return w.Snapshot();
    }

    [Fact]
    public async Task OptiplyRefusingEveryProductWrite_EndsWithAClearError_KeepsTheBookmark_AndTheNextRunCatchesUp()
    {
        var clean = await CleanWithoutExportAsync();
        await using var w = await FaultWorld.StartAsync();
        Assert.True((await w.SyncOnceAsync()).Succeeded);
        var before = await w.Store.GetBookmarksAsync();
        w.ChangeOdooForIncremental();

        w.Optiply.Faults.Options = new FaultOptions { BadGateway = 1.0, PathPrefix = "/v1/products" };
        var failed = await w.SyncOnceAsync();
        var products = failed.Streams.Single(s => s.Stream == "products");
        Assert.True(products.Failed > 0, Describe(failed));
        Assert.Contains(products.Errors, e => e.Contains("Optiply is unavailable", StringComparison.Ordinal));
        var held = await w.Store.GetBookmarksAsync();
        Assert.Equal(before["products"], held["products"]);

        w.SetFaults(null);
        var next = await w.SyncOnceAsync();
        Assert.True(next.Succeeded && next.Streams.All(s => s.Failed == 0), string.Join("; ", next.Streams.SelectMany(s => s.Errors)));
        Assert.True(next.Streams.Single(s => s.Stream == "products").Updated > 0);
        var after = w.Snapshot();
        Assert.True(clean.Lines.SequenceEqual(after.Lines), clean.DifferenceFrom(after));
    }

    [Fact]
    public async Task OdooAnsweringOnlyGatewayErrors_FailsClearlyWithinTheWaitBound_AndMovesNoBookmark()
    {
        await using var w = await FaultWorld.StartAsync();
        Assert.True((await w.SyncOnceAsync()).Succeeded);
        var before = await w.Store.GetBookmarksAsync();
        var writes = w.Optiply.WriteCount;
        w.ChangeOdooForIncremental();

        w.Odoo.Faults.Options = new FaultOptions { BadGateway = 1.0 };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var failed = await w.SyncOnceAsync();
        // The bound is the feature (gives up within the retry budget: 8 retries of 5 ms x 2^n, about 1.3 s of waits, per call),
        // kept with a wide margin: 60 s is far over 3x what the run takes on a loaded machine, far under "retrying for ever".
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.False(failed.Succeeded);
        var products = failed.Streams.Single(s => s.Stream == "products");
        Assert.Equal(StreamStatus.Failed, products.Status);
        Assert.Contains(products.Errors, e => e.Contains("HTTP 50", StringComparison.Ordinal));
        Assert.Equal(before, await w.Store.GetBookmarksAsync());
        Assert.Equal(writes, w.Optiply.WriteCount);

        w.SetFaults(null);
        var next = await w.SyncOnceAsync();
        Assert.True(next.Succeeded, string.Join("; ", next.Streams.SelectMany(s => s.Errors)));
        Assert.True(next.Streams.Single(s => s.Stream == "products").Updated > 0, Describe(next));
    }

    private static string Describe(RunReport r) =>
        string.Join("\n", r.Streams.Select(s => $"{s.Stream} {s.Status} read={s.Read} new={s.Created} upd={s.Updated} del={s.Deleted} same={s.Unchanged} fail={s.Failed} {string.Join("; ", s.Errors)}"));
}
