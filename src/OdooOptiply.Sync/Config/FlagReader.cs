// Reads the mission document's flags from the top level of a tenant file, each with its default
// (SyncFlags) and its own check: language like nl_NL, map_stockLevel from a fixed list, ids as
// comma-separated integers, unit_factors as name → positive number.
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OdooOptiply.Sync.Config;

internal static partial class FlagReader
{
    /// <param name="sections">receives the readers of the flags that are objects (deletion_guard), for their unknown keys</param>
    public static SyncFlags Read(ConfigReader r, List<ConfigReader>? sections = null)
    {
        var d = new SyncFlags();
        var language = r.String("language") ?? d.Language;
        if (!LanguageCode().IsMatch(language)) r.Problem("language", $"expected an Odoo language code such as nl_NL or en_US, got \"{language}\"");
        var stock = r.String("map_stockLevel") ?? d.MapStockLevel;
        if (!StockLevelFields.All.Contains(stock))
            r.Problem("map_stockLevel", $"expected one of {string.Join(", ", StockLevelFields.All)}, got \"{stock}\"");
        var unmatched = r.String("adopt_unmatched") ?? d.AdoptUnmatched;
        if (!AdoptUnmatchedValues.All.Contains(unmatched))
            r.Problem("adopt_unmatched", $"expected one of {string.Join(", ", AdoptUnmatchedValues.All)}, got \"{unmatched}\"");
        var flags = new SyncFlags
        {
            DeletionGuard = DeletionGuard(r, d.DeletionGuard, sections),
            AdoptUnmatched = unmatched,
            UseTemplates = r.Bool("use_templates", d.UseTemplates),
            SellPriceWithTaxes = r.Bool("sell_price_with_taxes", d.SellPriceWithTaxes),
            SyncPurchasePrice = r.Bool("sync_purchase_price", d.SyncPurchasePrice),
            AveragePurchasePrice = r.Bool("average_purchase_price", d.AveragePurchasePrice),
            PullAllOrders = r.Bool("pullAllOrders", d.PullAllOrders),
            MapPreferred = r.Bool("map_preferred", d.MapPreferred),
            Language = language,
            MapSellOrdersPos = r.Bool("map_sellOrdersPOS", d.MapSellOrdersPos),
            MapStockLevel = stock,
            ExportBoLinePrice = r.Bool("export_BOLine_price", d.ExportBoLinePrice),
            BoCompletedOnReceipt = r.Bool("bo_completed_on_receipt", d.BoCompletedOnReceipt),
            UnitFilter = r.Bool("unit_filter", d.UnitFilter),
            UnitFactors = UnitFactors(r) ?? d.UnitFactors,
            UseStandardPrice = r.Bool("use_standard_price", d.UseStandardPrice),
            SyncProductPrice = r.Bool("sync_product_price", d.SyncProductPrice),
            ExportBuyOrdersAsDraft = r.Bool("export_buy_orders_as_draft", d.ExportBuyOrdersAsDraft),
            SyncDeliveryTime = r.Bool("sync_deliveryTime", d.SyncDeliveryTime),
            SyncMoq = r.Bool("sync_moq", d.SyncMoq),
            MapLotSizes = r.Bool("map_lotSizes", d.MapLotSizes),
            ProdMinStockAsSpMoq = r.Bool("prod_min_stock_as_sp_moq", d.ProdMinStockAsSpMoq),
            SyncMinimumStock = r.Bool("sync_minimumStock", d.SyncMinimumStock),
            SyncArticleCode = r.Bool("sync_articleCode", d.SyncArticleCode),
            CompanyIds = r.Ids("company_ids") ?? d.CompanyIds,
            StocksCompanyIds = EmptyAsNull(r.Ids("stocks_company_ids")),
            SellordersCompanyIds = EmptyAsNull(r.Ids("sellorders_company_ids")),
            BuyordersCompanyIds = EmptyAsNull(r.Ids("buyorders_company_ids")),
            StocksWarehouseIds = r.Ids("stocks_warehouse_ids") ?? d.StocksWarehouseIds,
        };
        if (flags.UnitFilter && flags.UnitFactors.Count == 0)
            r.Problem("unit_filter", "is true but unit_factors is empty, so nothing would travel; list the units to keep in unit_factors (e.g. {\"Units\": 1})");
        return flags;
    }

    /// <summary>deletion_guard: an object { max_percent: 0–100 (100 = off), min_records: 0 or more }; keys left out keep their defaults.</summary>
    private static DeletionGuardFlags DeletionGuard(ConfigReader r, DeletionGuardFlags d, List<ConfigReader>? sections)
    {
        if (!r.Has("deletion_guard")) return d;
        var section = r.Section("deletion_guard");
        var guard = new DeletionGuardFlags
        {
            MaxPercent = section.Int("max_percent", d.MaxPercent, 0, 100),
            MinRecords = section.Int("min_records", d.MinRecords, 0, int.MaxValue),
        };
        sections?.Add(section); // its unknown keys are reported with the top level's
        return guard;
    }

    // An empty per-area company list means "same as company_ids", as the document's default says.
    private static IReadOnlyList<long>? EmptyAsNull(IReadOnlyList<long>? ids) => ids is { Count: 0 } ? null : ids;

    /// <summary>An object {"Dozens": 12}, or that object as a JSON string, or "Dozens:12, Pack of 6:6".</summary>
    private static IReadOnlyDictionary<string, double>? UnitFactors(ConfigReader r)
    {
        var v = r.Get("unit_factors");
        if (v is null) return null;
        var pairs = new List<(string, string)>();
        var value = v.Value;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            if (text is "" or "None" or "null") return null;
            if (text.StartsWith('{'))
            {
                try { value = JsonDocument.Parse(text).RootElement; }
                catch (JsonException) { r.Problem("unit_factors", "the string is not a valid JSON object"); return null; }
            }
            else pairs.AddRange(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split(':', 2)).Select(p => (p[0].Trim(), p.Length > 1 ? p[1].Trim() : "")));
        }
        if (value.ValueKind == JsonValueKind.Object)
            pairs.AddRange(value.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())));
        else if (value.ValueKind != JsonValueKind.String) { r.Problem("unit_factors", "expected an object such as {\"Dozens\": 12}"); return null; }

        var factors = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (unit, raw) in pairs)
        {
            if (unit.Length == 0 || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || !(f > 0) || double.IsInfinity(f))
                r.Problem("unit_factors", $"expected unit name → positive number such as {{\"Dozens\": 12}}, got \"{unit}\": \"{raw}\"");
            else factors[unit] = f;
        }
        return factors;
    }

    // Odoo codes: ll_CC (nl_NL), ll_NNN (es_419), optional @script (sr@latin).
    [GeneratedRegex(@"^[a-z]{2,3}(_([A-Z]{2}|[0-9]{3})(@[a-z]+)?|@[a-z]+)$")]
    private static partial Regex LanguageCode();
}
