// qty_available, free_qty, virtual_available, incoming_qty and outgoing_qty on products, summed
// from quants (and open moves) in the internal locations selected by the context: the warehouse
// key of the version (warehouse <= 17, warehouse_id >= 18), location, and allowed_company_ids.
using OdooOptiply.Emulators.Odoo.Orm;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo;

internal static class StockQuantities
{
    public static void Register(Behaviours b)
    {
        b.Compute("product.product", "qty_available", (o, e, r) => Quants(o, e, r).Sum(q => Names.Num(q, "quantity")));
        b.Compute("product.product", "free_qty", (o, e, r) => Quants(o, e, r).Sum(q => Names.Num(q, "quantity") - Names.Num(q, "reserved_quantity")));
        b.Compute("product.product", "incoming_qty", (o, e, r) => Moves(o, e, r, incoming: true));
        b.Compute("product.product", "outgoing_qty", (o, e, r) => Moves(o, e, r, incoming: false));
        b.Compute("product.product", "virtual_available", (o, e, r) =>
            Quants(o, e, r).Sum(q => Names.Num(q, "quantity")) + Moves(o, e, r, true) - Moves(o, e, r, false));
        foreach (var field in new[] { "qty_available", "virtual_available", "incoming_qty", "outgoing_qty" })
            b.Compute("product.template", field, (o, e, r) => o.Store.Children("product.product", "product_tmpl_id", (long)r["id"]!)
                .Select(v => o.Get("product.product", v)!).Sum(v => (double)o.Behaviours.Computes[("product.product", field)](o, e, v)!));
    }

    /// <summary>The internal locations the context selects (all of the allowed companies by default),
    /// cached until a location changes: computing it per product made large pages slow.</summary>
    public static HashSet<long> Locations(Orm.Orm o, Env e)
    {
        var key = (o.Store.Version("stock.location"), e.WarehouseId, e.LocationId, e.CompanyIds is null ? "" : string.Join(",", e.CompanyIds));
        if (o.Memo.TryGetValue(key, out var cached)) return (HashSet<long>)cached;
        var set = ComputeLocations(o, e);
        if (o.Memo.Count > 1000) o.Memo.Clear();
        o.Memo[key] = set;
        return set;
    }

    private static HashSet<long> ComputeLocations(Orm.Orm o, Env e)
    {
        var set = new HashSet<long>();
        var table = o.Store.Table("stock.location");
        foreach (var id in table.IdsAscending())
        {
            var loc = table.Get(id)!;
            if (loc.GetValueOrDefault("usage") as string != "internal") continue;
            if (e.CompanyIds is { } companies && loc.GetValueOrDefault("company_id") is long c && !companies.Contains(c)) continue;
            if (e.WarehouseId is { } wh && loc.GetValueOrDefault("warehouse_id") as long? != wh) continue;
            if (e.LocationId is { } root && !IsUnder(o, id, root)) continue;
            set.Add(id);
        }
        return set;
    }

    private static bool IsUnder(Orm.Orm o, long id, long root)
    {
        for (var i = 0; i < 32; i++)
        {
            if (id == root) return true;
            if (o.Get("stock.location", id)?.GetValueOrDefault("location_id") is not long parent) return false;
            id = parent;
        }
        return false;
    }

    private static IEnumerable<Row> Quants(Orm.Orm o, Env e, Row product)
    {
        var locations = Locations(o, e);
        return o.Store.Children("stock.quant", "product_id", (long)product["id"]!)
            .Select(q => o.Get("stock.quant", q)!)
            .Where(q => q.GetValueOrDefault("location_id") is long l && locations.Contains(l));
    }

    private static double Moves(Orm.Orm o, Env e, Row product, bool incoming)
    {
        var locations = Locations(o, e);
        return o.Store.Children("stock.move", "product_id", (long)product["id"]!)
            .Select(m => o.Get("stock.move", m)!)
            .Where(m => m.GetValueOrDefault("state") is not ("done" or "cancel" or "draft"))
            .Where(m =>
            {
                var from = m.GetValueOrDefault("location_id") is long f && locations.Contains(f);
                var to = m.GetValueOrDefault("location_dest_id") is long t && locations.Contains(t);
                return incoming ? to && !from : from && !to;
            })
            .Sum(m => Names.Num(m, "product_uom_qty"));
    }
}
