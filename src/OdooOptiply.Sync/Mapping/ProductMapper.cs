// products: one product.product (or product.template when use_templates) → one Optiply product.
// Facts the record itself does not hold (stock, reordering minimum, sales tax rate) are computed by
// the stream and passed in, so this stays a pure function.
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Mapping;

/// <param name="StockLevel">in the product's unit, per map_stockLevel; null = no stock known (0 sent)</param>
/// <param name="MinimumStock">reordering rule minimum in the product's unit; null = no rule</param>
/// <param name="SalesTaxRate">sum of the product's percentage sales taxes, e.g. 0.21</param>
/// <param name="InScope">the product belongs to the tenant's companies (or to none); outside them it is disabled</param>
/// <param name="Assembled">the product has an active BoM with at least one line; null = Odoo's bom_count &gt; 0 decides</param>
public sealed record ProductFacts(double? StockLevel = null, double? MinimumStock = null, double SalesTaxRate = 0, bool InScope = true, bool? Assembled = null);

public static class ProductMapper
{
    /// <summary>Odoo's price fields: lst_price on variants (list_price + extras), list_price on templates.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["id", "name", "default_code", "code", "barcode", "lst_price", "list_price", "standard_price", "taxes_id", "type",
         "detailed_type", "is_storable", "active", "bom_count", "create_date", "uom_id", "company_id", "write_date", "product_tmpl_id"];

    public const long MaxStockLevel = 9_999_999;

    public static MapResult Map(OdooRecord p, ProductFacts facts, SyncFlags flags)
    {
        var name = p.GetString("name");
        if (string.IsNullOrWhiteSpace(name)) return MapResult.Skip("product has no name");
        var unit = p.GetRefName("uom_id");
        var factor = Units.Factor(flags, unit);
        var enabled = facts.InScope && p.GetBool("active") && IsStorable(p) && Units.Allowed(flags, unit);
        var stock = Math.Floor((facts.StockLevel ?? 0) * factor);
        var payload = new JsonObject
        {
            ["name"] = Wire.Fit(name),
            ["skuCode"] = Wire.Text(p.GetString("default_code")),
            ["eanCode"] = Wire.Text(p.GetString("barcode")),
            ["stockLevel"] = (long)Math.Clamp(stock, -MaxStockLevel, MaxStockLevel),
            ["unlimitedStock"] = false,
            ["status"] = enabled ? "enabled" : "disabled",
            ["assembled"] = facts.Assembled ?? p.GetLong("bom_count") > 0,
            ["createdAtRemote"] = Wire.Time(p.GetDateTime("create_date")),
            ["remoteId"] = p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (flags.SyncArticleCode) payload["articleCode"] = Wire.Text(p.GetString("code") ?? p.GetString("default_code"));
        if (flags.SyncProductPrice) payload["price"] = Units.Money(Price(p, facts, flags) / factor);
        if (flags.SyncMinimumStock) payload["minimumStock"] = Units.Whole((facts.MinimumStock ?? 0) * factor);
        // A product Optiply has never seen is not created just to be disabled (Optiply's own integrations do the same).
        return MapResult.Send(payload, createAllowed: enabled);
    }

    /// <summary>Storable goods: type 'product' up to v17, is_storable from v18 (whose type is 'consu').</summary>
    public static bool IsStorable(OdooRecord p) =>
        p.ContainsKey("is_storable") ? p.GetBool("is_storable") : p.GetString("type") == "product" || p.GetString("detailed_type") == "product";

    private static double Price(OdooRecord p, ProductFacts facts, SyncFlags flags)
    {
        if (flags.UseStandardPrice) return p.GetDouble("standard_price");
        var list = p.ContainsKey("lst_price") ? p.GetDouble("lst_price") : p.GetDouble("list_price");
        return flags.SellPriceWithTaxes ? list * (1 + facts.SalesTaxRate) : list;
    }
}
