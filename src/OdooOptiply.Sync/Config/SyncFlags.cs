// The tenant's behaviour switches, named after the mission document's flags (docs/flags.md explains each).
// Defaults live here and nowhere else; where the two flag tables disagree the choice is noted inline.
namespace OdooOptiply.Sync.Config;

public sealed record SyncFlags
{
    /// <summary>use_templates: one Optiply product per product.template instead of per variant (table says —; false).</summary>
    public bool UseTemplates { get; init; }
    /// <summary>sell_price_with_taxes: product price includes the sales taxes of the product.</summary>
    public bool SellPriceWithTaxes { get; init; }
    /// <summary>sync_purchase_price: supplier product price is sent (first table —, second true; true).</summary>
    public bool SyncPurchasePrice { get; init; } = true;
    /// <summary>average_purchase_price: supplier product price is the product's average cost (first table —; false).</summary>
    public bool AveragePurchasePrice { get; init; }
    /// <summary>pullAllOrders: sell orders in every state but cancelled, not only confirmed ones.</summary>
    public bool PullAllOrders { get; init; }
    /// <summary>map_preferred: the first vendor of a product is its preferred supplier product.</summary>
    public bool MapPreferred { get; init; }
    /// <summary>language: Odoo language code for translated product names.</summary>
    public string Language { get; init; } = "en_US";
    /// <summary>map_sellOrdersPOS: point-of-sale orders travel as sell orders too.</summary>
    public bool MapSellOrdersPos { get; init; }
    /// <summary>map_stockLevel: which stock figure becomes stockLevel (see StockLevelFields).</summary>
    public string MapStockLevel { get; init; } = StockLevelFields.AvailableQuantity;
    /// <summary>export_BOLine_price: buy order export sends the line price (export direction).</summary>
    public bool ExportBoLinePrice { get; init; } = true;
    /// <summary>bo_completed_on_receipt: a fully received buy order counts as completed.</summary>
    public bool BoCompletedOnReceipt { get; init; }
    /// <summary>unit_filter: only products and lines whose unit of measure is a key of unit_factors travel.</summary>
    public bool UnitFilter { get; init; }
    /// <summary>unit_factors: unit-of-measure name → factor that turns one of that unit into stock units.</summary>
    public IReadOnlyDictionary<string, double> UnitFactors { get; init; } = new Dictionary<string, double>();
    /// <summary>use_standard_price: product price is the cost (standard_price) instead of the sales price.</summary>
    public bool UseStandardPrice { get; init; }
    /// <summary>sync_product_price: product price is sent at all.</summary>
    public bool SyncProductPrice { get; init; } = true;
    /// <summary>export_buy_orders_as_draft: exported buy orders stay RFQs in Odoo (export direction).</summary>
    public bool ExportBuyOrdersAsDraft { get; init; }
    /// <summary>sync_deliveryTime: supplier product deliveryTime ← supplierinfo delay.</summary>
    public bool SyncDeliveryTime { get; init; } = true;
    /// <summary>sync_moq: supplier product minimumPurchaseQuantity ← supplierinfo min_qty.</summary>
    public bool SyncMoq { get; init; } = true;
    /// <summary>map_lotSizes: supplier product lotSize ← supplierinfo min_qty (the order multiple).</summary>
    public bool MapLotSizes { get; init; }
    /// <summary>prod_min_stock_as_sp_moq: MOQ ← the product's minimum stock (reordering rule) instead of min_qty.</summary>
    public bool ProdMinStockAsSpMoq { get; init; }
    /// <summary>sync_minimumStock: product minimumStock ← reordering rule minimum.</summary>
    public bool SyncMinimumStock { get; init; }
    /// <summary>sync_articleCode: product articleCode ← product code.</summary>
    public bool SyncArticleCode { get; init; } = true;
    /// <summary>company_ids: companies whose records travel (empty = all the user's companies).</summary>
    public IReadOnlyList<long> CompanyIds { get; init; } = [];
    /// <summary>stocks_company_ids: companies whose stock counts (null = company_ids).</summary>
    public IReadOnlyList<long>? StocksCompanyIds { get; init; }
    /// <summary>sellorders_company_ids: companies whose sell orders travel (null = company_ids).</summary>
    public IReadOnlyList<long>? SellordersCompanyIds { get; init; }
    /// <summary>buyorders_company_ids: companies whose purchase orders travel (null = company_ids).</summary>
    public IReadOnlyList<long>? BuyordersCompanyIds { get; init; }
    /// <summary>stocks_warehouse_ids: warehouses whose stock counts (empty = all of the stock companies).</summary>
    public IReadOnlyList<long> StocksWarehouseIds { get; init; } = [];

    /// <summary>adopt_unmatched: what adoption does with Optiply records no Odoo record matches: "leave" them (default) or
    /// "disable" them (products and supplier products; other resources have no status and are left).</summary>
    public string AdoptUnmatched { get; init; } = AdoptUnmatchedValues.Leave;

    /// <summary>deletion_guard: how many deletions of records Odoo no longer returns one run may send per binding space
    /// before it holds them all (DeletionGuard); an empty answer from Odoo must not empty the customer's Optiply.</summary>
    public DeletionGuardFlags DeletionGuard { get; init; } = new();

    public IReadOnlyList<long> EffectiveStocksCompanyIds => StocksCompanyIds ?? CompanyIds;
    public IReadOnlyList<long> EffectiveSellordersCompanyIds => SellordersCompanyIds ?? CompanyIds;
    public IReadOnlyList<long> EffectiveBuyordersCompanyIds => BuyordersCompanyIds ?? CompanyIds;
}

/// <summary>deletion_guard: { max_percent, min_records }. A run holds the deletions it detected in one binding space when
/// there are more than min_records of them AND more than max_percent of that space's bound records. 100 = off.</summary>
public sealed record DeletionGuardFlags
{
    public int MaxPercent { get; init; } = 30;
    public int MinRecords { get; init; } = 10;
    public bool Off => MaxPercent >= 100;
}

/// <summary>The values adopt_unmatched accepts.</summary>
public static class AdoptUnmatchedValues
{
    public const string Leave = "leave";
    public const string Disable = "disable";
    public static readonly IReadOnlyList<string> All = [Leave, Disable];
}

/// <summary>The values map_stockLevel accepts.</summary>
public static class StockLevelFields
{
    /// <summary>Sum of stock.quant quantity − reserved_quantity in internal locations (default).</summary>
    public const string AvailableQuantity = "available_quantity";
    /// <summary>Sum of stock.quant quantity (on hand, reservations ignored) in internal locations.</summary>
    public const string Quantity = "quantity";
    /// <summary>product.product qty_available (on hand) in the warehouse context.</summary>
    public const string QtyAvailable = "qty_available";
    /// <summary>product.product free_qty (on hand − reserved) in the warehouse context.</summary>
    public const string FreeQty = "free_qty";
    /// <summary>product.product virtual_available (forecast) in the warehouse context.</summary>
    public const string VirtualAvailable = "virtual_available";

    public static readonly IReadOnlyList<string> All = [AvailableQuantity, Quantity, QtyAvailable, FreeQty, VirtualAvailable];
    public static bool FromQuants(string field) => field is AvailableQuantity or Quantity;
}
