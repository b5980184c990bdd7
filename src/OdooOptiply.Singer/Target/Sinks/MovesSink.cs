// Invoices → account.move out_invoice, Bills → account.move in_invoice, with their lines inside the create
// (invoice_line_ids as [0,0,{…}]). Key and Odoo mark: invoiceNumber, written into ref as v3 does (else id).
// Mapping: customerName (Invoices) / vendorName (Bills), or customer_remoteId / vendor_remoteId (an Odoo id) →
// partner_id; createdAt → invoice_date; dueDate → invoice_date_due; currency → currency_id (res.currency by name,
// else the company's); status "posted" → created as draft, then action_post (any other status stays draft).
// lineItems: productName / product_remoteId / sku → product_id (optional for a line), name = description or
// productName; quantity; unitPrice → price_unit; discountAmount → discount (a percentage in Odoo, as v3 sends it);
// accountNumber / accountName → account_id (by code, else name; a given account that is not found fails the
// record, v3 skipped the line); taxCode → tax_ids (account.tax by name, of sales for an invoice, of purchases for a bill); displayType → display_type (default
// "product"); attachments [{id, name}] → ir.attachment of the move from the file "{input_path}/{id}_{name}" (once per
// name; a missing file fails the record, v3 skipped it). v3 forced payment_state = not_paid after posting; Odoo computes it, so this does not.
// An update: only while the move is a draft (its lines replaced in the same write); a posted move is refused.
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Singer.Target.Sinks;

internal static class MovesSink
{
    /// <summary>The folder attachments are read from (target-odoo-v3's input_path; default the working directory).</summary>
    public const string InputPathSetting = "input_path";

    public static OdooSink<JsonObject> Invoices() => Create("Invoices", "target.invoices", "out_invoice", ["customer_remoteId", "customerRemoteId"], ["customerName", "customer_name"]);

    public static OdooSink<JsonObject> Bills() => Create("Bills", "target.bills", "in_invoice", ["vendor_remoteId", "vendorRemoteId", "supplier_remoteId"], ["vendorName", "vendor_name", "supplierName"]);

    private static OdooSink<JsonObject> Create(string name, string space, string moveType, string[] partnerIds, string[] partnerNames) => new()
    {
        Name = name, Model = "account.move", Space = space,
        Key = r => RecordFields.Text(r, "invoiceNumber", "id"),
        Marked = (r, key) => OdooDomain.Leaf("move_type", "=", moveType).And(OdooDomain.Leaf("ref", "=", key)),
        MapAsync = (r, key, c, ct) => MapAsync(r, key, moveType, partnerIds, partnerNames, c, ct),
        CurrentFields = ["id", "state", "invoice_line_ids"],
        UpdateAsync = UpdateAsync,
        AfterWriteAsync = FinishAsync,
        CreateOnly = new HashSet<string> { "move_type" },
    };

    private static async Task<SinkValues> MapAsync(JsonObject r, string key, string moveType, string[] partnerIds, string[] partnerNames, OdooWriteContext c, CancellationToken ct)
    {
        if (RecordFields.BadDate(r, "createdAt", "dueDate") is { } bad) return SinkValues.Fail($"{bad} is not a date");
        var partner = await OdooRefs.PartnerAsync(r, partnerIds, partnerNames, c, ct);
        if (partner.Problem is not null) return SinkValues.Fail($"partner: {partner.Problem}");
        var values = new Dictionary<string, object?> { ["move_type"] = moveType, ["partner_id"] = partner.Id, ["ref"] = key };
        if (RecordFields.OdooDate(r, "createdAt", "issueDate") is { } issued) values["invoice_date"] = issued;
        if (RecordFields.OdooDate(r, "dueDate") is { } due) values["invoice_date_due"] = due;
        var currency = await OdooRefs.ByNameAsync("res.currency", RecordFields.Text(r, "currency"), c, ct);
        if (currency.Problem is not null) return SinkValues.Fail($"currency: {currency.Problem}");
        if (currency.Id is { } cur) values["currency_id"] = cur;
        IReadOnlyList<JsonObject> items;
        try { items = RecordFields.Objects(r, "lineItems", "line_items"); }
        catch (RecordShapeException e) { return SinkValues.Fail(e.Message); }
        var lines = new List<object?>();
        for (var i = 0; i < items.Count; i++)
        {
            var line = await LineAsync(items[i], moveType, c, ct);
            if (line.Problem is not null) return SinkValues.Fail($"line {i + 1}: {line.Problem}");
            lines.Add(new List<object?> { 0L, 0L, line.Values });
        }
        values["invoice_line_ids"] = lines;
        return new SinkValues(values);
    }

