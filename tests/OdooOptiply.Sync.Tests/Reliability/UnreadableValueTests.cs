// One value that cannot be read (NaN from a JSON-RPC answer) must not freeze a stream on every run (issue
// 10.8): the record carrying it is rejected alone, named with its Odoo id and the reason, the rest of the
// page travels, and nothing is deleted in Optiply because it could not be read.
using OdooOptiply.Sync.Streams;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Reliability;

public sealed class UnreadableValueTests
{
    [Fact]
    public async Task NaNInOneProduct_RejectsThatProductAlone_AndOthersChangesArrive()
    {
        await using var h = await SyncHarness.StartAsync(protocol: "jsonrpc");
        Assert.True((await h.SyncAsync()).Succeeded);
        var bad = h.ProductId("OPT-0001");
        var good = h.ProductId("OPT-0002");
        h.Odoo.Data.Write("product.product", [bad], new Dictionary<string, object?> { ["list_price"] = double.NaN });
        h.Odoo.Data.Write("product.product", [good], new Dictionary<string, object?> { ["name"] = "Renamed while its neighbour broke" });
        var products = h.Count("products");

        var run = await h.SyncAsync();

        var report = run.Of(StreamNames.Products);
        Assert.Equal(1, report.Failed);
        Assert.Contains(report.Errors, e => e.Contains(bad.ToString()) && e.Contains("not a finite number"));
        Assert.Equal("Renamed while its neighbour broke", h.ByRemoteId("products", good.ToString())!["name"]!.GetValue<string>());
        Assert.Equal(products, h.Count("products"));
    }

    [Fact]
    public async Task NaNInOneSupplierPrice_RejectsItsTemplateAlone_AndDeletesNothing()
    {
        await using var h = await SyncHarness.StartAsync(protocol: "jsonrpc");
        Assert.True((await h.SyncAsync()).Succeeded);
        var rows = h.Odoo.Data.Search("product.supplierinfo");
        var row = Convert.ToInt64(rows[0]["id"]);
        h.Odoo.Data.Write("product.supplierinfo", [row], new Dictionary<string, object?> { ["price"] = double.PositiveInfinity });
        var supplierProducts = h.Count("supplierProducts");

        var run = await h.SyncAsync();

        var report = run.Of(StreamNames.SupplierProducts);
        Assert.Equal(1, report.Failed);
        Assert.Contains(report.Errors, e => e.Contains(row.ToString()) && e.Contains("not a finite number"));
        Assert.Contains(report.Errors, e => e.Contains("deletions not computed"));
        Assert.Equal(supplierProducts, h.Count("supplierProducts"));
    }
}
