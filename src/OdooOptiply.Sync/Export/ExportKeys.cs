// The names the buy order export shares with the rest of the engine: its binding spaces, the stream
// name in run reports, and the mark an exported purchase order carries in Odoo (its `origin`), which
// is how a re-run, a retry or a restart after a crash finds the order instead of creating it again.
using System.Globalization;

namespace OdooOptiply.Sync.Export;

public static class ExportKeys
{
    /// <summary>Run report stream name of the export.</summary>
    public const string Stream = "export.buyOrders";
    /// <summary>Optiply buy order id → Odoo purchase.order id; hash = the Optiply lines as last applied to Odoo.</summary>
    public const string Orders = "buyOrderExports";
    /// <summary>Optiply buy order line id → Odoo purchase.order.line id.</summary>
    public const string Lines = "buyOrderLineExports";
    /// <summary>Odoo purchase.order id → Optiply buy order id, while an export's write of new lines into that order is not
    /// bound yet (written just before the write, removed with the line bindings). The pull leaves the order's unbound
    /// lines alone meanwhile: they are the export's, and the next export adopts and binds them.</summary>
    public const string LineWrites = "buyOrderLineWrites";

    private const string OriginPrefix = "Optiply buy order ";

    /// <summary>The `origin` (source document) of the purchase order exported from an Optiply buy order.</summary>
    public static string Origin(string buyOrderId) => OriginPrefix + buyOrderId;

    /// <summary>The Optiply buy order id an origin names, or null when the order was not exported by us.</summary>
    public static string? BuyOrderIdOf(string? origin) =>
        origin is not null && origin.StartsWith(OriginPrefix, StringComparison.Ordinal)
            && long.TryParse(origin.AsSpan(OriginPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? origin[OriginPrefix.Length..] : null;

    public static bool IsExported(string? origin) => BuyOrderIdOf(origin) is not null;
}
