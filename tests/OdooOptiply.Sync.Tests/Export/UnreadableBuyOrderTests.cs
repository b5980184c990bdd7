// Issue 10 item 1: an Optiply buy order the export cannot read (placed null, supplierId null) is an error
// reported for that order, never a deletion: its confirmed Odoo order stays. Every date form Optiply may
// send (epoch milliseconds, ISO with or without offset, a date alone) is read, and changes nothing.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Export;

public class UnreadableBuyOrderTests(ITestOutputHelper output)
{
    private static readonly DateTime Placed = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);

    private static async Task<(ExportHarness E, long Bo)> ExportedAsync()
    {
        var e = await ExportHarness.StartAsync();
        var p = e.Products(2);
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, Placed.AddDays(7), (p[0].Optiply, 10, 20m), (p[1].Optiply, 4, 12m));
        var run = await e.ExportAsync();
        Assert.True(run.Succeeded && run.Of(StreamNames.ExportBuyOrders).Created == 1, run.Describe());
        return (e, bo);
    }

    [Theory]
    [InlineData("placed")]
    [InlineData("supplierId")]
    public async Task Closed_AttributeNull_IsReportedAsFailedAndTheOdooOrderStaysConfirmed(string attribute)
    {
        var (e, bo) = await ExportedAsync();
        await using var _ = e;
        e.H.Optiply.Store.Overwrite("buyOrders", bo, new JsonObject { [attribute] = null });
        for (var i = 0; i < 2; i++)
        {
            var run = await e.ExportAsync();
            output.WriteLine(run.Describe());
            var report = run.Of(StreamNames.ExportBuyOrders);
            Assert.Equal(0, report.Deleted);
            Assert.Equal(1, report.Failed);
            Assert.Contains(report.Errors, m => m.Contains($"buy order {bo}", StringComparison.Ordinal) && m.Contains(attribute, StringComparison.Ordinal));
            Assert.Equal("purchase", e.SinglePurchaseOrder(bo)["state"]);
        }
        Assert.NotNull(await e.H.Store.GetBindingAsync(Spaces.BuyOrderExports, bo.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static TheoryData<string, JsonNode> DateForms => new()
    {
        { "epoch milliseconds", JsonValue.Create(1763631000000L) },
        { "epoch milliseconds as text", JsonValue.Create("1763631000000") },
        { "ISO without offset", JsonValue.Create("2026-11-20T09:30:00") },
        { "ISO with offset", JsonValue.Create("2026-11-20T10:30:00+01:00") },
        { "ISO with fraction", JsonValue.Create("2026-11-20T09:30:00.000Z") },
        { "date only", JsonValue.Create("2026-11-20") },
    };

    [Theory]
    [MemberData(nameof(DateForms))]
    public async Task Update_PlacedInAnotherDateForm_IsReadAndNothingIsCancelled(string form, JsonNode placed)
    {
        var (e, bo) = await ExportedAsync();
        await using var _ = e;
        e.H.Optiply.Store.Overwrite("buyOrders", bo, new JsonObject { ["placed"] = placed.DeepClone() });
        var run = await e.ExportAsync();
        output.WriteLine(form + ": " + run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(0, run.Of(StreamNames.ExportBuyOrders).Deleted);
        Assert.Equal(0, run.Of(StreamNames.ExportBuyOrders).Failed);
        Assert.Equal(1, run.Of(StreamNames.ExportBuyOrders).Unchanged);
        Assert.Equal("purchase", e.SinglePurchaseOrder(bo)["state"]);
    }

    [Fact]
    public async Task Create_PlacedAsEpochMilliseconds_IsExportedWithThatDate()
    {
        await using var e = await ExportHarness.StartAsync();
        var p = e.Products(1)[0];
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (p.Optiply, 3, 6m));
        e.H.Optiply.Store.Overwrite("buyOrders", bo, new JsonObject { ["placed"] = 1763631000000L }); // 2025-11-20 09:30:00 UTC
        var run = await e.ExportAsync();
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal("2025-11-20 09:30:00", e.SinglePurchaseOrder(bo)["date_order"]);
    }

    [Fact]
    public async Task Create_PlacedNull_IsReportedAsFailedWithItsIdAndNotExported()
    {
        await using var e = await ExportHarness.StartAsync();
        var p = e.Products(1)[0];
        var bo = e.SeedBuyOrder(e.Supplier("Office Supplies Ltd"), Placed, null, (p.Optiply, 3, 6m));
        e.H.Optiply.Store.Overwrite("buyOrders", bo, new JsonObject { ["placed"] = null });
        var run = await e.ExportAsync();
        var report = run.Of(StreamNames.ExportBuyOrders);
        Assert.Equal(1, report.Failed);
        Assert.Contains(report.Errors, m => m.Contains($"buy order {bo}", StringComparison.Ordinal) && m.Contains("placed", StringComparison.Ordinal));
        Assert.Empty(e.PurchaseOrdersOf(bo));
    }
}
