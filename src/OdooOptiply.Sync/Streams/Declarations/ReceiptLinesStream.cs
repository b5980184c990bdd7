// receiptLines: done stock moves of purchase order lines. A changed move brings in every done move of
// its purchase line (receipts and returns), because a return changes what the earlier receipts count.
using System.Globalization;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class ReceiptLinesStream
{
    // Done quantity: quantity_done up to v16, quantity from v17; Odoo answers only with the one it has.
    private static readonly IReadOnlyList<string> MoveFields =
        ["id", "purchase_line_id", "product_id", "quantity", "quantity_done", "date", "product_uom", "location_usage", "location_dest_usage", "picking_code", "state", "write_date"];

    public static StreamDefinition Create() => new()
    {
        Name = StreamNames.ReceiptLines,
        Model = "stock.move",
        Resource = "receiptLines",
        AdoptBy = [new("buyOrderLineId", "occurred")],
        DependsOn = [StreamNames.BuyOrders],
        Fields = MoveFields,
        Domain = Live,
        LiveDomain = Live,
        Context = ctx => ctx.ReadContext(ctx.Flags.EffectiveBuyordersCompanyIds),
        NaturalKey = NaturalKeys.Of("buyOrderLineId", "occurred", "quantity"),
        Map = async (ctx, page, ct) =>
        {
            var lineIds = page.Refs("purchase_line_id").ToList();
            var moves = await OdooReads.ByAsync(ctx.Odoo, "stock.move", "purchase_line_id", lineIds, MoveFields,
                ctx.ReadContext(ctx.Flags.EffectiveBuyordersCompanyIds), ct, OdooDomain.Leaf("state", "=", "done"));
            return moves.GroupBy(m => m.GetId("purchase_line_id") ?? 0)
                .SelectMany(g => ReceiptLineMapper.Map(g.Select(ToReceiptMove).ToList(),
                    ctx.Targets.Of(Spaces.BuyOrderLines, g.Key.ToString(CultureInfo.InvariantCulture)), ctx.Flags))
                .ToList();
        },
    };

    private static OdooDomain Live(StreamContext ctx) =>
        OdooDomain.Leaf("state", "=", "done").And(OdooDomain.Leaf("purchase_line_id", "!=", false),
            OdooReads.Companies(ctx.Flags.EffectiveBuyordersCompanyIds));

    private static ReceiptMove ToReceiptMove(OdooRecord m)
    {
        var quantity = m.ContainsKey("quantity_done") ? m.GetDouble("quantity_done") : m.GetDouble("quantity");
        return new ReceiptMove(m.Id, IsReturn(m) ? -quantity : quantity, m.GetDateTime("date") ?? DateTime.UnixEpoch, m.GetRefName("product_uom"));
    }

    // Goods into stock are a receipt; goods out of stock (back to the vendor) are a return.
    private static bool IsReturn(OdooRecord m) =>
        m.GetString("location_dest_usage") is { } dest ? dest is not ("internal" or "transit")
            : m.GetString("location_usage") is { } src ? src is "internal" or "transit"
            : m.GetString("picking_code") == "outgoing";
}
