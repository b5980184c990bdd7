// sellOrders: a confirmed sale.order (or, with map_sellOrdersPOS, a pos.order) with its lines → one
// Optiply sell order with embedded orderLines. One line per product (Optiply's rule), for products
// Optiply knows; POS orders live in their own remote id space ("pos_<id>") so ids never collide.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Mapping;

public static class SellOrderMapper
{
    public static readonly IReadOnlyList<string> SaleFields = ["id", "name", "state", "date_order", "amount_untaxed", "company_id", "write_date"];
    public static readonly IReadOnlyList<string> SaleLineFields = ["id", "order_id", "product_id", "product_uom_qty", "price_subtotal", "display_type", "product_uom", "product_uom_id"];
    public static readonly IReadOnlyList<string> PosFields = ["id", "name", "state", "date_order", "amount_total", "company_id", "write_date"];
    public static readonly IReadOnlyList<string> PosLineFields = ["id", "order_id", "product_id", "qty", "price_subtotal", "product_uom_id"];

    public static string PosSourceId(long posOrderId) => "pos_" + posOrderId.ToString(CultureInfo.InvariantCulture);

    /// <param name="productTarget">Optiply product id of an Odoo product id (variant), null when unknown</param>
    public static MapResult MapSale(OdooRecord order, IReadOnlyList<OdooRecord> lines, Func<long, long?> productTarget, SyncFlags flags) =>
        Map(order, order.Id.ToString(CultureInfo.InvariantCulture), order.GetDouble("amount_untaxed"),
            lines.Where(l => l.Get("display_type") is null), "product_uom_qty", productTarget, flags);

    public static MapResult MapPos(OdooRecord order, IReadOnlyList<OdooRecord> lines, Func<long, long?> productTarget, SyncFlags flags) =>
        Map(order, PosSourceId(order.Id), order.GetDouble("amount_total"), lines, "qty", productTarget, flags);

    private static MapResult Map(OdooRecord order, string remoteId, double total, IEnumerable<OdooRecord> lines,
        string quantityField, Func<long, long?> productTarget, SyncFlags flags)
    {
        var placed = order.GetDateTime("date_order");
        if (placed is null) return MapResult.Skip("order has no date");
        var merged = new SortedDictionary<long, (double Quantity, double Subtotal)>();
        foreach (var line in lines)
        {
            var unit = line.GetRefName("product_uom_id") ?? line.GetRefName("product_uom");
            if (line.GetId("product_id") is not { } pid || productTarget(pid) is not { } target || !Units.Allowed(flags, unit)) continue;
            var (q, s) = merged.GetValueOrDefault(target);
            merged[target] = (q + line.GetDouble(quantityField) * Units.Factor(flags, unit), s + line.GetDouble("price_subtotal"));
        }
        var orderLines = new JsonArray();
        foreach (var (product, (quantity, subtotal)) in merged)
        {
            var whole = Units.Whole(quantity);
            if (whole <= 0) continue; // refunds and zero lines: Optiply counts sales, not returns
            orderLines.Add(new JsonObject { ["productId"] = product, ["quantity"] = whole, ["subtotalValue"] = Units.Money(subtotal) });
        }
        if (orderLines.Count == 0) return MapResult.Skip("no line for a product Optiply knows");
        return MapResult.Send(new JsonObject
        {
            ["placed"] = Wire.Time(placed),
            ["totalValue"] = Units.Money(total),
            ["orderLines"] = orderLines,
            ["remoteId"] = remoteId,
        });
    }
}
