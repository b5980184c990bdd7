// The renames and removals that turn Odoo 18's fields into 16's and 17's, and the storage aliases
// that let 19's renamed fields (product_uom_id, tax_ids, note, ...) share the store with 18's names.
namespace OdooOptiply.Emulators.Odoo.Schema;

internal static class ProfileDeltas
{
    public static void Apply(int v, Dictionary<string, Dictionary<string, FieldDef>> m)
    {
        if (v >= 19) { Alias19(m); return; }
        if (v >= 18) return;
        // 16-17: no is_storable; type carries 'product' for storable goods, mirrored by detailed_type.
        var typeSel = new List<IReadOnlyList<string>> { new[] { "consu", "Consumable" }, new[] { "service", "Service" }, new[] { "product", "Storable Product" } };
        if (v == 17) typeSel.Add(["combo", "Combo"]);
        foreach (var model in new[] { "product.product", "product.template" })
        {
            var f = m[model];
            f.Remove("is_storable");
            f["type"] = f["type"] with { Selection = typeSel, Store = true };
            f["detailed_type"] = new FieldDef("detailed_type", "selection", "Product Type", Required: true, Selection: typeSel, Storage: "type");
        }
        var tax = m["account.tax"];
        tax.Remove("price_include_override");
        tax["price_include"] = tax["price_include"] with { Store = true, Readonly = false };
        m["stock.location"]["return_location"] = new FieldDef("return_location", "boolean", "Is a Return Location?");
        if (v == 17) return;
        // 16 only
        var move = m["stock.move"];
        move.Remove("quantity");
        move.Remove("picked");
        move["quantity_done"] = new FieldDef("quantity_done", "float", "Quantity Done", Store: false, Storage: "quantity");
        var so = m["sale.order"];
        so.Remove("locked");
        so["state"] = so["state"] with { Selection = [["draft", "Quotation"], ["sent", "Quotation Sent"], ["sale", "Sales Order"], ["done", "Locked"], ["cancel", "Cancelled"]] };
        // The line's state is related to the order's, so it lists the same values (16 still has 'done').
        m["sale.order.line"]["state"] = m["sale.order.line"]["state"] with { Selection = so["state"].Selection };
        m["res.partner"].Remove("complete_name");
        m["res.partner"]["display_name"] = m["res.partner"]["display_name"] with { Store = true };
        tax.Remove("invoice_label");
        tax["description"] = new FieldDef("description", "char", "Label on Invoices");
        foreach (var fields in m.Values)
            fields["__last_update"] = new FieldDef("__last_update", "datetime", "Last Modified on", Readonly: true, Store: false, Storage: "write_date");
    }

    private static void Alias19(Dictionary<string, Dictionary<string, FieldDef>> m)
    {
        void A(string model, string name, string key)
        {
            if (m.TryGetValue(model, out var f) && f.TryGetValue(name, out var def)) f[name] = def with { Storage = key };
        }
        A("purchase.order.line", "product_uom_id", "product_uom");
        A("purchase.order.line", "tax_ids", "taxes_id");
        A("sale.order.line", "product_uom_id", "product_uom");
        A("sale.order.line", "tax_ids", "tax_id");
        A("product.supplierinfo", "product_uom_id", "product_uom");
        A("purchase.order", "note", "notes");
    }
}
