// Pure: how an exported Odoo order's lines must change so they say what the Optiply order's lines say.
// Optiply lines are matched to Odoo lines by the stored line bindings; an unbound Optiply line adopts an
// unbound Odoo line of the same product (a line written by a run that died before binding it) before a
// new line is added, so no retry ever doubles a line. Changes become x2many commands for ONE write:
// [1,id,{qty,price}] edit, [0,0,{...}] add, and for a line removed in Optiply [2,id,0] on an RFQ or
// quantity 0 on a confirmed order (Odoo refuses to delete lines of a confirmed order).
namespace OdooOptiply.Sync.Export;

/// <param name="Commands">the x2many commands of one write (empty: nothing to change)</param>
/// <param name="Removed">Optiply line ids whose Odoo line is deleted or zeroed; their bindings go</param>
/// <param name="Adopted">Optiply line id → existing Odoo line id, to bind</param>
public sealed record LinePlan(IReadOnlyList<object?> Commands, IReadOnlyList<string> Removed, IReadOnlyDictionary<string, long> Adopted)
{
    public bool Empty => Commands.Count == 0 && Removed.Count == 0 && Adopted.Count == 0;
    public bool AddsLines => Commands.OfType<IReadOnlyList<object?>>().Any(c => c[0] is 0L);
}

public static class LinePlanner
{
    /// <summary>Unbound Optiply lines matched, in line order, to Odoo lines of the same product that no binding holds.</summary>
    public static IReadOnlyDictionary<string, long> Adopt(IReadOnlyList<ResolvedLine> lines, IReadOnlyDictionary<string, long> bindings, PurchaseOrder order)
    {
        var taken = bindings.Values.ToHashSet();
        var adopted = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var l in lines.Where(l => !bindings.TryGetValue(l.Line.Id, out var b) || order.Lines.All(o => o.Id != b)))
        {
            var match = order.Lines.FirstOrDefault(o => o.ProductId == l.Product.ProductId && !taken.Contains(o.Id));
            if (match is null) continue;
            taken.Add(match.Id);
            adopted[l.Line.Id] = match.Id;
        }
        return adopted;
    }

    public static LinePlan Plan(BuyOrder buyOrder, IReadOnlyList<ResolvedLine> lines, IReadOnlyDictionary<string, long> bindings, PurchaseOrder order,
        Config.SyncFlags flags, string unitField)
    {
        var adopted = Adopt(lines, bindings, order);
        var bound = new Dictionary<string, long>(bindings, StringComparer.Ordinal);
        foreach (var (k, v) in adopted) bound[k] = v;
        var odoo = order.Lines.ToDictionary(l => l.Id);
        var commands = new List<object?>();
        foreach (var l in lines)
        {
            if (bound.TryGetValue(l.Line.Id, out var lineId) && odoo.TryGetValue(lineId, out var existing))
            {
                if (!PurchaseOrderMapper.Matches(existing, l, flags))
                    commands.Add(new List<object?> { 1L, lineId, PurchaseOrderMapper.Quantities(l, flags) });
            }
            else commands.Add(new List<object?> { 0L, 0L, PurchaseOrderMapper.Line(l, buyOrder, flags, unitField) });
        }
        var current = lines.Select(l => l.Line.Id).ToHashSet(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var (optiplyLine, lineId) in bindings.Where(b => !current.Contains(b.Key)))
        {
            removed.Add(optiplyLine);
            if (!odoo.TryGetValue(lineId, out var gone)) continue;
            if (order.IsDraft) commands.Add(new List<object?> { 2L, lineId, 0L });
            else if (gone.Quantity != 0) commands.Add(new List<object?> { 1L, lineId, new Dictionary<string, object?> { ["product_qty"] = 0.0 } });
        }
        return new LinePlan(commands, removed, adopted);
    }
}