    private static async Task<SinkValues> LineAsync(JsonObject item, string moveType, OdooWriteContext c, CancellationToken ct)
    {
        var values = new Dictionary<string, object?>
        {
            ["display_type"] = RecordFields.Text(item, "displayType") ?? "product",
            ["quantity"] = RecordFields.Number(item, "quantity") ?? 1.0,
            ["price_unit"] = RecordFields.Number(item, "unitPrice", "unit_price") ?? 0.0,
        };
        if (RecordFields.Number(item, "discountAmount", "discount") is { } discount) values["discount"] = discount;
        var named = RecordFields.Text(item, "description", "productName", "name");
        if (RecordFields.Text(item, "product_remoteId", "sku", "productName") is not null)
        {
            var product = await OdooRefs.ProductAsync(item, c, ct);
            if (product.Problem is not null && RecordFields.Text(item, "product_remoteId", "sku") is not null) return SinkValues.Fail(product.Problem);
            if (product.Id is { } pid) values["product_id"] = pid; // a productName that is no Odoo product is the line's text only, as in v3
        }
        if (named is not null) values["name"] = named;
        var account = await OdooRefs.ByCodeOrNameAsync("account.account", RecordFields.Text(item, "accountNumber", "accountName"), c, ct);
        if (account.Problem is not null) return SinkValues.Fail($"account: {account.Problem}");
        if (account.Id is { } aid) values["account_id"] = aid;
        if (RecordFields.Text(item, "taxCode") is { } taxCode)
        {
            // Sales and purchase taxes often share a name ("21%"): an invoice takes the sales one, a bill the purchase one.
            var use = moveType == "in_invoice" ? "purchase" : "sale";
            var tax = OdooRefs.Named(await c.Lookups.OneAsync("account.tax",
                OdooDomain.Leaf("name", "=", taxCode).And(OdooDomain.Leaf("type_tax_use", "=", use)), ct), "account.tax", $"name ({use})", taxCode);
            if (tax.Problem is not null) return SinkValues.Fail($"taxCode: {tax.Problem}");
            values["tax_ids"] = new List<object?> { new List<object?> { 6L, 0L, new List<object?> { tax.Id } } };
        }
        return new SinkValues(values);
    }

    private static Task<SinkUpdate> UpdateAsync(JsonObject r, SinkValues mapped, OdooRecord move, OdooWriteContext c, CancellationToken ct)
    {
        if (move.GetString("state") != "draft")
            return Task.FromResult(SinkUpdate.Refuse($"the Odoo move is {move.GetString("state")}; reset it to draft in Odoo to change it"));
        var values = mapped.Values.Where(kv => kv.Key is not ("move_type" or "invoice_line_ids")).ToDictionary(kv => kv.Key, kv => kv.Value);
        var lines = new List<object?> { new List<object?> { 5L, 0L, 0L } };
        lines.AddRange((IEnumerable<object?>)mapped.Values["invoice_line_ids"]!);
        values["invoice_line_ids"] = lines;
        return Task.FromResult(new SinkUpdate(values));
    }

    /// <summary>Attachments first (as v3: "{input_path}/{id}_{name}" as an ir.attachment of the move, once by name), then the post.</summary>
    private static async Task FinishAsync(JsonObject r, long id, OdooWriteContext c, CancellationToken ct)
    {
        await AttachAsync(r, id, c, ct);
        await PostAsync(r, id, c, ct);
    }

    private static async Task AttachAsync(JsonObject r, long id, OdooWriteContext c, CancellationToken ct)
    {
        IReadOnlyList<JsonObject> attachments;
        try { attachments = RecordFields.Objects(r, "attachments"); }
        catch (RecordShapeException e) { throw new SinkException(e.Message); }
        if (attachments.Count == 0) return;
        var folder = c.Setting(InputPathSetting) ?? ".";
        foreach (var a in attachments)
        {
            var name = $"{RecordFields.Text(a, "id")}_{RecordFields.Text(a, "name")}";
            if (name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal)) throw new SinkException($"attachment '{name}': not a plain file name");
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) throw new SinkException($"attachment '{name}' is not in input_path");
            var domain = OdooDomain.Leaf("res_model", "=", "account.move").And(OdooDomain.Leaf("res_id", "=", id), OdooDomain.Leaf("name", "=", name));
            if ((await c.Odoo.SearchAsync("ir.attachment", domain, limit: 1, ct: ct)).Count > 0) continue;
            await c.Odoo.CreateAsync("ir.attachment", new Dictionary<string, object?>
            {
                ["name"] = name, ["datas"] = Convert.ToBase64String(await File.ReadAllBytesAsync(path, ct)), ["res_model"] = "account.move", ["res_id"] = id,
            }, c.WriteContext, ct);
        }
    }

    private static async Task PostAsync(JsonObject r, long id, OdooWriteContext c, CancellationToken ct)
    {
        if (!string.Equals(RecordFields.Text(r, "status"), "posted", StringComparison.OrdinalIgnoreCase)) return;
        var move = (await c.Odoo.ReadAsync("account.move", [id], ["id", "state"], ct: ct)).FirstOrDefault();
        if (move?.GetString("state") == "draft") await c.Odoo.CallAsync("account.move", "action_post", [new List<object?> { id }], ct: ct);
    }
}
