// The Optiply ids bound so far in this run, per binding space: how a mapper finds the productId of an
// Odoo product or the supplierId of a partner. Filled by the runner as streams load their binders.
using System.Globalization;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public sealed class TargetIds : ITargetIds
{
    private readonly Dictionary<string, Binder> _binders = new(StringComparer.Ordinal);

    public void Register(Binder binder) => _binders[binder.Space] = binder;

    /// <summary>The binding spaces a stream's records are looked up in by those mapped after it (a stream's own space,
    /// with its lines or rows and the export's line writes the buy orders consult).</summary>
    public static IEnumerable<string> SpacesOf(string stream) => stream switch
    {
        StreamNames.BuyOrders => [Spaces.BuyOrders, Spaces.BuyOrderLines, Spaces.BuyOrderLineWrites],
        StreamNames.SupplierProducts => [Spaces.SupplierProducts, Spaces.SupplierProductRows],
        StreamNames.ProductCompositions => [Spaces.ProductCompositions, Spaces.ProductCompositionRows],
        _ => [stream],
    };

    public Binder? BinderOf(string space) => _binders.GetValueOrDefault(space);

    public long? Of(string space, string sourceId) => _binders.TryGetValue(space, out var b) ? b.TargetNumberOf(sourceId) : null;

    public long? Of(string space, long sourceId) => Of(space, sourceId.ToString(CultureInfo.InvariantCulture));
}
