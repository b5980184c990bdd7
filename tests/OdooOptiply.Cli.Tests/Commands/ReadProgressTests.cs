// Progress within a stream's read: counted full reads show done / total, the rate and the time left; lines are
// spaced by the interval on a driven clock; a real first sync prints them for its streams.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Sync;
using Spectre.Console.Testing;

namespace OdooOptiply.Cli.Tests.Commands;

public class ReadProgressTests
{
    [Fact]
    public void Line_CountedRead_ShowsTotalRateAndTimeLeft() =>
        Assert.Equal("products: 12,000 of 100,000 read (2,400/s, about 00:00:36 left)",
            ReadProgress.Line(new StreamProgress("products", 12_000, 100_000), TimeSpan.FromSeconds(5)));

    [Fact]
    public void Line_UncountedRead_ShowsWhatWasReadAndTheRate() =>
        Assert.Equal("sellOrders: 500 read so far (100/s)", ReadProgress.Line(new StreamProgress("sellOrders", 500, null), TimeSpan.FromSeconds(5)));

    [Fact]
    public void Report_PrintsAtMostOneLinePerInterval()
    {
        var time = new FakeTimeProvider();
        var console = new TestConsole().Width(200);
        var progress = new ReadProgress(console, TimeSpan.FromSeconds(10), time);
        for (var i = 1; i <= 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            progress.Report(new StreamProgress("products", i * 1000, 30_000));
        }
        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the read began at 1 s: lines at 11 and 21 s
        Assert.StartsWith("products: 11,000 of 30,000 read", lines[0]);
    }

    [Fact]
    public async Task Sync_FirstRun_PrintsProgressOfItsCountedReads()
    {
        await using var t = await TenantFiles.StartAsync();
        var console = new TestConsole().Width(200);
        Assert.Equal(0, await SyncCommand.RunAsync(t.ConfigPath, ["products"], false, false, console, _ => null, CancellationToken.None, progressEvery: TimeSpan.Zero));
        var total = t.Odoo.Data.Search("product.product", "[[\"active\", \"in\", [true, false]]]").Count;
        Assert.Contains($"products: {total:N0} of {total:N0} read", console.Output);
    }
}
