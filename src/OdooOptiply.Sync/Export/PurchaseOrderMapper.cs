// Pure mapping of an Optiply buy order to Odoo purchase order values: the header with its lines as
// [0,0,{...}] commands, each line's quantity in the Odoo unit (unit_factors the other way: Optiply units
// ÷ factor) and, when export_BOLine_price, price_unit = subtotal ÷ that quantity. Dates as Odoo writes them.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Export;

/// <summary>An Optiply line resolved to Odoo: the variant and its purchase unit.</summary>
public sealed record ResolvedLine(BuyOrderLine Line, ProductUnit Product);

public static class PurchaseOrderMapper
{
    public static string OdooTime(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The create values: partner, name = the buy order id, origin mark, dates, company, lines inside.</summary>
    public static Dictionary<string, object?> Create(BuyOrder order, long partnerId, IReadOnlyList<ResolvedLine> lines, SyncFlags flags,
        string unitField, long? companyId)
    {
        var values = new Dictionary<string, object?>
        {
            ["partner_id"] = partnerId,
            ["name"] = order.Id,
            ["origin"] = ExportMark.Origin(order.Id),
            ["date_order"] = OdooTime(order.Placed),
            ["order_line"] = lines.Select(l => (object?)new List<object?> { 0L, 0L, Line(l, order, flags, unitField) }).ToList(),
        };
        if (order.ExpectedDelivery is { } planned) values["date_planned"] = OdooTime(planned);
        if (companyId is { } company) values["company_id"] = company;
        return values;
    }

    /// <summary>One line's values (for a create command).</summary>
    public static Dictionary<string, object?> Line(ResolvedLine l, BuyOrder order, SyncFlags flags, string unitField)
    {
        var values = Quantities(l, flags);
        values["product_id"] = l.Product.ProductId;
        if (l.Product.UnitId is { } unit) values[unitField] = unit;
        if ((l.Line.ExpectedDelivery ?? order.ExpectedDelivery) is { } planned) values["date_planned"] = OdooTime(planned);
        return values;
    }

    /// <summary>product_qty in the Odoo unit, and price_unit when export_BOLine_price (sent together: Odoo 16+
    /// recomputes price_unit from the vendor list when the quantity changes alone).</summary>
    public static Dictionary<string, object?> Quantities(ResolvedLine l, SyncFlags flags)
    {
        var quantity = OdooQuantity(l.Line.Quantity, l.Product.UnitName, flags);
        var values = new Dictionary<string, object?> { ["product_qty"] = quantity };
        if (flags.ExportBoLinePrice) values["price_unit"] = PriceUnit(l.Line.Subtotal, quantity);
        return values;
    }

    public static double OdooQuantity(long optiplyQuantity, string? unitName, SyncFlags flags) =>
        Math.Round(optiplyQuantity / Units.Factor(flags, unitName), 6);

    public static double PriceUnit(decimal subtotal, double quantity) =>
        quantity == 0 ? 0 : Math.Round((double)subtotal / quantity, 6);

    /// <summary>Whether the Odoo line already says what the Optiply line says (quantity, and price when it is exported).</summary>
    public static bool Matches(PurchaseLine odoo, ResolvedLine l, SyncFlags flags)
    {
        var want = Quantities(l, flags);
        return Math.Abs(odoo.Quantity - (double)want["product_qty"]!) < 1e-6
            && (!flags.ExportBoLinePrice || Math.Abs(odoo.PriceUnit - (double)want["price_unit"]!) < 0.005);
    }

    /// <summary>The hash of what Optiply says about the order's lines: a change means a user edited the order in Optiply.</summary>
    public static string LinesHash(IReadOnlyList<BuyOrderLine> lines) => ContentHash.Of(LinesContent(lines));

    /// <summary>What <see cref="LinesHash"/> covers (the export's binding hash).</summary>
    public static JsonObject LinesContent(IReadOnlyList<BuyOrderLine> lines) =>
        new JsonObject
        {
            ["lines"] = new JsonArray(lines.OrderBy(l => l.Id, StringComparer.Ordinal).Select(l => (JsonNode)new JsonObject
            {
                ["id"] = l.Id, ["productId"] = l.ProductId, ["quantity"] = l.Quantity, ["subtotal"] = l.Subtotal,
            }).ToArray()),
        };
}
