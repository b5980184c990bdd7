// The names of the Odoo → Optiply streams, in dependency order; used in config, state and reports.
namespace OdooOptiply.Sync.Streams;

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

    /// <summary>Every stream, in the order a run executes them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Products, ProductCompositions, Suppliers, SupplierProducts, SellOrders, SellOrdersPos, BuyOrders, ReceiptLines];
}
