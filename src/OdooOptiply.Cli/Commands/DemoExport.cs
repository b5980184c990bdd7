// The demo's last act, the other direction: a buyer approves a buy order in Optiply, the export makes it a
// confirmed purchase order in Odoo, the goods arrive (the receipt is validated in Odoo), a pull brings the
// receipt back and completes the buy order, and a second export creates nothing: exactly once.
using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class DemoExport
{
    /// <param name="later">moves the demo's clock on, so the pull reads what changed after the export</param>
    public static async Task<bool> RunAsync(TenantSession session, OdooEmulator odoo, OptiplyEmulator optiply, Action later, IAnsiConsole console,
        CancellationToken ct)
    {
        var (bo, supplier) = SeedBuyOrder(optiply, session.Time);
        console.MarkupLineInterpolated($"  • a buyer makes buy order {bo} in Optiply for {supplier}");

        var export = await session.ExportAsync(ct: ct);
        var orders = PurchaseOrders(odoo.Data, bo);
        if (!export.Succeeded || orders.Count != 1) { console.Write(SyncCommand.ReportTable(export)); return false; }
        var po = orders[0];
        var poId = Id(po["id"]);
        console.MarkupLineInterpolated($"  • export: purchase order [bold]{po["name"]}[/] ({po["state"]}) for {Name(odoo.Data, "res.partner", po["partner_id"])}");
        foreach (var line in odoo.Data.Search("purchase.order.line", $"[[\"order_id\",\"=\",{poId}]]"))
            console.MarkupLineInterpolated(
                $"      {Number(line["product_qty"])} × {Name(odoo.Data, "product.product", line["product_id"], "default_code")} at {Number(line["price_unit"])}");

        later();
        var picking = ((IEnumerable)odoo.Data.Get("purchase.order", poId)!["picking_ids"]!).Cast<object>().Select(Id).Single();
        odoo.Data.ValidatePicking(picking);
        console.MarkupLineInterpolated($"  • the goods arrive: receipt {Name(odoo.Data, "stock.picking", picking)} validated in Odoo");
        var pull = await session.SyncAsync(new SyncOptions(), ct: ct);
        var lineIds = optiply.Store.All("buyOrderLines").Where(l => l.GetLong("buyOrderId") == bo).Select(l => l.Id).ToHashSet();
        var received = optiply.Store.All("receiptLines").Where(r => lineIds.Contains(r.GetLong("buyOrderLineId") ?? 0)).Sum(r => r.GetLong("quantity") ?? 0);
        var completed = optiply.Store.Get("buyOrders", bo)?.GetString("completed");
        console.MarkupLineInterpolated($"  • pull: {received} received in Optiply, buy order {bo} {(completed is null ? "still open" : "completed")}");

        var again = await session.ExportAsync(ct: ct);
        var created = again.Streams.Sum(s => s.Created);
        var count = PurchaseOrders(odoo.Data, bo).Count;
        console.MarkupLineInterpolated($"A second export created {created} purchase orders: {count} in Odoo for buy order {bo}.");
        return pull.Succeeded && again.Succeeded && created == 0 && count == 1 && completed is not null;
    }

    /// <summary>As a buyer would in Optiply: a buy order for a supplier Odoo knows, two of its enabled products.</summary>
    private static (long BuyOrder, string Supplier) SeedBuyOrder(OptiplyEmulator optiply, TimeProvider time)
    {
        var coupling = optiply.CouplingId;
        var enabled = optiply.Store.All("products").Where(p => p.GetString("status") == "enabled" && p.RemoteId(coupling) is not null).Select(p => p.Id).ToHashSet();
        var supplier = optiply.Store.All("suppliers").Where(s => s.RemoteId(coupling) is not null)
            .Select(s => (Supplier: s, Products: optiply.Store.All("supplierProducts")
                .Where(sp => sp.GetLong("supplierId") == s.Id && enabled.Contains(sp.GetLong("productId") ?? 0)).Select(sp => sp.GetLong("productId")!.Value).Distinct().ToList()))
            .First(s => s.Products.Count >= 2);
        var now = time.GetUtcNow().UtcDateTime;
        var id = optiply.Store.Seed("buyOrders", new JsonObject
        {
            ["supplierId"] = supplier.Supplier.Id,
            ["placed"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["expectedDeliveryDate"] = now.Date.AddDays(7).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["totalValue"] = 35m,
            ["orderLines"] = new JsonArray(
                new JsonObject { ["productId"] = supplier.Products[0], ["quantity"] = 10, ["subtotalValue"] = 25m },
                new JsonObject { ["productId"] = supplier.Products[1], ["quantity"] = 3, ["subtotalValue"] = 10m }),
        });
        return (id, supplier.Supplier.GetString("name") ?? supplier.Supplier.Id.ToString(CultureInfo.InvariantCulture));
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> PurchaseOrders(OdooDatabase odoo, long bo) =>
        odoo.Search("purchase.order", $"[[\"origin\",\"=\",\"{ExportMark.Origin(bo.ToString(CultureInfo.InvariantCulture))}\"]]");

    private static string Name(OdooDatabase odoo, string model, object? many2one, string field = "name") =>
        Convert.ToString(odoo.Get(model, many2one is IReadOnlyList<object?> l ? Id(l[0]) : Id(many2one))?[field], CultureInfo.InvariantCulture) ?? "?";

    private static long Id(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static string Number(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture);
}
