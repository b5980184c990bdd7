// BuyOrders and PurchaseInvoices → purchase.order with its lines, created in ONE call (lines as [0,0,{…}]) and
// confirmed with button_confirm (unless export_buy_orders_as_draft), never a state written by hand as v3 did.
// BuyOrders (Optiply's export, v3's "BuyOrders" sink): id → name, and the mark origin "Optiply buy order <id>"
// (the buy order export's own mark, so the two never create the same order twice; a record's own origin wins,
// the name still finds it); supplier_remoteId (an Odoo partner id) or supplier_name → partner_id; transaction_date
// → date_order; expectedDeliveryDate → date_planned; line_items (a list or JSON text): product_remoteId / sku /
// productName → product_id, quantity → product_qty, sub_total_price ÷ quantity → price_unit (when both are
// given), receipt_date → the line's date_planned.
// PurchaseInvoices (v3's older shape): invoiceNumber → name, supplierName → partner_id, createdAt → date_order,
// dueDate → date_planned, lineItems: productName → product_id, quantity → product_qty, unitPrice → price_unit.
// A line whose product is not found fails the record (v3 created the order without that line).
// An update of a known order: header values, and its lines matched by product ([1,id] changed, [0,0] new, [2,id]
// gone), refused once Odoo no longer allows it (cancelled, locked, goods received).
using OdooOptiply.Sync;
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Singer.Target.Sinks;

internal static class PurchaseOrdersSink
{
    public const string DraftFlag = "export_buy_orders_as_draft";
    private const string PurchaseInvoiceMark = "Singer purchase invoice ";

    /// <summary>Where one shape keeps each thing.</summary>
    private sealed record Shape(string[] Key, string[] PartnerIds, string[] PartnerNames, string[] OrderDate, string[] PlannedDate,
        string[] Lines, bool UnitPriceGiven);

    private static readonly Shape BuyOrderShape = new(["id"], ["supplier_remoteId", "supplierRemoteId"], ["supplier_name", "supplierName"],
        ["transaction_date", "transactionDate"], ["expectedDeliveryDate", "expected_delivery_date"], ["line_items", "lineItems"], false);
    private static readonly Shape PurchaseInvoiceShape = new(["invoiceNumber", "id"], ["supplier_remoteId"], ["supplierName", "supplier_name"],
        ["createdAt", "created_at"], ["dueDate", "due_date"], ["lineItems", "line_items"], true);

    public static OdooSink<JsonObject> BuyOrders() => Create("BuyOrders", "target.buyOrders", BuyOrderShape,
        (r, key) => OdooDomain.Leaf("origin", "=", ExportMark.Origin(key)).Or(OdooDomain.Leaf("name", "=", key)),
        (r, key) => RecordFields.Text(r, "origin") ?? ExportMark.Origin(key));

    public static OdooSink<JsonObject> PurchaseInvoices() => Create("PurchaseInvoices", "target.purchaseInvoices", PurchaseInvoiceShape,
        (r, key) => OdooDomain.Leaf("origin", "=", PurchaseInvoiceMark + key).Or(OdooDomain.Leaf("name", "=", key)),
        (r, key) => PurchaseInvoiceMark + key);

    private static OdooSink<JsonObject> Create(string name, string space, Shape shape, Func<JsonObject, string, OdooDomain> marked, Func<JsonObject, string, string> origin) => new()
    {
        Name = name, Model = "purchase.order", Space = space,
        Key = r => RecordFields.Text(r, shape.Key),
        Marked = marked,
        MapAsync = (r, key, c, ct) => MapAsync(r, key, shape, origin(r, key), c, ct),
        CurrentFields = ["id", "state", "locked", "order_line"],
        UpdateAsync = UpdateAsync,
        AfterWriteAsync = ConfirmAsync,
    };

