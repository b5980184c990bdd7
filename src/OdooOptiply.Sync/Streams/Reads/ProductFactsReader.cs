// Reads what a product payload needs beyond the product record: its stock level (per map_stockLevel,
// from quants in the internal locations of the stock companies/warehouses, or from Odoo's own quantity
// fields in the warehouse context), its reordering-rule minimum, and its sales tax rate.
using System.Globalization;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Streams;

internal static class ProductFactsReader
{
    /// <summary>Stock per product id of the page (variant or template ids, as the stream reads them).</summary>
    public static async Task<Dictionary<long, double>> StockAsync(StreamContext ctx, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var field = ctx.Flags.MapStockLevel;
        var keyField = ProductKeys.KeyField(ctx.Flags.UseTemplates);
        var result = new Dictionary<long, double>();
        if (StockLevelFields.FromQuants(field))
        {
            var locations = await InternalLocationsAsync(ctx, ct);
            if (locations.Count == 0) return result;
            var quants = await OdooReads.ByAsync(ctx.Odoo, "stock.quant", keyField, ids, ["id", keyField, "quantity", "reserved_quantity"],
                StockContext(ctx), ct, OdooReads.In("location_id", locations));
            foreach (var q in quants)
                if (q.GetId(keyField) is { } key)
                    result[key] = result.GetValueOrDefault(key) + q.GetDouble("quantity") - (field == StockLevelFields.AvailableQuantity ? q.GetDouble("reserved_quantity") : 0);
            return result;
        }
        var model = ProductKeys.Model(ctx.Flags.UseTemplates);
        IReadOnlyList<long?> warehouses = ctx.Flags.StocksWarehouseIds.Count == 0 ? [null] : ctx.Flags.StocksWarehouseIds.Cast<long?>().ToList();
        foreach (var warehouse in warehouses)
            foreach (var r in await OdooReads.ByAsync(ctx.Odoo, model, "id", ids, ["id", field], StockContext(ctx) with { Warehouse = warehouse }, ct))
                result[r.Id] = result.GetValueOrDefault(r.Id) + r.GetDouble(field);
        return result;
    }

    /// <summary>Sum of reordering-rule minimums per product of the page, in the stock warehouses.</summary>
    public static async Task<Dictionary<long, double>> MinimumStockAsync(StreamContext ctx, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var keyField = ProductKeys.KeyField(ctx.Flags.UseTemplates);
        var rules = await ProductsStream.Optional(() => OdooReads.ByAsync(ctx.Odoo, "stock.warehouse.orderpoint", keyField, ids,
            ["id", keyField, "product_min_qty", "warehouse_id"], StockContext(ctx), ct));
        var result = new Dictionary<long, double>();
        foreach (var r in rules)
        {
            if (ctx.Flags.StocksWarehouseIds.Count > 0 && !ctx.Flags.StocksWarehouseIds.Contains(r.GetId("warehouse_id") ?? 0)) continue;
            if (r.GetId(keyField) is { } key) result[key] = result.GetValueOrDefault(key) + r.GetDouble("product_min_qty");
        }
        return result;
    }

    /// <summary>Sum of percentage sales taxes that are not already in the price, per product.</summary>
    public static async Task<Dictionary<long, double>> SalesTaxRatesAsync(StreamContext ctx, IReadOnlyList<OdooRecord> page, CancellationToken ct)
    {
        var taxIds = page.SelectMany(p => p.GetIds("taxes_id")).Distinct().ToList();
        var taxes = (await OdooReads.ByAsync(ctx.Odoo, "account.tax", "id", taxIds, ["id", "amount", "amount_type", "price_include"], ctx.ReadContext(), ct))
            .ToDictionary(t => t.Id);
        return page.ToDictionary(p => p.Id, p => p.GetIds("taxes_id")
            .Select(id => taxes.GetValueOrDefault(id))
            .Where(t => t is not null && t.GetString("amount_type") == "percent" && !t.GetBool("price_include"))
            .Sum(t => t!.GetDouble("amount") / 100.0));
    }

    private static Task<IReadOnlyList<long>> InternalLocationsAsync(StreamContext ctx, CancellationToken ct) =>
        ctx.MemoAsync("products.internalLocations", async () =>
        {
            var domain = OdooDomain.Leaf("usage", "=", "internal").And(OdooReads.Companies(ctx.Flags.EffectiveStocksCompanyIds));
            if (ctx.Flags.StocksWarehouseIds.Count > 0) domain = domain.And(OdooReads.In("warehouse_id", ctx.Flags.StocksWarehouseIds));
            return (IReadOnlyList<long>)(await OdooReads.AllAsync(ctx.Odoo, "stock.location", domain, ["id"], StockContext(ctx), ct)).Select(r => r.Id).ToList();
        });

    private static ReadContext StockContext(StreamContext ctx) => ctx.ReadContext(ctx.Flags.EffectiveStocksCompanyIds);

    internal static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
