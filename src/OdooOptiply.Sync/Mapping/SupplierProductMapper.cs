// supplierProducts: the product.supplierinfo rows of one (vendor, product) pair → one Optiply supplier
// product. Several rows for a pair (price breaks, duplicates) resolve to one row, always the same one.
// Only rows in force count (date_start/date_end around the day), as in Odoo's own choice of vendor.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Mapping;

/// <param name="AverageCost">the product's standard_price (its average cost under AVCO costing)</param>
/// <param name="ProductMinimumStock">the product's reordering rule minimum, null = no rule</param>
/// <param name="IsFirstVendor">this vendor is the product's first vendor in Odoo's order</param>
public sealed record SupplierProductFacts(
    long VendorId, long ProductId, long? SupplierTargetId, long? ProductTargetId, string ProductName,
    double AverageCost, double? ProductMinimumStock, bool IsFirstVendor, string? Unit);

public static class SupplierProductMapper
{
    public static string SourceId(long vendorId, long productId) => $"{vendorId}_{productId}";

    /// <summary>The row is in force on <paramref name="day"/>: no date_start after it and no date_end before it (both
    /// inclusive, either may be empty), as Odoo's own vendor choice (_select_seller) reads them. An expired or future
    /// price is not a price a buyer can order at today.</summary>
    public static bool InForce(OdooRecord row, DateOnly day) =>
        !(row.GetDateTime("date_start") is { } start && DateOnly.FromDateTime(start) > day)
        && !(row.GetDateTime("date_end") is { } end && DateOnly.FromDateTime(end) < day);

    /// <summary>The row a pair's price breaks resolve to: the smallest minimum quantity (the quantity a buyer
    /// can start at), then Odoo's own order (sequence, price, id).</summary>
    public static OdooRecord Choose(IEnumerable<OdooRecord> rows) =>
        rows.OrderBy(r => r.GetDouble("min_qty")).ThenBy(r => r.GetLong("sequence")).ThenBy(r => r.GetDouble("price")).ThenBy(r => r.Id).First();

    public static MapResult Map(OdooRecord row, SupplierProductFacts f, SyncFlags flags)
    {
        if (f.SupplierTargetId is null) return MapResult.Skip("supplier not in Optiply");
        if (f.ProductTargetId is null) return MapResult.Skip("product not in Optiply");
        if (!Units.Allowed(flags, f.Unit)) return MapResult.Skip("unit not in unit_factors");
        var factor = Units.Factor(flags, f.Unit);
        var payload = new JsonObject
        {
            ["name"] = Wire.Fit(row.GetString("product_name") ?? f.ProductName),
            ["productId"] = f.ProductTargetId,
            ["supplierId"] = f.SupplierTargetId,
            ["skuCode"] = Wire.Text(row.GetString("product_code")),
            ["status"] = "enabled",
            ["remoteId"] = SourceId(f.VendorId, f.ProductId),
        };
        if (flags.SyncPurchasePrice)
            payload["price"] = Units.Money(flags.AveragePurchasePrice ? f.AverageCost : row.GetDouble("price") / factor);
        if (flags.SyncDeliveryTime)
        {
            var delay = row.GetLong("delay");
            payload["deliveryTime"] = delay >= 1 ? Math.Min(delay, 365) : null; // Optiply accepts null or 1–365 days
        }
        if (flags.SyncMoq)
        {
            var moq = flags.ProdMinStockAsSpMoq ? f.ProductMinimumStock ?? 0 : row.GetDouble("min_qty") * factor;
            payload["minimumPurchaseQuantity"] = AtLeastOne(moq);
        }
        if (flags.MapLotSizes)
        {
            var lot = row.GetDouble("min_qty") * factor;
            payload["lotSize"] = AtLeastOne(lot);
        }
        if (flags.MapPreferred) payload["preferred"] = f.IsFirstVendor;
        return MapResult.Send(payload);
    }

    /// <summary>A quantity Optiply takes as 1 or more: below 1 (Odoo's "no minimum") is sent as 1, Optiply's own
    /// default, never as null. A null would leave the value to the server (its default on a create, but unknown on a
    /// PATCH), so the same Odoo row could end as 1 or as null depending on whether the record was created or updated.</summary>
    private static long AtLeastOne(double quantity) => quantity >= 1 ? Units.Whole(quantity) : 1;

    internal static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
