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
}
