// The receipts of a purchase order: one open incoming picking per order, one stock.move per line
// (linked by purchase_line_id), qty_received recomputed from done moves, receipt_status from them.
using OdooOptiply.Emulators.Odoo.Orm;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo;

internal static class Receipts
{
    /// <summary>Makes the line's open move demand what is still to receive, creating picking and move as needed.</summary>
    public static void SyncLine(Orm.Orm o, Env e, long orderId, long lineId)
    {
        var line = o.Get("purchase.order.line", lineId)!;
        if (line.GetValueOrDefault("product_id") is not long productId) return;
        var product = o.Get("product.product", productId)!;
        if (o.Value(e, "product.product", product, "type") as string == "service") return;
        var moves = o.Store.Children("stock.move", "purchase_line_id", lineId).Select(m => o.Get("stock.move", m)!).ToList();
        var received = moves.Where(m => m.GetValueOrDefault("state") as string == "done").Sum(m => Names.Num(m, "quantity"));
        var open = moves.FirstOrDefault(m => m.GetValueOrDefault("state") as string is not ("done" or "cancel"));
        var remaining = Math.Max(0, Names.Num(line, "product_qty") - received);
        if (open is not null)
        {
            o.Set(e, "stock.move", [(long)open["id"]!], new Dictionary<string, object?> { ["product_uom_qty"] = remaining });
            return;
        }
        if (remaining <= 0) return;
        var picking = OpenPicking(o, e, orderId);
        var pick = o.Get("stock.picking", picking)!;
        o.CreateStore(e, "stock.move", new Dictionary<string, object?>
        {
            ["product_id"] = productId, ["product_uom_qty"] = remaining, ["picking_id"] = picking,
            ["purchase_line_id"] = lineId, ["location_id"] = pick["location_id"], ["location_dest_id"] = pick["location_dest_id"],
            ["state"] = "assigned", ["origin"] = o.Get("purchase.order", orderId)!["name"], ["product_uom"] = line.GetValueOrDefault("product_uom"),
            ["date"] = line.GetValueOrDefault("date_planned") ?? o.Now(), ["company_id"] = line.GetValueOrDefault("company_id"),
        });
    }

    private static long OpenPicking(Orm.Orm o, Env e, long orderId)
    {
        var po = o.Get("purchase.order", orderId)!;
        var pickings = po.GetValueOrDefault("picking_ids") as List<long> ?? [];
        foreach (var p in pickings)
            if (o.Get("stock.picking", p)?.GetValueOrDefault("state") as string is not ("done" or "cancel")) return p;
        var type = po.GetValueOrDefault("picking_type_id") as long? ?? Stock.IncomingType(o, 1);
        var typeRow = type is { } t ? o.Get("stock.picking.type", t) : null;
        var id = o.CreateStore(e, "stock.picking", new Dictionary<string, object?>
        {
            ["picking_type_id"] = type, ["partner_id"] = po.GetValueOrDefault("partner_id"), ["origin"] = po["name"],
            ["location_id"] = Stock.SupplierLocation(o), ["location_dest_id"] = typeRow?.GetValueOrDefault("default_location_dest_id"),
            ["scheduled_date"] = po.GetValueOrDefault("date_planned") ?? o.Now(), ["state"] = "assigned",
            ["company_id"] = po.GetValueOrDefault("company_id"),
        });
        o.Get("stock.picking", id)!["purchase_id"] = orderId;
        po["picking_ids"] = pickings.Append(id).ToList();
        return id;
    }

    /// <summary>qty_received of a line: done incoming moves minus done returns (moves leaving stock).</summary>
    public static double Received(Orm.Orm o, long lineId) =>
        o.Store.Children("stock.move", "purchase_line_id", lineId).Select(m => o.Get("stock.move", m)!)
            .Where(m => m.GetValueOrDefault("state") as string == "done")
            .Sum(m => Stock.IsInternal(o, m.GetValueOrDefault("location_id")) ? -Names.Num(m, "quantity") : Names.Num(m, "quantity"));

    public static object? Status(Orm.Orm o, Env e, Row po)
    {
        var pickings = (po.GetValueOrDefault("picking_ids") as List<long> ?? []).Select(p => o.Get("stock.picking", p)).Where(p => p is not null).ToList();
        var live = pickings.Where(p => p!.GetValueOrDefault("state") as string != "cancel").ToList();
        if (live.Count == 0) return null;
        if (live.All(p => p!.GetValueOrDefault("state") as string == "done")) return "full";
        return live.Any(p => p!.GetValueOrDefault("state") as string == "done") ? "partial" : "pending";
    }

    public static object? EffectiveDate(Orm.Orm o, Row po) =>
        (po.GetValueOrDefault("picking_ids") as List<long> ?? []).Select(p => o.Get("stock.picking", p)?.GetValueOrDefault("date_done") as string)
            .Where(d => d is not null).Order(StringComparer.Ordinal).FirstOrDefault();

    public static bool HasDoneReceipt(Orm.Orm o, Row po) =>
        (po.GetValueOrDefault("picking_ids") as List<long> ?? []).Any(p => o.Get("stock.picking", p)?.GetValueOrDefault("state") as string == "done");

    public static void CancelOpen(Orm.Orm o, Env e, Row po)
    {
        foreach (var p in po.GetValueOrDefault("picking_ids") as List<long> ?? [])
        {
            if (o.Get("stock.picking", p) is not { } pick || pick.GetValueOrDefault("state") as string is "done" or "cancel") continue;
            foreach (var m in o.Store.Children("stock.move", "picking_id", p).ToList())
                o.Set(e, "stock.move", [m], new Dictionary<string, object?> { ["state"] = "cancel" });
            o.Set(e, "stock.picking", [p], new Dictionary<string, object?> { ["state"] = "cancel" });
        }
    }
}
