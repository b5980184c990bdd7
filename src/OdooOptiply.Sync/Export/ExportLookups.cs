// What the export looks up in the bindings the Odoo → Optiply streams made: the Odoo partner of an
// Optiply supplier, the Odoo product of an Optiply product, and which buy orders came from Odoo (so they
// are never exported back). A supplier or product Optiply has but Odoo does not is reported, never
// guessed by name.
using System.Globalization;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Export;

/// <summary>An order resolved to Odoo, or the reason it cannot be.</summary>
public sealed record Resolution(long? PartnerId, IReadOnlyList<ResolvedLine> Lines, string? Problem, string? Detail);

public sealed class ExportLookups
{
    private readonly Dictionary<long, long> _partnerOf = [];
    private readonly Dictionary<long, long> _odooKeyOf = [];
    private readonly Dictionary<long, ProductUnit> _units = [];
    private readonly Dictionary<long, long> _variantOfTemplate = [];

    /// <summary>Odoo purchase order ids the buyOrders stream has bound (source ids of its space).</summary>
    public HashSet<long> PulledOrders { get; } = [];
    /// <summary>Optiply buy order ids bound by the buyOrders stream.</summary>
    public HashSet<string> PulledBuyOrders { get; } = new(StringComparer.Ordinal);

    /// <summary>Read through read-only Binders of the pull's spaces (the export never writes them here).</summary>
    public static async Task<ExportLookups> LoadAsync(IStateStore store, TimeProvider time, CancellationToken ct)
    {
        var l = new ExportLookups();
        var suppliers = await Binder.LoadAsync(store, Spaces.Suppliers, time, dryRun: true, ct);
        foreach (var partner in suppliers.SourceIds)
            if (Long(partner) is { } p && suppliers.TargetNumberOf(partner) is { } supplier && suppliers.TargetIdOf(partner) is not null) l._partnerOf.TryAdd(supplier, p);
        var products = await Binder.LoadAsync(store, Spaces.Products, time, dryRun: true, ct);
        foreach (var key in products.SourceIds)
            if (Long(key) is { } k && products.TargetNumberOf(key) is { } product && products.TargetIdOf(key) is not null) l._odooKeyOf.TryAdd(product, k);
        var orders = await Binder.LoadAsync(store, Spaces.BuyOrders, time, dryRun: true, ct);
        foreach (var po in orders.SourceIds)
        {
            if (orders.TargetIdOf(po) is not { } buyOrder) continue;
            if (Long(po) is { } id) l.PulledOrders.Add(id);
            l.PulledBuyOrders.Add(buyOrder);
        }
        return l;
    }

    /// <summary>Partner and lines of <paramref name="order"/>; product units are read from Odoo once per run.</summary>
    public async Task<Resolution> ResolveAsync(BuyOrder order, OdooPurchaseOrders odoo, SyncFlags flags, CancellationToken ct)
    {
        var partner = _partnerOf.TryGetValue(order.SupplierId, out var p) ? p : (long?)null;
        var missing = order.Lines.Where(l => !_odooKeyOf.ContainsKey(l.ProductId)).Select(l => l.ProductId).ToList();
        if (missing.Count > 0)
            return new(partner, [], "product has no Odoo product", $"buy order {order.Id}: Optiply product {string.Join(", ", missing)} has no Odoo product (not bound by the products stream)");
        var keys = order.Lines.Select(l => _odooKeyOf[l.ProductId]).Distinct().ToList();
        if (flags.UseTemplates)
        {
            var unknown = keys.Where(k => !_variantOfTemplate.ContainsKey(k)).ToList();
            if (unknown.Count > 0) foreach (var (t, v) in await odoo.FirstVariantsAsync(unknown, ct)) _variantOfTemplate[t] = v;
        }
        long? Variant(long key) => !flags.UseTemplates ? key : _variantOfTemplate.TryGetValue(key, out var v) ? v : null;
        var variants = keys.Select(Variant).OfType<long>().Where(v => !_units.ContainsKey(v)).ToList();
        if (variants.Count > 0) foreach (var (id, unit) in await odoo.ProductUnitsAsync(variants, ct)) _units[id] = unit;
        var lines = new List<ResolvedLine>();
        foreach (var l in order.Lines)
        {
            if (Variant(_odooKeyOf[l.ProductId]) is not { } v || !_units.TryGetValue(v, out var unit))
                return new(partner, [], "product has no Odoo product", $"buy order {order.Id}: Optiply product {l.ProductId} no longer exists in Odoo");
            lines.Add(new ResolvedLine(l, unit));
        }
        return new(partner, lines, null, null);
    }

    private static long? Long(string s) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
