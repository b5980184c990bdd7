// One end-to-end test per flag whose effect shows in the demo company: each runs a sync between the two
// emulators with the flag set and looks at what arrived in Optiply. (Every flag is also unit-tested on
// its mapper in Mapping/.)
using System.Globalization;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Config;

public class SyncFlagsTests
{
    private static async Task<SyncHarness> SyncedAsync(Func<SyncFlags, SyncFlags> flags, int version = 18)
    {
        var h = await SyncHarness.StartAsync(version, flags: flags);
        var run = await h.SyncAsync();
        Assert.True(run.Succeeded, run.Describe());
        return h;
    }

    private static double Decimal(System.Text.Json.Nodes.JsonNode? n) => double.Parse(n!.ToString(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Language_NlNl_ProductNamesInDutch()
    {
        await using var h = await SyncedAsync(f => f with { Language = "nl_NL" });
        Assert.Equal("Bureaustoel", (string)h.ByRemoteId("products", h.ProductId("OPT-0001").ToString())!["name"]!);
    }

    [Fact]
    public async Task PullAllOrders_TakesEveryStateButCancelled()
    {
        await using var confirmed = await SyncedAsync(f => f);
        await using var all = await SyncedAsync(f => f with { PullAllOrders = true });
        var cancelled = all.Odoo.Data.Search("sale.order", "[[\"state\",\"=\",\"cancel\"]]").Count;
        var everything = all.Odoo.Data.Search("sale.order").Count;
        Assert.Equal(everything - cancelled, all.Count("sellOrders"));
        Assert.True(confirmed.Count("sellOrders") < all.Count("sellOrders"));
    }

    [Fact]
    public async Task MapSellOrdersPos_PosOrdersWithTotalInclTax()
    {
        await using var h = await SyncedAsync(f => f with { MapSellOrdersPos = true });
        var pos = h.Odoo.Data.Search("pos.order").First();
        var order = h.ByRemoteId("sellOrders", "pos_" + pos["id"])!;
        Assert.Equal(Convert.ToDouble(pos["amount_total"], CultureInfo.InvariantCulture), Decimal(order["totalValue"]));
    }

    [Fact]
    public async Task UseTemplates_OneProductPerTemplate()
    {
        await using var h = await SyncedAsync(f => f with { UseTemplates = true });
        var tshirt = h.IdOf("product.template", "[[\"name\",\"=\",\"Company T-Shirt\"]]");
        Assert.NotNull(h.ByRemoteId("products", tshirt.ToString()));
        Assert.Equal(23, h.Count("products")); // 20 goods, the T-shirt (three sizes, one template), the kit, the manufactured desk
        Assert.NotNull(h.Optiply.Store.All("supplierProducts").FirstOrDefault(r => r.RemoteId(h.Optiply.CouplingId)!.EndsWith("_" + tshirt)));
    }

    [Theory]
    [InlineData("available_quantity", "", "", 17)]  // (10 − 2 reserved) + 5 on the shelf + 4 in Brussels
    [InlineData("quantity", "", "", 19)]
    [InlineData("available_quantity", "1", "", 13)] // Brussels is company 2
    [InlineData("available_quantity", "", "1", 13)] // Brussels is warehouse 2
    public async Task MapStockLevel_CompanyAndWarehouseFilters_ChooseWhatCounts(string field, string companies, string warehouses, long expected)
    {
        static IReadOnlyList<long> Ids(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        await using var h = await SyncedAsync(f => f with { MapStockLevel = field, StocksCompanyIds = companies == "" ? null : Ids(companies), StocksWarehouseIds = Ids(warehouses) });
        Assert.Equal(expected, (long)h.ByRemoteId("products", h.ProductId("OPT-0001").ToString())!["stockLevel"]!);
    }

    [Fact]
    public async Task SyncMinimumStock_FromReorderingRule()
    {
        await using var h = await SyncedAsync(f => f with { SyncMinimumStock = true });
        Assert.Equal(5, Decimal(h.ByRemoteId("products", h.ProductId("OPT-0001").ToString())!["minimumStock"]));
    }

    [Fact]
    public async Task SellPriceWithTaxes_AddsTheSalesTax()
    {
        await using var h = await SyncedAsync(f => f with { SellPriceWithTaxes = true });
        Assert.Equal(Math.Round(10 * 1.21, 2), Decimal(h.ByRemoteId("products", h.ProductId("OPT-0001").ToString())!["price"]));
    }

    [Fact]
    public async Task BoCompletedOnReceipt_FullyReceivedOrderIsCompleted()
    {
        await using var h = await SyncedAsync(f => f);
        var open = h.Odoo.Data.Search("purchase.order", "[[\"state\",\"=\",\"purchase\"],[\"receipt_status\",\"=\",\"pending\"]]").First();
        var picking = Convert.ToInt64(((System.Collections.IEnumerable)open["picking_ids"]!).Cast<object>().First(), CultureInfo.InvariantCulture);
        h.Odoo.Data.ValidatePicking(picking);
        await h.SyncAsync();
        Assert.Null(h.ByRemoteId("buyOrders", open["id"]!.ToString()!)!["completed"]);
        h.Config = h.Config with { Flags = h.Config.Flags with { BoCompletedOnReceipt = true } };
        await h.SyncAsync();
        Assert.NotNull(h.ByRemoteId("buyOrders", open["id"]!.ToString()!)!["completed"]);
    }

    [Fact]
    public async Task CompanyIds_OtherCompany_OrdersStayHome()
    {
        await using var h = await SyncedAsync(f => f with { CompanyIds = [2] });
        Assert.Equal(0, h.Count("sellOrders"));
        Assert.Equal(0, h.Count("buyOrders"));
    }

    [Fact]
    public async Task CompanyIds_OtherCompany_BomsOfThisCompanyMakeNothingAssembled()
    {
        // Both demo BoMs belong to company 1: with company_ids [2] there are no compositions, so no product is assembled.
        await using var h = await SyncedAsync(f => f with { CompanyIds = [2] });
        Assert.Equal(0, h.Count("productCompositions"));
        Assert.True(h.Count("products") > 0);
        Assert.DoesNotContain(h.Optiply.Store.All("products"), p => p.Attributes["assembled"]?.GetValue<bool>() == true);
    }

    /// <summary>The first supplier product of a product. OPT-0001: price 3.5, min qty 0 (a 50-piece break at 3.0);
    /// OPT-0003: min qty 5.</summary>
    private static System.Text.Json.Nodes.JsonObject FirstSupplierProduct(SyncHarness h, string code = "OPT-0001")
    {
        var product = h.ProductId(code);
        var productTarget = h.ByRemoteIdOrNull("products", product.ToString());
        return h.Optiply.Store.All("supplierProducts").First(r => r.GetLong("productId") == productTarget).Attributes;
    }

    [Theory]
    [InlineData("sync_purchase_price")]
    [InlineData("average_purchase_price")]
    [InlineData("sync_deliveryTime")]
    [InlineData("sync_moq")]
    [InlineData("map_lotSizes")]
    [InlineData("prod_min_stock_as_sp_moq")]
    [InlineData("map_preferred")]
    public async Task SupplierProductFlags_ChangeTheirAttribute(string flag)
    {
        await using var plain = await SyncedAsync(f => f);
        await using var h = await SyncedAsync(f => flag switch
        {
            "sync_purchase_price" => f with { SyncPurchasePrice = false },
            "average_purchase_price" => f with { AveragePurchasePrice = true },
            "sync_deliveryTime" => f with { SyncDeliveryTime = false },
            "sync_moq" => f with { SyncMoq = false },
            "map_lotSizes" => f with { MapLotSizes = true },
            "prod_min_stock_as_sp_moq" => f with { ProdMinStockAsSpMoq = true },
            _ => f with { MapPreferred = true },
        });
        var before = FirstSupplierProduct(plain);
        var after = FirstSupplierProduct(h);
        switch (flag)
        {
            case "sync_purchase_price": Assert.NotNull(before["price"]); Assert.Null(after["price"]); break;
            case "average_purchase_price": Assert.Equal(4.0, Decimal(after["price"])); break; // OPT-0001's cost
            case "sync_deliveryTime": Assert.NotNull(before["deliveryTime"]); Assert.Null(after["deliveryTime"]); break;
            case "sync_moq": // not sent: Optiply keeps its own value (its default), not Odoo's 5
                Assert.Equal(5, Decimal(FirstSupplierProduct(plain, "OPT-0003")["minimumPurchaseQuantity"]));
                Assert.NotEqual(5, Decimal(FirstSupplierProduct(h, "OPT-0003")["minimumPurchaseQuantity"]));
                break;
            case "map_lotSizes":
                Assert.Equal(5, Decimal(FirstSupplierProduct(h, "OPT-0003")["lotSize"]));
                Assert.NotEqual(5, Decimal(FirstSupplierProduct(plain, "OPT-0003")["lotSize"] ?? System.Text.Json.Nodes.JsonValue.Create(0)));
                break;
            case "prod_min_stock_as_sp_moq": Assert.Equal(5, Decimal(after["minimumPurchaseQuantity"])); break; // the reordering rule's minimum
            default: Assert.True((bool)after["preferred"]!); break;
        }
    }

    [Theory]
    [InlineData("sync_product_price")]
    [InlineData("use_standard_price")]
    [InlineData("sync_articleCode")]
    [InlineData("unit_filter")]
    [InlineData("unit_factors")]
    public async Task ProductFlags_ChangeTheirAttribute(string flag)
    {
        await using var h = await SyncedAsync(f => flag switch
        {
            "sync_product_price" => f with { SyncProductPrice = false },
            "use_standard_price" => f with { UseStandardPrice = true },
            "sync_articleCode" => f with { SyncArticleCode = false },
            "unit_filter" => f with { UnitFilter = true, UnitFactors = new Dictionary<string, double> { ["Dozens"] = 12 } },
            _ => f with { UnitFactors = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["Units"] = 2 } },
        });
        var product = h.ByRemoteId("products", h.ProductId("OPT-0001").ToString());
        switch (flag)
        {
            case "sync_product_price": Assert.Null(product!["price"]); break;
            case "use_standard_price": Assert.Equal(4.0, Decimal(product!["price"])); break;
            case "sync_articleCode": Assert.Null(product!["articleCode"]); break;
            case "unit_filter": Assert.Null(product); Assert.Equal(0, h.Count("products")); break; // every demo product is in Units
            default: Assert.Equal(34L, (long)product!["stockLevel"]!); break;                     // 17 available × 2
        }
    }

    [Fact]
    public async Task SellordersAndBuyordersCompanyIds_FilterTheirOwnStreamOnly()
    {
        await using var h = await SyncedAsync(f => f with { SellordersCompanyIds = [2] });
        Assert.Equal(0, h.Count("sellOrders"));
        Assert.True(h.Count("buyOrders") > 0);
        await using var b = await SyncedAsync(f => f with { BuyordersCompanyIds = [2] });
        Assert.Equal(0, b.Count("buyOrders"));
        Assert.True(b.Count("sellOrders") > 0);
    }
}