    private static async Task<SinkValues> MapAsync(JsonObject r, string key, Shape shape, string origin, OdooWriteContext c, CancellationToken ct)
    {
        if (RecordFields.BadDate(r, [.. shape.OrderDate, .. shape.PlannedDate]) is { } bad) return SinkValues.Fail($"{bad} is not a date");
        var partner = await OdooRefs.PartnerAsync(r, shape.PartnerIds, shape.PartnerNames, c, ct);
        if (partner.Problem is not null) return SinkValues.Fail($"supplier: {partner.Problem}");
        IReadOnlyList<JsonObject> items;
        try { items = RecordFields.Objects(r, shape.Lines); }
        catch (RecordShapeException e) { return SinkValues.Fail(e.Message); }
        if (items.Count == 0) return SinkValues.Fail($"a purchase order needs lines ({shape.Lines[0]} is empty)");
        var lines = new List<object?>();
        for (var i = 0; i < items.Count; i++)
        {
            var line = await LineAsync(items[i], shape, c, ct);
            if (line.Problem is not null) return SinkValues.Fail($"line {i + 1}: {line.Problem}");
            lines.Add(new List<object?> { 0L, 0L, line.Values });
        }
        var values = new Dictionary<string, object?> { ["partner_id"] = partner.Id, ["origin"] = origin, ["order_line"] = lines };
        if (!key.StartsWith("sha:", StringComparison.Ordinal)) values["name"] = key;
        if (RecordFields.OdooDateTime(r, shape.OrderDate) is { } ordered) values["date_order"] = ordered;
        if (RecordFields.OdooDateTime(r, shape.PlannedDate) is { } planned) values["date_planned"] = planned;
        return new SinkValues(values);
    }

    private static async Task<SinkValues> LineAsync(JsonObject item, Shape shape, OdooWriteContext c, CancellationToken ct)
    {
        var product = await OdooRefs.ProductAsync(item, c, ct);
        if (product.Problem is not null) return SinkValues.Fail(product.Problem);
        if (RecordFields.Number(item, "quantity", "qty") is not { } quantity) return SinkValues.Fail("no quantity");
        var values = new Dictionary<string, object?> { ["product_id"] = product.Id, ["product_qty"] = quantity };
        var price = shape.UnitPriceGiven
            ? RecordFields.Number(item, "unitPrice", "unit_price")
            : RecordFields.Number(item, "sub_total_price", "subTotalPrice") is { } sub && quantity != 0 ? Math.Round(sub / quantity, 6) : null;
        if (price is { } p) values["price_unit"] = p;
        if (RecordFields.BadDate(item, "receipt_date") is not null) return SinkValues.Fail("receipt_date is not a date");
        if (RecordFields.OdooDateTime(item, "receipt_date") is { } planned) values["date_planned"] = planned;
        return new SinkValues(values);
    }

    private static async Task<SinkUpdate> UpdateAsync(JsonObject r, SinkValues mapped, OdooRecord po, OdooWriteContext c, CancellationToken ct)
    {
        var state = po.GetString("state") ?? "draft";
        if (state == "cancel") return SinkUpdate.Refuse("the Odoo purchase order is cancelled; the change was not applied");
        if (state == "done" || po.GetBool("locked")) return SinkUpdate.Refuse("the Odoo purchase order is locked (done); the change was not applied");
        var odooLines = (await c.Odoo.ReadAsync("purchase.order.line", po.GetIds("order_line"), ["id", "product_id", "product_qty", "qty_received", "price_unit"], ct: ct)).ToList();
        if (odooLines.Any(l => l.GetDouble("qty_received") > 0)) return SinkUpdate.Refuse("the Odoo purchase order has received goods; the change was not applied");
        var commands = new List<object?>();
        var unmatched = odooLines.ToList();
        foreach (var command in (IEnumerable<object?>)mapped.Values["order_line"]!)
        {
            var vals = (Dictionary<string, object?>)((List<object?>)command!)[2]!;
            var same = unmatched.FirstOrDefault(l => l.GetId("product_id") == (long?)vals["product_id"]);
            if (same is null) { commands.Add(command); continue; }
            unmatched.Remove(same);
            var change = vals.Where(kv => kv.Key != "product_id").ToDictionary(kv => kv.Key, kv => kv.Value);
            commands.Add(new List<object?> { 1L, same.Id, change });
        }
        foreach (var gone in unmatched) commands.Add(new List<object?> { 2L, gone.Id, 0L });
        var values = mapped.Values.Where(kv => kv.Key is not ("order_line" or "name")).ToDictionary(kv => kv.Key, kv => kv.Value);
        values["order_line"] = commands;
        return new SinkUpdate(values);
    }

    /// <summary>button_confirm while the order is an RFQ (Odoo's own confirmation: receipt, dates); nothing once confirmed.</summary>
    private static async Task ConfirmAsync(JsonObject r, long id, OdooWriteContext c, CancellationToken ct)
    {
        if (c.Flag(DraftFlag)) return;
        var po = (await c.Odoo.ReadAsync("purchase.order", [id], ["id", "state"], ct: ct)).FirstOrDefault();
        if (po?.GetString("state") is "draft" or "sent" or "to approve")
            await c.Odoo.CallAsync("purchase.order", "button_confirm", [new List<object?> { id }], ct: ct);
    }
}
