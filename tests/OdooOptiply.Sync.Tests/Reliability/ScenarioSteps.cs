// The user actions of the reliability scenarios, shared by the fault suite (in-process runs) and the
// crash suite (the program as a child process): what changes in Odoo between two syncs, and the buy
// orders a planner approves in Optiply before an export. Deterministic, so two worlds do the same.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Sync.Tests.Reliability;

internal static class ScenarioSteps
{
    /// <summary>A rename, an archived product, a price change on a template, and a stock move.</summary>
    public static void ChangeOdoo(OdooEmulator odoo)
    {
        var products = odoo.Data.Search("product.product", "[[\"default_code\",\"!=\",false]]").OrderBy(Id).ToList();
        odoo.Data.Write("product.product", [Id(products[0])], new Dictionary<string, object?> { ["name"] = "Renamed under faults" });
        odoo.Data.Write("product.product", [Id(products[1])], new Dictionary<string, object?> { ["active"] = false });
        var template = odoo.Data.Get("product.product", Id(products[2]))!["product_tmpl_id"];
        odoo.Data.Write("product.template", [Convert.ToInt64(template is System.Collections.IList l ? l[0] : template, CultureInfo.InvariantCulture)],
            new Dictionary<string, object?> { ["list_price"] = 123.45 });
        var stock = odoo.Data.Search("stock.location", "[[\"usage\",\"=\",\"internal\"]]").OrderBy(Id).First();
        odoo.Data.AdjustStock(Id(products[3]), Id(stock), 7);
    }

    /// <summary>Two buy orders for suppliers and products the pull bound, chosen by Odoo id (Optiply ids depend on create order).</summary>
    public static void SeedBuyOrders(OptiplyEmulator optiply)
    {
        long RemoteId(OptiplyRow r) => long.Parse(r.RemoteId(optiply.CouplingId)!, CultureInfo.InvariantCulture);
        var suppliers = optiply.Store.All("suppliers").Where(s => s.RemoteId(optiply.CouplingId) is not null).OrderBy(RemoteId).Take(2).ToList();
        var products = optiply.Store.All("products").Where(p => p.GetString("status") == "enabled" && p.RemoteId(optiply.CouplingId) is not null)
            .OrderBy(RemoteId).Take(3).ToList();
        for (var i = 0; i < suppliers.Count; i++)
            optiply.Store.Seed("buyOrders", new JsonObject
            {
                ["supplierId"] = suppliers[i].Id,
                ["placed"] = $"2026-11-2{i}T09:30:00Z",
                ["expectedDeliveryDate"] = "2026-12-04T00:00:00Z",
                ["totalValue"] = 30 + i,
                ["orderLines"] = new JsonArray(products.Skip(i).Take(2).Select((p, n) => (JsonNode)new JsonObject
                {
                    ["productId"] = p.Id, ["quantity"] = 5 + n, ["subtotalValue"] = 10 + n + i,
                }).ToArray()),
            });
    }

    private static long Id(IReadOnlyDictionary<string, object?> row) => Convert.ToInt64(row["id"], CultureInfo.InvariantCulture);
}
