// receiptLines: the done stock moves of ONE purchase order line → Optiply receipt lines, one per receipt
// move, so that their sum equals the line's qty_received. A return (goods sent back) reduces the latest
// receipts first; a receipt reduced to zero is removed, because Optiply takes only positive quantities.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Mapping;

/// <param name="Quantity">done quantity in the move's unit; negative for a return to the vendor</param>
public sealed record ReceiptMove(long MoveId, double Quantity, DateTime Date, string? Unit);

public static class ReceiptLineMapper
{
    public static IReadOnlyList<MappedItem> Map(IReadOnlyList<ReceiptMove> moves, long? buyOrderLineTargetId, SyncFlags flags)
    {
        var receipts = moves.Where(m => m.Quantity > 0).OrderBy(m => m.Date).ThenBy(m => m.MoveId).ToList();
        if (buyOrderLineTargetId is null)
            return receipts.Select(m => new MappedItem(Key(m.MoveId), MapResult.Skip("buy order line not in Optiply"))).ToList();
        var remaining = receipts.Select(m => Units.Whole(m.Quantity * Units.Factor(flags, m.Unit))).ToArray();
        var returned = Units.Whole(-moves.Where(m => m.Quantity < 0).Sum(m => m.Quantity * Units.Factor(flags, m.Unit)));
        for (var i = remaining.Length - 1; i >= 0 && returned > 0; i--)
        {
            var take = Math.Min(remaining[i], returned);
            remaining[i] -= take;
            returned -= take;
        }
        return receipts.Select((m, i) => new MappedItem(Key(m.MoveId), remaining[i] > 0
            ? MapResult.Send(new JsonObject
            {
                ["buyOrderLineId"] = buyOrderLineTargetId,
                ["quantity"] = remaining[i],
                ["occurred"] = Wire.Time(m.Date),
                ["remoteId"] = Key(m.MoveId),
            })
            : MapResult.Remove("returned to the vendor"))).ToList();
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
