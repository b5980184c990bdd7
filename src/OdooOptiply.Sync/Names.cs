// The names both directions share, in one file that imports nothing (so the pull and the export never import
// each other): the streams as config, state and reports name them, every binding space, and the mark an exported
// purchase order carries in Odoo. A binding space is where one kind of record's bindings live (source id → target
// id + hash); a pull stream's space is named after the stream.
using System.Globalization;

namespace OdooOptiply.Sync;

/// <summary>The streams, in the order a run executes them; and the export's stream in run reports.</summary>
public static class StreamNames
{
    public const string Products = "products";
    public const string ProductCompositions = "productCompositions";
    public const string Suppliers = "suppliers";
    public const string SupplierProducts = "supplierProducts";
    public const string SellOrders = "sellOrders";
    public const string SellOrdersPos = "sellOrdersPos";
    public const string BuyOrders = "buyOrders";
    public const string ReceiptLines = "receiptLines";

    /// <summary>Every pull stream, in the order a run executes them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Products, ProductCompositions, Suppliers, SupplierProducts, SellOrders, SellOrdersPos, BuyOrders, ReceiptLines];

    /// <summary>The buy order export (Optiply → Odoo) in run reports.</summary>
    public const string ExportBuyOrders = "export.buyOrders";
}

/// <summary>Every binding space. Pull spaces: Odoo id → Optiply id. Export spaces: Optiply id → Odoo id.</summary>
public static class Spaces
{
    public const string Products = StreamNames.Products;
    public const string ProductCompositions = StreamNames.ProductCompositions;
    /// <summary>Odoo BoM line id → the template it composes (lines grouped per composed template).</summary>
    public const string ProductCompositionRows = "productCompositions.rows";
    public const string Suppliers = StreamNames.Suppliers;
    public const string SupplierProducts = StreamNames.SupplierProducts;
    /// <summary>Odoo supplierinfo row id → the Optiply supplier product its group became (rows grouped per template and supplier).</summary>
    public const string SupplierProductRows = "supplierProducts.rows";
    public const string SellOrders = StreamNames.SellOrders;
    public const string SellOrdersPos = StreamNames.SellOrdersPos;
    public const string BuyOrders = StreamNames.BuyOrders;
    /// <summary>Odoo purchase.order.line id → Optiply buy order line id.</summary>
    public const string BuyOrderLines = "buyOrderLines";
    public const string ReceiptLines = StreamNames.ReceiptLines;

    /// <summary>Optiply buy order id → Odoo purchase.order id; hash = the Optiply lines as last applied to Odoo.</summary>
    public const string BuyOrderExports = "buyOrderExports";
    /// <summary>"&lt;buyOrderId&gt;_&lt;lineId&gt;" → Odoo purchase.order.line id.</summary>
    public const string BuyOrderLineExports = "buyOrderLineExports";
    /// <summary>Odoo purchase.order id → Optiply buy order id, while an export's write of new lines into that order is not
    /// bound yet (written just before the write, removed with the line bindings). The pull leaves the order's unbound
    /// lines alone meanwhile: they are the export's, and the next export adopts and binds them.</summary>
    public const string BuyOrderLineWrites = "buyOrderLineWrites";
}

/// <summary>The mark (the `origin`, source document) of a purchase order exported from an Optiply buy order: how a re-run,
/// a retry or a restart after a crash finds the order instead of creating it again, and how the pull knows it.</summary>
public static class ExportMark
{
    private const string OriginPrefix = "Optiply buy order ";

    public static string Origin(string buyOrderId) => OriginPrefix + buyOrderId;

    /// <summary>The Optiply buy order id an origin names, or null when the order was not exported by us.</summary>
    public static string? BuyOrderIdOf(string? origin) =>
        origin is not null && origin.StartsWith(OriginPrefix, StringComparison.Ordinal)
            && long.TryParse(origin.AsSpan(OriginPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? origin[OriginPrefix.Length..] : null;

    public static bool IsExported(string? origin) => BuyOrderIdOf(origin) is not null;
}
