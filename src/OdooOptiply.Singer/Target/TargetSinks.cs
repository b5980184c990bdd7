// The streams the target takes, by name (matched case-insensitively, as target-hotglue picks a sink), each a
// declaration run by the one OdooWriter: TaxRates, Vendors, Suppliers, BuyOrders, PurchaseInvoices, Invoices, Bills.
using System.Text.Json.Nodes;
using OdooOptiply.Singer.Target.Sinks;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Singer.Target;

public static class TargetSinks
{
    private static readonly Dictionary<string, Func<OdooSink<JsonObject>>> All = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TaxRates"] = TaxRatesSink.Create,
        ["Vendors"] = () => PartnersSink.Create("Vendors"),
        ["Suppliers"] = () => PartnersSink.Create("Suppliers"),
        ["BuyOrders"] = PurchaseOrdersSink.BuyOrders,
        ["PurchaseInvoices"] = PurchaseOrdersSink.PurchaseInvoices,
        ["Invoices"] = MovesSink.Invoices,
        ["Bills"] = MovesSink.Bills,
    };

    public static IEnumerable<string> Names => All.Keys;

    public static OdooSink<JsonObject>? For(string stream) => All.TryGetValue(stream, out var make) ? make() : null;
}
