// productCompositions between full reads (issue 16): BoM lines grouped per composed template; a changed line or
// BoM brings back only its template, a removed line or an archived BoM is found by counting the lines, and a run
// with nothing changed reads no line at all (one count, one empty read). End to end over HTTP, time on a fake clock.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Streams;

public class CompositionChangesTests(ITestOutputHelper output)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private static readonly SyncOptions Compositions = new(Streams: new HashSet<string> { "productCompositions" });
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private async Task<SyncHarness> SyncedAsync()
    {
        var h = await SyncHarness.StartAsync(clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        var first = await h.SyncAsync();
        Assert.True(first.Succeeded, first.Describe());
        Assert.True(h.Count("productCompositions") > 0, "the demo seed composes products");
        _clock.Advance(TimeSpan.FromHours(1));
        return h;
    }

    private async Task<(RunReport Run, List<string> Calls)> AgainAsync(SyncHarness h)
    {
        var counting = new CountingSource(h.Source);
        var run = await new SyncRunner(h.Config, counting, h.Target, h.Store, h.Clock).RunAsync(Compositions);
        output.WriteLine(run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        var calls = counting.Calls.ToList();
        foreach (var g in calls.GroupBy(c => c)) output.WriteLine($"{g.Count(),3} {g.Key}");
        return (run, calls);
    }

    private static long Id(object? m2o) => m2o is IReadOnlyList<object?> l ? Convert.ToInt64(l[0]) : Convert.ToInt64(m2o);

    private static IReadOnlyDictionary<string, object?> ActiveBom(SyncHarness h) =>
        h.Odoo.Data.Search("mrp.bom", "[[\"active\",\"=\",true]]").First(b => h.Odoo.Data.Search("mrp.bom.line", $"[[\"bom_id\",\"=\",{b["id"]}]]").Any());

    private static List<IReadOnlyDictionary<string, object?>> LinesOfTemplate(SyncHarness h, long template) =>
        h.Odoo.Data.Search("mrp.bom.line", $"[[\"bom_id.product_tmpl_id\",\"=\",{template}],[\"bom_id.active\",\"=\",true]]").ToList();

    [Fact]
    public async Task RunAsync_NothingChanged_OneCountOneEmptyRead()
    {
        await using var h = await SyncedAsync();
        var (run, calls) = await AgainAsync(h);
        var report = run.Of("productCompositions");
        Assert.Equal(0, report.Read);
        Assert.False(report.FullRead);
        // Beside the run's own signpost (common.version): the stream's two calls.
        Assert.Equal(["mrp.bom.line.search_count", "mrp.bom.line.search_read"], calls.Where(c => c != "common.version").Order().ToList());
    }

    [Fact]
    public async Task RunAsync_EmptyBomPutFirstOnItsTemplate_CompositionsGo()
    {
        await using var h = await SyncedAsync();
        // A template BoM that composes something, and a new BoM without components ahead of it (lower sequence): Odoo now
        // uses the new one, so the template's products compose nothing. No line changed: only the template's BoMs did.
        var bom = h.Odoo.Data.Search("mrp.bom", "[[\"active\",\"=\",true],[\"product_id\",\"=\",false]]")
            .First(b => h.Odoo.Data.Search("mrp.bom.line", $"[[\"bom_id\",\"=\",{b["id"]}]]").Any());
        var template = Id(bom["product_tmpl_id"]);
        var before = h.Count("productCompositions");
        h.Odoo.Data.Create("mrp.bom", new Dictionary<string, object?>
        {
            ["product_tmpl_id"] = template, ["product_qty"] = 1.0, ["type"] = bom["type"], ["sequence"] = Convert.ToInt64(bom["sequence"]) - 1,
            ["company_id"] = bom["company_id"] is false or null ? null : Id(bom["company_id"]), ["active"] = true,
        });
        var (run, _) = await AgainAsync(h);
        Assert.True(run.Of("productCompositions").Deleted >= 1);
        Assert.Equal(before - run.Of("productCompositions").Deleted, h.Count("productCompositions"));
        Assert.Equal(0, run.Of("productCompositions").Created);
    }

    [Fact]
    public async Task RunAsync_LineQuantityWritten_UpdatesItsCompositionsOnly()
    {
        await using var h = await SyncedAsync();
        var bom = ActiveBom(h);
        var line = h.Odoo.Data.Search("mrp.bom.line", $"[[\"bom_id\",\"=\",{bom["id"]}]]").First();
        h.Odoo.Data.Write("mrp.bom.line", [Convert.ToInt64(line["id"])], new Dictionary<string, object?> { ["product_qty"] = Convert.ToDouble(line["product_qty"]) + 7 });
        var (run, _) = await AgainAsync(h);
        Assert.Equal(LinesOfTemplate(h, Id(bom["product_tmpl_id"])).Count, run.Of("productCompositions").Read);
        Assert.True(run.Of("productCompositions").Updated >= 1);
        Assert.Equal(0, run.Of("productCompositions").Created + run.Of("productCompositions").Deleted);
    }

    [Fact]
    public async Task RunAsync_LineUnlinked_FoundByCountingAndDeleted()
    {
        await using var h = await SyncedAsync();
        // A line whose part appears once in its BoM: removing it removes that composition.
        var bom = ActiveBom(h);
        var lines = h.Odoo.Data.Search("mrp.bom.line", $"[[\"bom_id\",\"=\",{bom["id"]}]]").ToList();
        var line = lines.GroupBy(l => Id(l["product_id"])).First(g => g.Count() == 1).Single();
        var before = h.Count("productCompositions");
        h.Odoo.Data.Unlink("mrp.bom.line", [Convert.ToInt64(line["id"])]);
        var (run, calls) = await AgainAsync(h);
        Assert.True(run.Of("productCompositions").Deleted >= 1);
        Assert.Equal(before - run.Of("productCompositions").Deleted, h.Count("productCompositions"));
        Assert.Contains("mrp.bom.line.search", calls); // the ids of the range whose count differs
        Assert.False(run.Of("productCompositions").FullRead);
    }

    [Fact]
    public async Task RunAsync_BomArchivedWithOldWriteDate_CompositionsGoThenQuiet()
    {
        await using var h = await SyncedAsync();
        var bom = ActiveBom(h);
        var before = h.Count("productCompositions");
        // Written with an old write_date: only the counting of the lines can see them leave the live set.
        h.Odoo.Data.Write("mrp.bom", [Convert.ToInt64(bom["id"])], new Dictionary<string, object?> { ["active"] = false }, writeDate: LongAgo);
        var (run, _) = await AgainAsync(h);
        Assert.True(run.Of("productCompositions").Deleted >= 1);
        Assert.Equal(before - run.Of("productCompositions").Deleted, h.Count("productCompositions"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var (next, _) = await AgainAsync(h);
        Assert.Equal(0, next.Writes);
        Assert.Equal(0, next.Of("productCompositions").Read);
    }

    [Fact]
    public async Task RunAsync_BomQuantityDivided_UpdatesOnlyItsTemplate()
    {
        await using var h = await SyncedAsync();
        var bom = ActiveBom(h);
        var template = Id(bom["product_tmpl_id"]);
        h.Odoo.Data.Write("mrp.bom", [Convert.ToInt64(bom["id"])], new Dictionary<string, object?> { ["product_qty"] = Convert.ToDouble(bom["product_qty"]) * 4 });
        var (run, _) = await AgainAsync(h);
        Assert.Equal(LinesOfTemplate(h, template).Count, run.Of("productCompositions").Read);
        Assert.True(run.Of("productCompositions").Updated >= 1);
        Assert.Equal(0, run.Of("productCompositions").Created + run.Of("productCompositions").Deleted);
    }
}
