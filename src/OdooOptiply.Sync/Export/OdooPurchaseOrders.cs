// The Odoo side of the export: find purchase orders already exported (by their origin mark), create one
// with its lines in a single call, confirm, cancel, read an order's state and lines, and edit lines with
// x2many commands in a single write. Field names that moved between versions are resolved here. Every call goes
// through the IOdooTarget port.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Export;

/// <summary>A purchase order as the export needs it. Locked: `done` up to 18, `locked` in 19.</summary>
public sealed record PurchaseOrder(long Id, string? Origin, string State, bool Locked, IReadOnlyList<PurchaseLine> Lines)
{
    public bool IsConfirmed => State is "purchase" or "done";
    public bool IsDraft => State is "draft" or "sent" or "to approve";
    public bool AnyReceived => Lines.Any(l => l.Received > 0);
}

public sealed record PurchaseLine(long Id, long? ProductId, double Quantity, double Received, double PriceUnit);

/// <summary>What the export needs of a product: its purchase unit (id and name, for unit_factors).</summary>
public sealed record ProductUnit(long ProductId, long? UnitId, string? UnitName);

public sealed class OdooPurchaseOrders(IOdooTarget client)
{
    private const string Po = "purchase.order", Line = "purchase.order.line";
    private static readonly string[] OrderFields = ["id", "origin", "name", "state", "locked", "order_line"];
    private static readonly string[] LineFields = ["id", "product_id", "product_qty", "qty_received", "price_unit"];
    private string? _uomField;

    /// <summary>The line's unit field: product_uom up to 18, product_uom_id from 19.</summary>
    public async Task<string> UnitFieldAsync(CancellationToken ct) =>
        _uomField ??= await client.HasFieldAsync(Line, "product_uom_id", ct) ? "product_uom_id" : "product_uom";

    /// <summary>Exported orders of these buy orders, by buy order id: origin = mark, or name = the id with no other origin.</summary>
    public async Task<IReadOnlyDictionary<string, long>> FindExportedAsync(IReadOnlyCollection<string> buyOrderIds, CancellationToken ct)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in buyOrderIds.Chunk(500))
        {
            var domain = OdooDomain.Leaf("origin", "in", chunk.Select(ExportMark.Origin).Cast<object?>().ToList())
                .Or(OdooDomain.Leaf("name", "in", chunk.Cast<object?>().ToList()));
            var rows = await AllAsync(Po, domain, ["id", "name", "origin"], ct);
            foreach (var r in rows)
            {
                var id = ExportMark.BuyOrderIdOf(r.GetString("origin")) ?? (r.GetString("origin") is null ? r.GetString("name") : null);
                if (id is not null && chunk.Contains(id)) found.TryAdd(id, r.Id);
            }
        }
        return found;
    }

    /// <summary>Purchase orders still cancellable (RFQ or confirmed) that carry an export mark: Odoo id → buy order id.</summary>
    public async Task<IReadOnlyDictionary<long, string>> MarkedOpenAsync(CancellationToken ct)
    {
        var domain = OdooDomain.Leaf("origin", "=like", ExportMark.Origin("") + "%")
            .And(OdooDomain.Leaf("state", "in", new List<object?> { "draft", "sent", "to approve", "purchase" }));
        var result = new Dictionary<long, string>();
        foreach (var r in await AllAsync(Po, domain, ["id", "origin"], ct))
            if (ExportMark.BuyOrderIdOf(r.GetString("origin")) is { } bo) result[r.Id] = bo;
        return result;
    }

    public async Task<IReadOnlyDictionary<long, ProductUnit>> ProductUnitsAsync(IReadOnlyCollection<long> productIds, CancellationToken ct)
    {
        var rows = await client.ReadAsync("product.product", productIds, ["id", "uom_id", "uom_po_id"], ct: ct);
        return rows.ToDictionary(r => r.Id, r => r.GetId("uom_po_id") is { } po
            ? new ProductUnit(r.Id, po, r.GetRefName("uom_po_id"))
            : new ProductUnit(r.Id, r.GetId("uom_id"), r.GetRefName("uom_id")));
    }

    /// <summary>Variant ids of templates (use_templates): the first variant of each, by id.</summary>
    public async Task<IReadOnlyDictionary<long, long>> FirstVariantsAsync(IReadOnlyCollection<long> templateIds, CancellationToken ct)
    {
        var rows = await AllAsync("product.product", OdooDomain.Leaf("product_tmpl_id", "in", templateIds.Cast<object?>().ToList()), ["id", "product_tmpl_id"], ct);
        var result = new Dictionary<long, long>();
        foreach (var r in rows) if (r.GetId("product_tmpl_id") is { } t) result.TryAdd(t, r.Id);
        return result;
    }

    /// <summary>One create call: the order with its lines inside, so it is never half-written.</summary>
    public Task<long> CreateAsync(IReadOnlyDictionary<string, object?> values, CancellationToken ct) => client.CreateAsync(Po, values, ct: ct);

    public Task ConfirmAsync(long id, CancellationToken ct) => client.CallAsync(Po, "button_confirm", [new List<object?> { id }], ct: ct);

    public Task CancelAsync(long id, CancellationToken ct) => client.CallAsync(Po, "button_cancel", [new List<object?> { id }], ct: ct);

    /// <summary>Line edits in one write (x2many commands), so the order is never half-edited.</summary>
    public Task WriteLinesAsync(long id, IReadOnlyList<object?> commands, CancellationToken ct) =>
        client.WriteAsync(Po, [id], new Dictionary<string, object?> { ["order_line"] = commands }, ct: ct);

    /// <summary>The orders with their lines; missing ids are left out.</summary>
    public async Task<IReadOnlyList<PurchaseOrder>> ReadAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var orders = await client.ReadAsync(Po, ids, OrderFields, ct: ct);
        var lineIds = orders.SelectMany(o => o.GetIds("order_line")).ToList();
        var lines = lineIds.Count == 0 ? [] : (await client.ReadAsync(Line, lineIds, LineFields, ct: ct)).ToDictionary(l => l.Id);
        return orders.Select(o => new PurchaseOrder(o.Id, o.GetString("origin"), o.GetString("state") ?? "draft",
            o.GetString("state") == "done" || o.GetBool("locked"),
            o.GetIds("order_line").Where(lines.ContainsKey).Select(l => lines[l])
                .Select(l => new PurchaseLine(l.Id, l.GetId("product_id"), l.GetDouble("product_qty"), l.GetDouble("qty_received"), l.GetDouble("price_unit")))
                .ToList())).ToList();
    }

    /// <summary>Ids among <paramref name="ids"/> whose order is confirmed (purchase or done).</summary>
    public Task<IReadOnlyList<long>> ConfirmedAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        client.SearchAsync(Po, OdooDomain.Leaf("id", "in", ids.Cast<object?>().ToList()).And(OdooDomain.Leaf("state", "in", new List<object?> { "purchase", "done" })), ct: ct);

    private Task<IReadOnlyList<OdooRecord>> AllAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, CancellationToken ct) =>
        client.SearchReadAllAsync(model, domain, fields, ct);
}
