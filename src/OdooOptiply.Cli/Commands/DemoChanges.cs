// The changes the demo makes in the Odoo emulator between its two runs, as an Odoo user would make them.
using System.Text.Json;
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Cli.Commands;

internal static class DemoChanges
{
    public static IReadOnlyList<string> Apply(OdooDatabase odoo)
    {
        var changes = new List<string>();
        var stocked = Product(odoo, "OPT-0001");
        odoo.AdjustStock(stocked, Id(odoo.Search("stock.location", "[[\"usage\",\"=\",\"internal\"]]")[0]["id"]), 12);
        changes.Add("12 × OPT-0001 counted into stock (a stock move; the product itself is not touched)");

        var archived = Product(odoo, "OPT-0002");
        odoo.Write("product.product", [archived], new Dictionary<string, object?> { ["active"] = false });
        changes.Add("OPT-0002 archived");

        var customer = Id(odoo.Search("res.partner", "[[\"customer_rank\",\">\",0]]")[0]["id"]);
        var order = odoo.Create("sale.order", new Dictionary<string, object?>
        {
            ["partner_id"] = customer, ["state"] = "sale",
            ["order_line"] = new List<object?> { new List<object?> { 0L, 0L, new Dictionary<string, object?> { ["product_id"] = Product(odoo, "OPT-0003"), ["product_uom_qty"] = 4.0, ["price_unit"] = 21.0 } } },
        });
        changes.Add($"new confirmed sale order {order}: 4 × OPT-0003");

        // A vendor price that is the only one of its (vendor, product) pair, so the supplier product goes.
        var single = odoo.Search("product.supplierinfo", "[[\"product_id\",\"!=\",false]]")
            .GroupBy(r => (Ref(r["partner_id"]), Ref(r["product_id"]))).First(g => g.Count() == 1).Single();
        odoo.Unlink("product.supplierinfo", [Id(single["id"])]);
        changes.Add($"supplier price {single["id"]} deleted");
        return changes;
    }

    private static long Product(OdooDatabase odoo, string code) =>
        Id(odoo.Search("product.product", JsonSerializer.Serialize(new object[] { new object[] { "default_code", "=", code } }))[0]["id"]);

    private static long Id(object? value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    private static long Ref(object? many2one) => many2one is IReadOnlyList<object?> l ? Id(l[0]) : Id(many2one);
}
