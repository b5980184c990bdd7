// Tests for ProductMapper: one per flag it honours, plus storability across versions.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Mapping;

public class ProductMapperTests
{
    private static Odoo.OdooRecord V18(params (string, object?)[] extra) => Rec.With(Rec.Of(
        ("id", 7L), ("name", "Widget"), ("default_code", "W-1"), ("code", "W-1"), ("barcode", "8712345678906"), ("lst_price", 10.0),
        ("standard_price", 4.0), ("type", "consu"), ("is_storable", true), ("active", true), ("bom_count", 0L),
        ("create_date", "2025-01-02 03:04:05"), ("uom_id", Rec.M2o(1, "Units"))), extra);

    private static MapResult Map(Odoo.OdooRecord p, SyncFlags? flags = null, ProductFacts? facts = null) =>
        ProductMapper.Map(p, facts ?? new ProductFacts(12.7, 3, 0.21), flags ?? new SyncFlags());

    [Fact]
    public void Map_StorableV18_SendsEveryAttribute()
    {
        var r = Map(V18());
        Assert.True(r.CreateAllowed);
        var p = r.Payload!;
        Assert.Equal("Widget", (string)p["name"]!);
        Assert.Equal("W-1", (string)p["skuCode"]!);
        Assert.Equal("W-1", (string)p["articleCode"]!);
        Assert.Equal("8712345678906", (string)p["eanCode"]!);
        Assert.Equal(12L, (long)p["stockLevel"]!);
        Assert.Equal(10.0, (double)p["price"]!);
        Assert.Equal("enabled", (string)p["status"]!);
        Assert.False((bool)p["assembled"]!);
        Assert.Equal("2025-01-02T03:04:05Z", (string)p["createdAtRemote"]!);
        Assert.Equal("7", (string)p["remoteId"]!);
        Assert.False(p.ContainsKey("minimumStock"));
    }

    [Fact]
    public void Map_V17TypeProduct_IsStorable_ConsumableIsNot()
    {
        var v17 = Rec.Of(("id", 1L), ("name", "A"), ("type", "product"), ("active", true));
        var consu = Rec.Of(("id", 1L), ("name", "A"), ("type", "consu"), ("active", true));
        Assert.Equal("enabled", (string)Map(v17).Payload!["status"]!);
        var r = Map(consu);
        Assert.Equal("disabled", (string)r.Payload!["status"]!);
        Assert.False(r.CreateAllowed);
    }

    [Fact]
    public void Map_Archived_IsDisabledAndNotCreated()
    {
        var r = Map(V18(("active", false)));
        Assert.Equal("disabled", (string)r.Payload!["status"]!);
        Assert.False(r.CreateAllowed);
    }

    [Fact]
    public void Map_OutOfScopeCompany_IsDisabled() =>
        Assert.Equal("disabled", (string)Map(V18(), facts: new ProductFacts(InScope: false)).Payload!["status"]!);

    [Fact]
    public void Map_BomCount_MakesAssembled() => Assert.True((bool)Map(V18(("bom_count", 2L))).Payload!["assembled"]!);

    [Fact]
    public void Map_AssembledFact_OverridesBomCount() =>
        Assert.False((bool)Map(V18(("bom_count", 2L)), facts: new ProductFacts(Assembled: false)).Payload!["assembled"]!);

    [Fact]
    public void Map_SellPriceWithTaxes_AddsTaxRate() =>
        Assert.Equal(12.1, (double)Map(V18(), new SyncFlags { SellPriceWithTaxes = true }).Payload!["price"]!);

    [Fact]
    public void Map_UseStandardPrice_SendsCost() =>
        Assert.Equal(4.0, (double)Map(V18(), new SyncFlags { UseStandardPrice = true, SellPriceWithTaxes = true }).Payload!["price"]!);

    [Fact]
    public void Map_SyncProductPriceOff_SendsNoPrice() =>
        Assert.False(Map(V18(), new SyncFlags { SyncProductPrice = false }).Payload!.ContainsKey("price"));

    [Fact]
    public void Map_SyncArticleCodeOff_SendsNoArticleCode() =>
        Assert.False(Map(V18(), new SyncFlags { SyncArticleCode = false }).Payload!.ContainsKey("articleCode"));

    [Fact]
    public void Map_SyncMinimumStock_SendsRuleMinimum() =>
        Assert.Equal(3L, (long)Map(V18(), new SyncFlags { SyncMinimumStock = true }).Payload!["minimumStock"]!);

    [Fact]
    public void Map_UnitFactors_ConvertStockAndPrice()
    {
        var flags = new SyncFlags { UnitFactors = new Dictionary<string, double> { ["Crate"] = 6 } };
        var p = Map(V18(("uom_id", Rec.M2o(9, "Crate"))), flags, new ProductFacts(2, null, 0)).Payload!;
        Assert.Equal(12L, (long)p["stockLevel"]!);
        Assert.Equal(1.67, (double)p["price"]!);
    }

    [Fact]
    public void Map_UnitFilter_DisablesUnlistedUnit()
    {
        var flags = new SyncFlags { UnitFilter = true, UnitFactors = new Dictionary<string, double> { ["Units"] = 1 } };
        Assert.Equal("enabled", (string)Map(V18(), flags).Payload!["status"]!);
        Assert.Equal("disabled", (string)Map(V18(("uom_id", Rec.M2o(3, "kg"))), flags).Payload!["status"]!);
    }

    [Fact]
    public void Map_NegativeFractionalStock_RoundsDown() =>
        Assert.Equal(-1L, (long)Map(V18(), facts: new ProductFacts(-0.5)).Payload!["stockLevel"]!);

    [Fact]
    public void Map_ClearedBarcode_SendsNullSoOptiplyClearsIt()
    {
        var p = Map(V18(("barcode", false))).Payload!;
        Assert.True(p.ContainsKey("eanCode"));
        Assert.Null(p["eanCode"]);
    }

    [Fact]
    public void Map_NoName_IsSkipped() => Assert.Equal(Outcome.Skipped, Map(V18(("name", false))).Outcome);
}
