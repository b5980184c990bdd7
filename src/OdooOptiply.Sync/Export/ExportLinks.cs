// The export's bindings, each space through its Binder (never the store directly): Optiply buy order → Odoo purchase
// order (Spaces.BuyOrderExports: the writer's own space, hash = the Optiply lines as last applied), Optiply line →
// Odoo line (Spaces.BuyOrderLineExports, key "<buyOrderId>_<lineId>") and the unfinished line writes
// (Spaces.BuyOrderLineWrites). Once the Odoo order is confirmed they are mirrored into the buyOrders stream's own
// spaces (Odoo id → Optiply id), so that stream updates the exported order (completion, receipts) instead of
// importing it as new: one shared truth, no ping-pong.
using System.Globalization;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Export;

public sealed class ExportLinks
{
    private readonly Binder _orders, _lines, _writes, _pulledOrders, _pulledLines;
    private readonly Dictionary<string, Dictionary<string, long>> _linesOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writing;

    private ExportLinks(Binder orders, Binder lines, Binder writes, Binder pulledOrders, Binder pulledLines)
    {
        (_orders, _lines, _writes, _pulledOrders, _pulledLines) = (orders, lines, writes, pulledOrders, pulledLines);
        _writing = writes.SourceIds.Select(po => writes.Find(po)!.TargetId).ToHashSet(StringComparer.Ordinal);
        foreach (var key in lines.SourceIds)
        {
            if (lines.TargetNumberOf(key) is not { } odooLine) continue;
            var (order, line) = Split(key);
            if (!_linesOf.TryGetValue(order, out var map)) _linesOf[order] = map = new(StringComparer.Ordinal);
            map[line] = odooLine;
        }
    }

    /// <param name="orders">the writer's binder of Spaces.BuyOrderExports (one in-memory view for both)</param>
    public static async Task<ExportLinks> LoadAsync(IStateStore store, Binder orders, TimeProvider time, CancellationToken ct) =>
        new(orders, await Binder.LoadAsync(store, Spaces.BuyOrderLineExports, time, ct: ct), await Binder.LoadAsync(store, Spaces.BuyOrderLineWrites, time, ct: ct),
            await Binder.LoadAsync(store, Spaces.BuyOrders, time, ct: ct), await Binder.LoadAsync(store, Spaces.BuyOrderLines, time, ct: ct));

    /// <summary>True while a write of new lines into this buy order's Odoo order is not bound yet (a run died in between).</summary>
    public bool IsWriting(string buyOrderId) => _writing.Contains(buyOrderId);

    /// <summary>Before new lines go into an exported order: from now until <see cref="SaveLinesAsync"/> the pull leaves its unbound lines alone.</summary>
    public async Task BeginLineWriteAsync(string buyOrderId, long purchaseOrderId, CancellationToken ct)
    {
        await _writes.BindAsync(Text(purchaseOrderId), buyOrderId, "", ct);
        _writing.Add(buyOrderId);
    }

    /// <summary>The orders the export has bound (pending creates left out).</summary>
    public IReadOnlyList<Binding> Orders => _orders.SourceIds.Select(_orders.Find).OfType<Binding>().Where(b => !b.IsPending).ToList();
    public Binding? Order(string buyOrderId) => _orders.Find(buyOrderId) is { IsPending: false } b ? b : null;
    public static long PurchaseOrderId(Binding b) => long.Parse(b.TargetId, CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, long> LinesOf(string buyOrderId) =>
        _linesOf.TryGetValue(buyOrderId, out var map) ? map : new Dictionary<string, long>();

    /// <summary>Stores the order's complete line map; mirrors the order and its lines into the buyOrders stream's spaces when
    /// <paramref name="confirmed"/>. Line bindings not in the map go. The order's own binding (with its hash) is the writer's.</summary>
    public async Task SaveLinesAsync(string buyOrderId, long purchaseOrderId, IReadOnlyDictionary<string, long> lines, bool confirmed, CancellationToken ct)
    {
        var po = Text(purchaseOrderId);
        var gone = LinesOf(buyOrderId).Keys.Where(k => !lines.ContainsKey(k)).Select(k => Key(buyOrderId, k)).ToList();
        await _lines.BindManyAsync(lines.Select(l => (Key(buyOrderId, l.Key), Text(l.Value))).ToList(), ct);
        if (confirmed)
        {
            // An empty hash: the buyOrders stream's next run sends Odoo's view once (completion, totals, line remote ids).
            if (_pulledOrders.Find(po) is null or { IsPending: true }) await _pulledOrders.BindAsync(po, buyOrderId, "", ct);
            await _pulledLines.BindManyAsync(lines.Where(l => _pulledLines.Find(Text(l.Value)) is null or { IsPending: true })
                .Select(l => (Text(l.Value), l.Key)).ToList(), ct);
        }
        await _lines.ForgetAsync(gone, ct);
        // Only now, with every Odoo line bound (and mirrored for the pull), may the pull see the order's lines again.
        if (_writing.Remove(buyOrderId)) await _writes.ForgetAsync([po], ct);
        _linesOf[buyOrderId] = new Dictionary<string, long>(lines, StringComparer.Ordinal);
    }

    /// <summary>The export is done with this order (completed or cancelled): its export bindings go.</summary>
    public async Task ForgetAsync(string buyOrderId, CancellationToken ct)
    {
        await _lines.ForgetAsync(LinesOf(buyOrderId).Keys.Select(k => Key(buyOrderId, k)).ToList(), ct);
        if (_orders.Find(buyOrderId) is { } order && _writing.Remove(buyOrderId)) await _writes.ForgetAsync([order.TargetId], ct);
        await _orders.ForgetAsync([buyOrderId], ct);
        _linesOf.Remove(buyOrderId);
    }

    private static string Key(string order, string line) => order + "_" + line;
    private static (string Order, string Line) Split(string key) => (key[..key.IndexOf('_')], key[(key.IndexOf('_') + 1)..]);
    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
