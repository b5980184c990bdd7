// The rows of the mission's sync board (odoo-integration.md, first table): eight entity flows, each with
// the run report streams that carry it and the job that runs it. Buy orders go both ways: the pull
// stream (Odoo → Optiply) and the export (Optiply → Odoo) are one flow with two jobs.
using OdooOptiply.Sync;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Web;

/// <param name="Id">the flow's metric label and URL part</param>
/// <param name="Title">the entity as the mission's table names it</param>
/// <param name="Direction">Odoo → OP, or Odoo ↔ OP</param>
/// <param name="Parts">(job, report stream) pairs that make up the flow</param>
public sealed record BoardFlow(string Id, string Title, string Direction, IReadOnlyList<(BoardJob Job, string Stream)> Parts);

public static class BoardFlows
{
    /// <summary>The lines of buy orders: a report stream of the buy order pull of their own (counted, bound), not a stream to schedule.</summary>
    public const string BuyOrderLines = "buyOrderLines";

    public static readonly IReadOnlyList<BoardFlow> All =
    [
        new("products", "Products + Deletions + Stocks", "Odoo → OP", [(BoardJob.Pull, StreamNames.Products)]),
        new("productCompositions", "Product Compositions", "Odoo → OP", [(BoardJob.Pull, StreamNames.ProductCompositions)]),
        new("suppliers", "Suppliers", "Odoo → OP", [(BoardJob.Pull, StreamNames.Suppliers)]),
        new("supplierProducts", "Supplier Products + Deletions", "Odoo → OP", [(BoardJob.Pull, StreamNames.SupplierProducts)]),
        new("sellOrders", "Sell Orders + Deletions", "Odoo → OP", [(BoardJob.Pull, StreamNames.SellOrders)]),
        new("sellOrdersPos", "Sell Orders POS", "Odoo → OP (if flag)", [(BoardJob.Pull, StreamNames.SellOrdersPos)]),
        new("buyOrders", "Buy Orders + Lines (CRUD)", "Odoo ↔ OP", [(BoardJob.Pull, StreamNames.BuyOrders), (BoardJob.Pull, BuyOrderLines), (BoardJob.Export, StreamNames.ExportBuyOrders)]),
        new("receiptLines", "Receipt Lines", "Odoo → OP", [(BoardJob.Pull, StreamNames.ReceiptLines)]),
    ];

    /// <summary>The flow a report stream belongs to; null for the run's own "start" pseudo-stream.</summary>
    public static BoardFlow? OfStream(string stream) => All.FirstOrDefault(f => f.Parts.Any(p => p.Stream == stream));

    public static string Name(BoardJob job) => job == BoardJob.Pull ? "pull" : "export";
}
