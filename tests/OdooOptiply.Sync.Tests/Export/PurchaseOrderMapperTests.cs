// Pure mapping tests: the create values (one call with the lines inside), unit factors the other way,
// price_unit = subtotal ÷ quantity only when export_BOLine_price, Odoo date strings, the lines hash.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Export;

namespace OdooOptiply.Sync.Tests.Export;

public class PurchaseOrderMapperTests
{
    private static readonly BuyOrder Order = new("42", 7, new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc), new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc),
        false, false, null, [new BuyOrderLine("100", 5, 12, 30m, null), new BuyOrderLine("101", 6, 3, 10m, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc))]);

    private static IReadOnlyList<ResolvedLine> Lines(string? unit = "Units") =>
        Order.Lines.Select(l => new ResolvedLine(l, new ProductUnit(l.ProductId + 1000, 1, unit))).ToList();

    [Fact]
    public void Create_Order_HeaderCarriesIdAndMarkAndLinesAreCreateCommands()
    {
        var v = PurchaseOrderMapper.Create(Order, 55, Lines(), new SyncFlags(), "product_uom", companyId: 3);
        Assert.Equal(55L, v["partner_id"]);
        Assert.Equal("42", v["name"]);
        Assert.Equal("Optiply buy order 42", v["origin"]);
        Assert.Equal("2026-11-20 09:30:00", v["date_order"]);
        Assert.Equal("2026-12-04 00:00:00", v["date_planned"]);
        Assert.Equal(3L, v["company_id"]);
        var commands = Assert.IsType<List<object?>>(v["order_line"]);
        Assert.Equal(2, commands.Count);
        var first = Assert.IsType<List<object?>>(commands[0]);
        Assert.Equal([0L, 0L], first.Take(2));
        var line = Assert.IsType<Dictionary<string, object?>>(first[2]);
        Assert.Equal(1005L, line["product_id"]);
        Assert.Equal(12.0, line["product_qty"]);
        Assert.Equal(2.5, line["price_unit"]);
        Assert.Equal(1L, line["product_uom"]);
        Assert.Equal("2026-12-04 00:00:00", line["date_planned"]);
        Assert.Equal("2026-12-01 00:00:00", ((Dictionary<string, object?>)((List<object?>)commands[1]!)[2]!)["date_planned"]);
    }

    [Fact]
    public void Quantities_PriceFlagOff_SendsNoPrice()
    {
        var v = PurchaseOrderMapper.Quantities(Lines()[0], new SyncFlags { ExportBoLinePrice = false });
        Assert.False(v.ContainsKey("price_unit"));
    }

    [Fact]
    public void Quantities_UnitFactor_DividesQuantityAndPricesPerOdooUnit()
    {
        var flags = new SyncFlags { UnitFactors = new Dictionary<string, double> { ["Dozens"] = 12 } };
        var v = PurchaseOrderMapper.Quantities(Lines("Dozens")[0], flags);
        Assert.Equal(1.0, v["product_qty"]);    // 12 pieces in Optiply = 1 dozen in Odoo
        Assert.Equal(30.0, v["price_unit"]);    // the subtotal buys one dozen
    }

    [Fact]
    public void PriceUnit_ZeroQuantity_IsZeroNotInfinity() => Assert.Equal(0, PurchaseOrderMapper.PriceUnit(10m, 0));

    [Fact]
    public void Matches_SameQuantityAndPrice_True_OtherQuantity_False()
    {
        var l = Lines()[0];
        Assert.True(PurchaseOrderMapper.Matches(new PurchaseLine(1, 1005, 12, 0, 2.5), l, new SyncFlags()));
        Assert.False(PurchaseOrderMapper.Matches(new PurchaseLine(1, 1005, 11, 0, 2.5), l, new SyncFlags()));
        Assert.True(PurchaseOrderMapper.Matches(new PurchaseLine(1, 1005, 12, 0, 9.99), l, new SyncFlags { ExportBoLinePrice = false }));
    }

    [Fact]
    public void LinesHash_ChangesWithQuantityNotWithOrder()
    {
        var a = PurchaseOrderMapper.LinesHash(Order.Lines);
        Assert.Equal(a, PurchaseOrderMapper.LinesHash(Order.Lines.Reverse().ToList()));
        Assert.NotEqual(a, PurchaseOrderMapper.LinesHash([Order.Lines[0] with { Quantity = 13 }, Order.Lines[1]]));
    }
}
