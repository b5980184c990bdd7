// An Optiply buy order as the export sees it: the order and its lines, read from the public API.
namespace OdooOptiply.Sync.Export;

/// <param name="Id">the Optiply buy order line id</param>
/// <param name="Quantity">in Optiply's (stock) units; unit_factors turn it into the Odoo line's unit</param>
/// <param name="Subtotal">line total excluding VAT</param>
public sealed record BuyOrderLine(string Id, long ProductId, long Quantity, decimal Subtotal, DateTime? ExpectedDelivery);

/// <param name="RemoteId">the remote id Optiply holds for our coupling (set once exported, or when the order came from Odoo)</param>
public sealed record BuyOrder(
    string Id, long SupplierId, DateTime Placed, DateTime? ExpectedDelivery, bool Completed, bool Assembly, string? RemoteId,
    IReadOnlyList<BuyOrderLine> Lines);
