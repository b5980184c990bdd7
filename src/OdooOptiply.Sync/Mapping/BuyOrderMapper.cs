// buyOrders: a confirmed purchase.order → Optiply buy order, and each of its lines → a buy order line
// (kept as separate records so they can be created, updated and deleted one by one as Odoo changes).
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Mapping;

public static class BuyOrderMapper
{
    public static readonly IReadOnlyList<string> Fields =
        ["id", "name", "state", "locked", "partner_id", "date_order", "date_approve", "date_planned", "effective_date", "amount_untaxed", "receipt_status", "company_id", "origin", "write_date"];
    public static readonly IReadOnlyList<string> LineFields =
        ["id", "order_id", "product_id", "product_qty", "qty_received", "price_subtotal", "date_planned", "display_type", "product_uom", "product_uom_id", "write_date"];

    /// <summary>The order (without lines). <paramref name="lines"/> decide "fully received".</summary>
    public static MapResult MapOrder(OdooRecord order, IReadOnlyList<OdooRecord> lines, long? supplierTargetId, SyncFlags flags)
    {
        if (supplierTargetId is null) return MapResult.Skip("supplier not in Optiply");
        // An order made in Odoo was placed when it was confirmed (date_approve). One exported from Optiply
        // carries Optiply's own placed date in date_order: keep it, or the pull would move it to the
        // confirmation time and the two systems would disagree about when the order was placed.
        var placed = ExportMark.IsExported(order.GetString("origin"))
            ? order.GetDateTime("date_order") ?? order.GetDateTime("date_approve")
            : order.GetDateTime("date_approve") ?? order.GetDateTime("date_order");
        if (placed is null) return MapResult.Skip("order has no date");
        var closed = order.GetString("state") == "done" || order.GetBool("locked")
            || (flags.BoCompletedOnReceipt && FullyReceived(order, lines));
        return MapResult.Send(WithExpectedDelivery(new JsonObject
        {
            ["supplierId"] = supplierTargetId,
            ["placed"] = Wire.Time(placed),
            ["totalValue"] = Units.Money(order.GetDouble("amount_untaxed")),
            // The moment it closed, taken from the order so the payload (and its hash) is stable across runs.
            ["completed"] = closed ? Wire.Time(order.GetDateTime("effective_date") ?? order.GetDateTime("date_planned") ?? placed) : null,
            ["remoteId"] = order.Id.ToString(CultureInfo.InvariantCulture),
        }, order));
    }

    /// <summary>expectedDeliveryDate ← date_planned, left out when Odoo has none: Optiply fills its own default on a create
    /// (placed + the supplier's delivery time) but a null sent in a PATCH would erase it, so the same Odoo record would
    /// end differently depending on whether it was created or updated (e.g. re-sent after a crash).</summary>
    private static JsonObject WithExpectedDelivery(JsonObject payload, OdooRecord source)
    {
        if (source.GetDateTime("date_planned") is { } planned) payload["expectedDeliveryDate"] = Wire.Time(planned);
        return payload;
    }

    public static bool FullyReceived(OdooRecord order, IReadOnlyList<OdooRecord> lines)
    {
        if (order.GetString("receipt_status") == "full") return true;
        var goods = lines.Where(l => l.Get("display_type") is null && l.GetDouble("product_qty") > 0).ToList();
        return goods.Count > 0 && goods.All(l => l.GetDouble("qty_received") >= l.GetDouble("product_qty"));
    }

    /// <summary>A line; buyOrderId is filled in by the runner once the order's Optiply id is known.</summary>
    public static MapResult MapLine(OdooRecord line, long? productTargetId, SyncFlags flags)
    {
        if (line.Get("display_type") is not null) return MapResult.Skip("section or note line");
        if (productTargetId is null) return MapResult.Skip("product not in Optiply");
        var unit = line.GetRefName("product_uom_id") ?? line.GetRefName("product_uom");
        if (!Units.Allowed(flags, unit)) return MapResult.Skip("unit not in unit_factors");
        var quantity = Units.Whole(line.GetDouble("product_qty") * Units.Factor(flags, unit));
        if (quantity <= 0) return MapResult.Skip("line quantity is zero");
        return MapResult.Send(WithExpectedDelivery(new JsonObject
        {
            ["productId"] = productTargetId,
            ["quantity"] = quantity,
            ["subtotalValue"] = Units.Money(line.GetDouble("price_subtotal")),
            ["remoteId"] = line.Id.ToString(CultureInfo.InvariantCulture),
        }, line));
    }
}
