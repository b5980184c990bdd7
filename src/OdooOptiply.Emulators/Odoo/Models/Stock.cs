// stock.picking / stock.move / stock.quant behaviour: sequence names, validating a picking (moves
// done, quants moved, backorder for what was not received, qty_received on purchase lines) and
// inventory adjustments. The helpers here are what OdooDatabase.ValidatePicking/AdjustStock call.
using OdooOptiply.Emulators.Odoo.Orm;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo;

internal static class Stock
{
    public static void Register(Behaviours b)
    {
        b.Defaults["stock.picking"] = (o, e, r) =>
        {
            var type = r.GetValueOrDefault("picking_type_id") is long t ? o.Get("stock.picking.type", t) : null;
            var wh = type?.GetValueOrDefault("warehouse_id") is long w ? o.Get("stock.warehouse", w) : null;
            r.TryAdd("name", o.NextName($"{wh?.GetValueOrDefault("code") ?? "WH"}/{type?.GetValueOrDefault("sequence_code") ?? "IN"}/"));
            r.TryAdd("state", "draft");
            r.TryAdd("scheduled_date", o.Now());
            r.TryAdd("date", o.Now());
            r.TryAdd("company_id", 1L);
            r.TryAdd("location_id", type?.GetValueOrDefault("default_location_src_id"));
            r.TryAdd("location_dest_id", type?.GetValueOrDefault("default_location_dest_id"));
        };
        b.Defaults["stock.move"] = (o, e, r) =>
        {
            r.TryAdd("state", "draft");
            r.TryAdd("quantity", 0.0);
            r.TryAdd("date", o.Now());
            r.TryAdd("company_id", 1L);
            if (r.GetValueOrDefault("product_id") is long p)
            {
                r.TryAdd("name", o.DisplayName(e, "product.product", p));
                r.TryAdd("product_uom", o.Value(e, "product.product", o.Get("product.product", p)!, "uom_id"));
            }
        };
        b.Defaults["stock.quant"] = (o, e, r) =>
        {
            r.TryAdd("reserved_quantity", 0.0);
            r.TryAdd("in_date", o.Now());
        };
        b.Compute("stock.picking", "picking_type_code", (o, e, r) =>
            r.GetValueOrDefault("picking_type_id") is long t ? o.Get("stock.picking.type", t)?.GetValueOrDefault("code") : null);
        b.Compute("stock.move", "reference", (o, e, r) =>
            r.GetValueOrDefault("picking_id") is long p ? o.Get("stock.picking", p)?.GetValueOrDefault("name") : r.GetValueOrDefault("name"));
        b.Compute("stock.move", "product_qty", (o, e, r) => Names.Num(r, "product_uom_qty"));
        b.Compute("stock.move", "display_name", (o, e, r) => o.Value(e, "stock.move", r, "reference") as string ?? "");
        b.Method("stock.picking", "button_validate", true, [], (o, e, _, ids, _) =>
        {
            foreach (var id in ids) Validate(o, e, id, null);
            return true;
        });
    }

    public static void Validate(Orm.Orm o, Env e, long pickingId, IReadOnlyDictionary<long, double>? quantities)
    {
        var picking = o.Get("stock.picking", pickingId) ?? throw OdooFault.Missing($"Record does not exist or has been deleted.\n(Record: stock.picking({pickingId},), User: 2)");
        if (picking.GetValueOrDefault("state") as string is "done" or "cancel")
            throw OdooFault.UserError("You cannot validate a transfer if no quantities are reserved nor done.");
        var now = o.Now();
        var leftovers = new List<(Row Move, double Remaining)>();
        foreach (var moveId in o.Store.Children("stock.move", "picking_id", pickingId).ToList())
        {
            var move = o.Get("stock.move", moveId)!;
            if (move.GetValueOrDefault("state") as string is "done" or "cancel") continue;
            var demand = Names.Num(move, "product_uom_qty");
            var qty = quantities?.TryGetValue(moveId, out var q) == true ? q : Names.Num(move, "quantity") > 0 ? Names.Num(move, "quantity") : demand;
            o.Set(e, "stock.move", [moveId], new Dictionary<string, object?>
                { ["quantity"] = qty, ["product_uom_qty"] = qty < demand ? qty : demand, ["state"] = "done", ["date"] = now, ["picked"] = true });
            if (move.GetValueOrDefault("product_id") is long product)
            {
                if (IsInternal(o, move.GetValueOrDefault("location_dest_id"))) Adjust(o, e, product, (long)move["location_dest_id"]!, qty);
                if (IsInternal(o, move.GetValueOrDefault("location_id"))) Adjust(o, e, product, (long)move["location_id"]!, -qty);
            }
            if (move.GetValueOrDefault("purchase_line_id") is long line)
                o.Set(e, "purchase.order.line", [line], new Dictionary<string, object?> { ["qty_received"] = Receipts.Received(o, line) });
            if (demand - qty > 1e-9) leftovers.Add((move, demand - qty));
        }
        o.Set(e, "stock.picking", [pickingId], new Dictionary<string, object?> { ["state"] = "done", ["date_done"] = now });
        if (leftovers.Count > 0) Backorder(o, e, picking, leftovers);
    }

