// Tests for SupplierProductMapper: one per flag, and the deterministic choice among price breaks.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Mapping;

public class SupplierProductMapperTests
{
    private static readonly Odoo.OdooRecord Row = Rec.Of(("id", 70L), ("partner_id", Rec.M2o(5, "Acme")), ("product_id", Rec.M2o(7, "Widget")),
        ("delay", 4L), ("min_qty", 12.0), ("price", 3.5), ("sequence", 1L), ("product_code", "AC-7"), ("product_name", false));

    private static SupplierProductFacts Facts(bool first = true, string? unit = "Units") => new(5, 7, 500, 700, "Widget", 2.25, 40, first, unit);

    private static System.Text.Json.Nodes.JsonObject Map(SyncFlags? flags = null, SupplierProductFacts? f = null) =>
        SupplierProductMapper.Map(Row, f ?? Facts(), flags ?? new SyncFlags()).Payload!;

    [Fact]
    public void Map_Defaults_SendPriceDelayMoqNotLotSizeNorPreferred()
    {
        var p = Map();
        Assert.Equal("5_7", (string)p["remoteId"]!);
        Assert.Equal(700L, (long)p["productId"]!);
        Assert.Equal(500L, (long)p["supplierId"]!);
        Assert.Equal("Widget", (string)p["name"]!);
        Assert.Equal("AC-7", (string)p["skuCode"]!);
        Assert.Equal(3.5, (double)p["price"]!);
        Assert.Equal(4L, (long)p["deliveryTime"]!);
        Assert.Equal(12L, (long)p["minimumPurchaseQuantity"]!);
        Assert.False(p.ContainsKey("lotSize"));
        Assert.False(p.ContainsKey("preferred"));
    }

    [Fact]
    public void Map_SyncPurchasePriceOff_NoPrice() => Assert.False(Map(new SyncFlags { SyncPurchasePrice = false }).ContainsKey("price"));

    [Fact]
    public void Map_AveragePurchasePrice_SendsAverageCost() => Assert.Equal(2.25, (double)Map(new SyncFlags { AveragePurchasePrice = true })["price"]!);

    [Fact]
    public void Map_SyncDeliveryTimeOff_NoDeliveryTime() => Assert.False(Map(new SyncFlags { SyncDeliveryTime = false }).ContainsKey("deliveryTime"));

    [Fact]
    public void Map_SyncMoqOff_NoMoq() => Assert.False(Map(new SyncFlags { SyncMoq = false }).ContainsKey("minimumPurchaseQuantity"));

    [Fact]
    public void Map_ProdMinStockAsSpMoq_SendsProductMinimum() => Assert.Equal(40L, (long)Map(new SyncFlags { ProdMinStockAsSpMoq = true })["minimumPurchaseQuantity"]!);

    [Fact]
    public void Map_MapLotSizes_SendsMinQtyAsLotSize() => Assert.Equal(12L, (long)Map(new SyncFlags { MapLotSizes = true })["lotSize"]!);

    [Fact]
    public void Map_NoMinimumInOdoo_SendsOneNotNull()
    {
        var zero = Rec.Of(("id", 71L), ("partner_id", Rec.M2o(5, "Acme")), ("product_id", Rec.M2o(7, "Widget")),
            ("delay", 4L), ("min_qty", 0.0), ("price", 3.5), ("sequence", 1L), ("product_code", "AC-7"), ("product_name", false));
        var p = SupplierProductMapper.Map(zero, Facts(), new SyncFlags { MapLotSizes = true }).Payload!;
        Assert.Equal(1L, (long)p["minimumPurchaseQuantity"]!);
        Assert.Equal(1L, (long)p["lotSize"]!);
    }

    [Fact]
    public void Map_MapPreferred_FirstVendorOnly()
    {
        Assert.True((bool)Map(new SyncFlags { MapPreferred = true })["preferred"]!);
        Assert.False((bool)Map(new SyncFlags { MapPreferred = true }, Facts(first: false))["preferred"]!);
    }

    [Fact]
    public void Map_UnitFactor_ConvertsMoqAndPrice()
    {
        var p = Map(new SyncFlags { UnitFactors = new Dictionary<string, double> { ["Box"] = 10 } }, Facts(unit: "Box"));
        Assert.Equal(120L, (long)p["minimumPurchaseQuantity"]!);
        Assert.Equal(0.35, (double)p["price"]!);
    }

    [Fact]
    public void Map_UnknownSupplier_IsSkipped() =>
        Assert.Equal("supplier not in Optiply", SupplierProductMapper.Map(Row, Facts() with { SupplierTargetId = null }, new SyncFlags()).Reason);

    [Fact]
    public void Choose_PriceBreaks_SmallestMinimumQuantityWhateverTheOrder()
    {
        var big = Rec.Of(("id", 1L), ("min_qty", 100.0), ("sequence", 1L), ("price", 2.0));
        var small = Rec.Of(("id", 2L), ("min_qty", 10.0), ("sequence", 1L), ("price", 3.0));
        Assert.Equal(2L, SupplierProductMapper.Choose([big, small]).Id);
        Assert.Equal(2L, SupplierProductMapper.Choose([small, big]).Id);
    }

    private static readonly DateOnly Today = new(2026, 3, 2);

    [Theory]
    [InlineData(false, false, true)]
    [InlineData("2026-03-02", "2026-03-02", true)] // both bounds inclusive
    [InlineData("2026-01-01", "2026-03-01", false)] // expired yesterday
    [InlineData("2026-03-03", false, false)] // starts tomorrow
    [InlineData(false, "2026-12-31", true)]
    public void InForce_DateStartAndEnd_OnlyRowsValidToday(object dateStart, object dateEnd, bool expected) =>
        Assert.Equal(expected, SupplierProductMapper.InForce(Rec.With(Row, ("date_start", dateStart), ("date_end", dateEnd)), Today));
}
