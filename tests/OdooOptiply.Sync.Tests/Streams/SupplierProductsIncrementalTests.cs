// supplierProducts between full reads (issue 16): a changed supplier row brings back only its template's rows,
// a removed row is found by counting and its pair deleted, a renamed product rewrites its pairs, and a run
// with nothing changed reads no supplier row at all. End to end over HTTP, time on a fake clock.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Streams;

public class SupplierProductsIncrementalTests(ITestOutputHelper output)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private async Task<SyncHarness> SyncedAsync()
    {
        var h = await SyncHarness.StartAsync(clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        var first = await h.SyncAsync();
        Assert.True(first.Succeeded, first.Describe());
        _clock.Advance(TimeSpan.FromHours(1));
        return h;
    }

    private async Task<RunReport> AgainAsync(SyncHarness h)
    {
        var run = await h.SyncAsync();
        output.WriteLine(run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        return run;
    }

    private static long Id(object? m2o) => m2o is IReadOnlyList<object?> l ? Convert.ToInt64(l[0]) : Convert.ToInt64(m2o);

    private static List<IReadOnlyDictionary<string, object?>> RowsOf(SyncHarness h, long template) =>
        h.Odoo.Data.Search("product.supplierinfo", $"[[\"product_tmpl_id\",\"=\",{template}]]").ToList();

    [Fact]
    public async Task RunAsync_NothingChanged_ReadsNoSupplierRow()
    {
        await using var h = await SyncedAsync();
        var run = await AgainAsync(h);
        Assert.Equal(0, run.Of("supplierProducts").Read);
        Assert.False(run.Of("supplierProducts").FullRead);
    }

    [Fact]
    public async Task RunAsync_RowChanged_ReadsOnlyItsTemplate()
    {
        await using var h = await SyncedAsync();
        var row = h.Odoo.Data.Search("product.supplierinfo", "[[\"product_id\",\"!=\",false]]").First();
        var template = Id(row["product_tmpl_id"]);
        var pair = $"{Id(row["partner_id"])}_{Id(row["product_id"])}";
        h.Odoo.Data.Write("product.supplierinfo", [Convert.ToInt64(row["id"])], new Dictionary<string, object?> { ["delay"] = 42L });
        var run = await AgainAsync(h);
        Assert.Equal(RowsOf(h, template).Count, run.Of("supplierProducts").Read);
        Assert.Equal(1, run.Of("supplierProducts").Updated);
        Assert.Equal(42L, (long)h.ByRemoteId("supplierProducts", pair)!["deliveryTime"]!);
    }

    [Fact]
    public async Task RunAsync_RowRemovedBesideOthers_DeletesItsPairOnly()
    {
        await using var h = await SyncedAsync();
        // A template with rows of two vendors: removing one vendor's rows deletes that pair, the other stays.
        var first = h.Odoo.Data.Search("product.supplierinfo", "[[\"product_id\",\"!=\",false]]").First();
        var template = Id(first["product_tmpl_id"]);
        var removedVendor = Id(first["partner_id"]);
        var otherVendor = Convert.ToInt64(h.Odoo.Data.Search("res.partner", $"[[\"supplier_rank\",\">\",0],[\"id\",\"!=\",{removedVendor}]]").First()["id"]);
        h.Odoo.Data.Create("product.supplierinfo", new Dictionary<string, object?>
        {
            ["partner_id"] = otherVendor, ["product_tmpl_id"] = template, ["product_id"] = Id(first["product_id"]),
            ["price"] = 3.0, ["min_qty"] = 1.0, ["delay"] = 2L, ["sequence"] = 5L, ["company_id"] = 1L, ["product_uom"] = 1L,
        });
        await AgainAsync(h);
        _clock.Advance(TimeSpan.FromHours(1));
        var removed = RowsOf(h, template).Where(r => Id(r["partner_id"]) == removedVendor).ToList();
        var keptRow = RowsOf(h, template).First(r => Id(r["partner_id"]) == otherVendor);
        Assert.NotNull(h.ByRemoteId("supplierProducts", $"{otherVendor}_{Id(first["product_id"])}"));
        var before = h.Count("supplierProducts");
        h.Odoo.Data.Unlink("product.supplierinfo", removed.Select(r => Convert.ToInt64(r["id"])).ToList());
        var run = await AgainAsync(h);
        var gonePairs = removed.Select(r => $"{removedVendor}_{Id(r["product_id"])}").Distinct().ToList();
        Assert.Equal(gonePairs.Count, run.Of("supplierProducts").Deleted);
        Assert.Equal(before - gonePairs.Count, h.Count("supplierProducts"));
        Assert.All(gonePairs, p => Assert.Null(h.ByRemoteId("supplierProducts", p)));
        Assert.NotNull(h.ByRemoteId("supplierProducts", $"{Id(keptRow["partner_id"])}_{Id(keptRow["product_id"])}"));
        Assert.Equal(RowsOf(h, template).Count, run.Of("supplierProducts").Read);
    }

    [Fact]
    public async Task RunAsync_ProductRenamed_RewritesItsPairs()
    {
        await using var h = await SyncedAsync();
        // A row without its own product name is named after the product.
        var row = h.Odoo.Data.Search("product.supplierinfo", "[[\"product_id\",\"!=\",false]]").First(r => r.GetValueOrDefault("product_name") is null or false or "");
        var template = Id(row["product_tmpl_id"]);
        h.Odoo.Data.Write("product.template", [template], new Dictionary<string, object?> { ["name"] = "Renamed in Odoo" });
        var run = await AgainAsync(h);
        Assert.Equal("Renamed in Odoo", (string)h.ByRemoteId("supplierProducts", $"{Id(row["partner_id"])}_{Id(row["product_id"])}")!["name"]!);
        Assert.Equal(RowsOf(h, template).Count, run.Of("supplierProducts").Read);
    }
}