    private static void Backorder(Orm.Orm o, Env e, Row picking, List<(Row Move, double Remaining)> leftovers)
    {
        var id = o.CreateStore(e, "stock.picking", new Dictionary<string, object?>
        {
            ["picking_type_id"] = picking.GetValueOrDefault("picking_type_id"), ["partner_id"] = picking.GetValueOrDefault("partner_id"),
            ["origin"] = picking.GetValueOrDefault("origin"), ["location_id"] = picking.GetValueOrDefault("location_id"),
            ["location_dest_id"] = picking.GetValueOrDefault("location_dest_id"), ["backorder_id"] = picking["id"], ["state"] = "assigned",
            ["scheduled_date"] = picking.GetValueOrDefault("scheduled_date"), ["company_id"] = picking.GetValueOrDefault("company_id"),
        });
        if (picking.GetValueOrDefault("purchase_id") is long po)
        {
            o.Get("stock.picking", id)!["purchase_id"] = po;
            var order = o.Get("purchase.order", po)!;
            order["picking_ids"] = (order.GetValueOrDefault("picking_ids") as List<long> ?? []).Append(id).ToList();
        }
        foreach (var (m, remaining) in leftovers)
            o.CreateStore(e, "stock.move", new Dictionary<string, object?>
            {
                ["product_id"] = m.GetValueOrDefault("product_id"), ["product_uom_qty"] = remaining, ["picking_id"] = id,
                ["purchase_line_id"] = m.GetValueOrDefault("purchase_line_id"), ["location_id"] = m.GetValueOrDefault("location_id"),
                ["location_dest_id"] = m.GetValueOrDefault("location_dest_id"), ["state"] = "assigned", ["origin"] = m.GetValueOrDefault("origin"),
            });
    }

    public static void Adjust(Orm.Orm o, Env e, long productId, long locationId, double delta)
    {
        var quant = o.Store.Children("stock.quant", "product_id", productId)
            .FirstOrDefault(q => o.Get("stock.quant", q)!.GetValueOrDefault("location_id") as long? == locationId);
        if (quant == 0)
            o.CreateStore(e, "stock.quant", new Dictionary<string, object?> { ["product_id"] = productId, ["location_id"] = locationId, ["quantity"] = delta });
        else
            o.Set(e, "stock.quant", [quant], new Dictionary<string, object?> { ["quantity"] = Names.Num(o.Get("stock.quant", quant)!, "quantity") + delta });
    }

    public static bool IsInternal(Orm.Orm o, object? locationId) =>
        locationId is long l && o.Get("stock.location", l)?.GetValueOrDefault("usage") as string == "internal";

    public static long? IncomingType(Orm.Orm o, long company)
    {
        var table = o.Store.Table("stock.picking.type");
        foreach (var id in table.IdsAscending())
        {
            var t = table.Get(id)!;
            if (t.GetValueOrDefault("code") as string == "incoming" && (t.GetValueOrDefault("company_id") as long? ?? company) == company) return id;
        }
        return null;
    }

    public static long? SupplierLocation(Orm.Orm o)
    {
        var table = o.Store.Table("stock.location");
        return table.IdsAscending().Cast<long?>().FirstOrDefault(id => table.Get(id!.Value)!.GetValueOrDefault("usage") as string == "supplier");
    }
}
