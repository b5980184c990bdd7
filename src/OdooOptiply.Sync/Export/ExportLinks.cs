// The export's bindings: Optiply buy order → Odoo purchase order (hash = the Optiply lines as last applied)
// and Optiply line → Odoo line (key "<buyOrderId>_<lineId>"). Once the Odoo order is confirmed they are
// mirrored into the buyOrders stream's own spaces (Odoo id → Optiply id), so that stream updates the
// exported order (completion, receipts) instead of importing it as new: one shared truth, no ping-pong.
using System.Globalization;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Export;

public sealed class ExportLinks
{
    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Binding> _orders;
    private readonly Dictionary<string, Dictionary<string, long>> _lines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writing;

    private ExportLinks(IStateStore store, TimeProvider time, IEnumerable<Binding> orders, IEnumerable<Binding> lines, IEnumerable<Binding> writing)
    {
        (_store, _time) = (store, time);
        _writing = writing.Select(b => b.TargetId).ToHashSet(StringComparer.Ordinal);
        _orders = orders.ToDictionary(b => b.SourceId, StringComparer.Ordinal);
        foreach (var b in lines)
        {
            var (order, line) = Split(b.SourceId);
            if (!_lines.TryGetValue(order, out var map)) _lines[order] = map = new(StringComparer.Ordinal);
            map[line] = long.Parse(b.TargetId, CultureInfo.InvariantCulture);
        }
    }

    public static async Task<ExportLinks> LoadAsync(IStateStore store, TimeProvider time, CancellationToken ct) =>
        new(store, time, await store.GetBindingsAsync(Spaces.BuyOrderExports, ct).ToListAsync(ct), await store.GetBindingsAsync(Spaces.BuyOrderLineExports, ct).ToListAsync(ct),
            await store.GetBindingsAsync(Spaces.BuyOrderLineWrites, ct).ToListAsync(ct));

    /// <summary>True while a write of new lines into this buy order's Odoo order is not bound yet (a run died in between).</summary>
    public bool IsWriting(string buyOrderId) => _writing.Contains(buyOrderId);

    /// <summary>Before new lines go into an exported order: from now until <see cref="SaveAsync"/> the pull leaves its unbound lines alone.</summary>
    public async Task BeginLineWriteAsync(string buyOrderId, long purchaseOrderId, CancellationToken ct)
    {
        await _store.SaveBindingsAsync([new Binding(Spaces.BuyOrderLineWrites, Text(purchaseOrderId), buyOrderId, "", _time.GetUtcNow().UtcDateTime)], ct);
        _writing.Add(buyOrderId);
    }

    public IReadOnlyCollection<Binding> Orders => _orders.Values;
    public Binding? Order(string buyOrderId) => _orders.GetValueOrDefault(buyOrderId);
    public static long PurchaseOrderId(Binding b) => long.Parse(b.TargetId, CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, long> LinesOf(string buyOrderId) =>
        _lines.TryGetValue(buyOrderId, out var map) ? map : new Dictionary<string, long>();

    /// <summary>Stores the order's binding and its complete line map (one transaction); mirrors both into
    /// the buyOrders stream's spaces when <paramref name="confirmed"/>. Line bindings not in the map go.</summary>
    public async Task SaveAsync(string buyOrderId, long purchaseOrderId, string hash, IReadOnlyDictionary<string, long> lines, bool confirmed, CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var po = purchaseOrderId.ToString(CultureInfo.InvariantCulture);
        var bindings = new List<Binding> { new(Spaces.BuyOrderExports, buyOrderId, po, hash, now) };
        bindings.AddRange(lines.Select(l => new Binding(Spaces.BuyOrderLineExports, Key(buyOrderId, l.Key), Text(l.Value), "", now)));
        if (confirmed)
        {
            // An empty hash: the buyOrders stream's next run sends Odoo's view once (completion, totals, line remote ids).
            if (await _store.GetBindingAsync(StreamNames.BuyOrders, po, ct) is null or { IsPending: true }) bindings.Add(new(StreamNames.BuyOrders, po, buyOrderId, "", now));
            foreach (var (optiplyLine, odooLine) in lines)
                if (await _store.GetBindingAsync(Spaces.BuyOrderLines, Text(odooLine), ct) is null or { IsPending: true })
                    bindings.Add(new(Spaces.BuyOrderLines, Text(odooLine), optiplyLine, "", now));
        }
        var gone = LinesOf(buyOrderId).Keys.Where(k => !lines.ContainsKey(k)).Select(k => Key(buyOrderId, k)).ToList();
        await _store.SaveBindingsAsync(bindings, ct);
        if (gone.Count > 0) await _store.DeleteBindingsAsync(Spaces.BuyOrderLineExports, gone, ct);
        // Only now, with every Odoo line bound (and mirrored for the pull), may the pull see the order's lines again.
        if (_writing.Remove(buyOrderId)) await _store.DeleteBindingsAsync(Spaces.BuyOrderLineWrites, [po], ct);
        _orders[buyOrderId] = bindings[0];
        _lines[buyOrderId] = new Dictionary<string, long>(lines, StringComparer.Ordinal);
    }

    /// <summary>The export is done with this order (completed or cancelled): its export bindings go.</summary>
    public async Task ForgetAsync(string buyOrderId, CancellationToken ct)
    {
        var lines = LinesOf(buyOrderId).Keys.Select(k => Key(buyOrderId, k)).ToList();
        if (lines.Count > 0) await _store.DeleteBindingsAsync(Spaces.BuyOrderLineExports, lines, ct);
        if (_orders.TryGetValue(buyOrderId, out var order) && _writing.Remove(buyOrderId))
            await _store.DeleteBindingsAsync(Spaces.BuyOrderLineWrites, [order.TargetId], ct);
        await _store.DeleteBindingsAsync(Spaces.BuyOrderExports, [buyOrderId], ct);
        _orders.Remove(buyOrderId);
        _lines.Remove(buyOrderId);
    }

    private static string Key(string order, string line) => order + "_" + line;
    private static (string Order, string Line) Split(string key) => (key[..key.IndexOf('_')], key[(key.IndexOf('_') + 1)..]);
    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
