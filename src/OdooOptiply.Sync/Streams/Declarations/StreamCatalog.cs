// Every stream of the sync board, in the order a run executes them (dependencies first).
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Streams;

public static class StreamCatalog
{
    public static IReadOnlyList<StreamDefinition> For(SyncFlags flags) =>
    [
        ProductsStream.Create(flags),
        ProductCompositionsStream.Create(),
        SuppliersStream.Create(),
        SupplierProductsStream.Create(flags),
        SellOrdersStream.Create(),
        SellOrdersPosStream.Create(),
        BuyOrdersStream.Create(),
        ReceiptLinesStream.Create(),
    ];
}
