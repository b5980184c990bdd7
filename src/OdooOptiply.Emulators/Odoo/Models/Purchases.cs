// purchase.order / purchase.order.line: sequence names (an explicit name is kept), prices from the
// vendor list when none is given, amounts from lines, button_confirm creating the receipt with one
// stock.move per line, cancel/lock rules, and 19's 'locked' flag in place of the 'done' state.
using OdooOptiply.Emulators.Odoo.Orm;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo;

internal static class Purchases
{
    private const string Po = "purchase.order", Line = "purchase.order.line";

    public static void Register(Behaviours b)
    {
        b.Defaults[Po] = (o, e, r) =>
        {
            if (r.GetValueOrDefault("name") is null or "New" or "") r["name"] = o.NextName("P");
            r.TryAdd("state", "draft");
            r.TryAdd("date_order", o.Now());
            r.TryAdd("date_planned", r["date_order"]);
            r.TryAdd("company_id", 1L);
            r.TryAdd("currency_id", o.Get("res.currency", 1) is null ? null : 1L);
            r.TryAdd("user_id", Orm.Orm.AdminUid);
            r.TryAdd("picking_type_id", Stock.IncomingType(o, r["company_id"] as long? ?? 1));
            r.TryAdd("locked", false);
        };
        b.Defaults[Line] = (o, e, r) =>
        {
            var order = r.GetValueOrDefault("order_id") is long oid ? o.Get(Po, oid) : null;
            var product = r.GetValueOrDefault("product_id") is long pid ? o.Get("product.product", pid) : null;
            r.TryAdd("product_qty", 1.0);
            r.TryAdd("qty_received", 0.0);
            r.TryAdd("qty_received_method", "stock_moves");
            r.TryAdd("company_id", order?.GetValueOrDefault("company_id"));
            r.TryAdd("date_planned", order?.GetValueOrDefault("date_planned") ?? o.Now());
            if (product is not null)
            {
                r.TryAdd("name", o.DisplayName(e, "product.product", (long)product["id"]!));
                r.TryAdd("product_uom", o.Value(e, "product.product", product, "uom_id"));
                if (!r.ContainsKey("price_unit")) r["price_unit"] = VendorPrice(o, e, product, order?.GetValueOrDefault("partner_id") as long?, Names.Num(r, "product_qty"));
            }
        };
        b.AfterCreate[Line] = (o, e, id) =>
        {
            var line = o.Get(Line, id)!;
            if (line.GetValueOrDefault("order_id") is long oid && State(o.Get(Po, oid)!) == "purchase") Receipts.SyncLine(o, e, oid, id);
        };
        b.AfterWrite[Line] = (o, e, ids, vals) =>
        {
            if (!vals.ContainsKey("product_qty")) return;
            foreach (var id in ids)
                if (o.Get(Line, id)!.GetValueOrDefault("order_id") is long oid && State(o.Get(Po, oid)!) == "purchase") Receipts.SyncLine(o, e, oid, id);
        };
        b.BeforeUnlink[Po] = (o, _, ids) =>
        {
            foreach (var id in ids)
                if (State(o.Get(Po, id)!) is not ("draft" or "cancel"))
                    throw OdooFault.UserError("In order to delete a purchase order, you must cancel it first.");
        };
        Computes(b);
        Methods(b);
    }

    public static string State(Row po) => po.GetValueOrDefault("state") as string ?? "draft";

    private static double VendorPrice(Orm.Orm o, Env e, Row product, long? partner, double qty)
    {
        var tmpl = (long)product["product_tmpl_id"]!;
        var seller = o.Children(e, "product.supplierinfo", "product_tmpl_id", tmpl)
            .Select(s => o.Get("product.supplierinfo", s)!)
            .Where(s => partner is null || s.GetValueOrDefault("partner_id") as long? == partner)
            .Where(s => s.GetValueOrDefault("product_id") is not long p || p == (long)product["id"]!)
            .Where(s => Names.Num(s, "min_qty") <= qty)
            .FirstOrDefault();
        return seller is not null ? Names.Num(seller, "price") : Names.Num(product, "standard_price");
    }

    private static void Computes(Behaviours b)
    {
        b.Compute(Line, "price_subtotal", (o, e, r) => Subtotal(r));
        b.Compute(Line, "price_tax", (o, e, r) => Subtotal(r) * TaxRate(o, r, "taxes_id"));
        b.Compute(Line, "price_total", (o, e, r) => Subtotal(r) * (1 + TaxRate(o, r, "taxes_id")));
        b.Compute(Line, "product_uom_qty", (o, e, r) => Names.Num(r, "product_qty"));
        b.Compute(Line, "partner_id", (o, e, r) => Order(o, r)?.GetValueOrDefault("partner_id"));
        b.Compute(Line, "currency_id", (o, e, r) => Order(o, r)?.GetValueOrDefault("currency_id"));
        b.Compute(Line, "state", (o, e, r) => Order(o, r) is { } po ? o.Value(e, Po, po, "state") : "draft");
        b.Compute(Line, "display_name", (o, e, r) => $"{Order(o, r)?.GetValueOrDefault("name")}: {r.GetValueOrDefault("name")}");
        b.Compute(Line, "qty_to_invoice", (o, e, r) => Names.Num(r, "qty_received") - Names.Num(r, "qty_invoiced"));
        b.Compute(Po, "amount_untaxed", (o, e, r) => Lines(o, e, r).Sum(Subtotal));
        b.Compute(Po, "amount_tax", (o, e, r) => Lines(o, e, r).Sum(l => Subtotal(l) * TaxRate(o, l, "taxes_id")));
        b.Compute(Po, "amount_total", (o, e, r) => Lines(o, e, r).Sum(l => Subtotal(l) * (1 + TaxRate(o, l, "taxes_id"))));
        // 19 has no 'done' state: a locked order reads as 'purchase' with locked = True.
        b.Compute(Po, "state", (o, e, r) => o.Profile.Version >= 19 && State(r) == "done" ? "purchase" : State(r));
        b.Compute(Po, "locked", (o, e, r) => r.GetValueOrDefault("locked") is true || State(r) == "done");
        b.Compute(Po, "receipt_status", (o, e, r) => Receipts.Status(o, e, r));
        b.Compute(Po, "incoming_picking_count", (o, e, r) => (long)((r.GetValueOrDefault("picking_ids") as List<long>)?.Count ?? 0));
        b.Compute(Po, "effective_date", (o, e, r) => Receipts.EffectiveDate(o, r));
    }

    private static void Methods(Behaviours b)
    {
        b.Method(Po, "button_confirm", true, [], (o, e, _, ids, _) =>
        {
            foreach (var id in ids)
            {
                var po = o.Get(Po, id)!;
                if (State(po) is not ("draft" or "sent" or "to approve")) continue;
                o.Set(e, Po, [id], new Dictionary<string, object?> { ["state"] = "purchase", ["date_approve"] = o.Now() });
                foreach (var line in o.Store.Children(Line, "order_id", id).ToList()) Receipts.SyncLine(o, e, id, line);
            }
            return true;
        });
        b.Method(Po, "button_cancel", true, [], (o, e, _, ids, _) =>
        {
            foreach (var id in ids)
            {
                var po = o.Get(Po, id)!;
                if (Receipts.HasDoneReceipt(o, po))
                    throw OdooFault.UserError($"Unable to cancel purchase order {po["name"]} as some receptions have already been done.");
                if (State(po) == "done" || po.GetValueOrDefault("locked") is true)
                    throw OdooFault.UserError($"Unable to cancel this purchase order. You must first unlock it.");
                Receipts.CancelOpen(o, e, po);
                o.Set(e, Po, [id], new Dictionary<string, object?> { ["state"] = "cancel" });
            }
            return true;
        });
        b.Method(Po, "button_draft", true, [], (o, e, _, ids, _) => SetState(o, e, ids, "draft"));
        b.Method(Po, "button_done", true, [], (o, e, _, ids, _) => SetState(o, e, ids, "done"));
        b.Method(Po, "button_lock", true, [], (o, e, _, ids, _) => SetState(o, e, ids, "done"));
        b.Method(Po, "button_unlock", true, [], (o, e, _, ids, _) => SetState(o, e, ids, "purchase"));
    }

    private static bool SetState(Orm.Orm o, Env e, IReadOnlyList<long> ids, string state)
    {
        var vals = new Dictionary<string, object?> { ["state"] = state };
        if (o.Profile.Version >= 19)
        {
            vals["state"] = state == "done" ? "purchase" : state;
            vals["locked"] = state == "done";
        }
        o.Set(e, Po, ids, vals);
        if (o.Profile.Version >= 19 && state == "done") foreach (var id in ids) o.Get(Po, id)!["state"] = "done";
        return true;
    }

    public static IEnumerable<Row> Lines(Orm.Orm o, Env e, Row po) =>
        o.Store.Children(Line, "order_id", (long)po["id"]!).Select(l => o.Get(Line, l)!);

    private static Row? Order(Orm.Orm o, Row line) => line.GetValueOrDefault("order_id") is long id ? o.Get(Po, id) : null;

    public static double Subtotal(Row l) => Names.Num(l, "product_qty") * Names.Num(l, "price_unit") * (1 - Names.Num(l, "discount") / 100);

    public static double TaxRate(Orm.Orm o, Row line, string key) =>
        (line.GetValueOrDefault(key) as List<long> ?? []).Select(t => o.Get("account.tax", t)).Where(t => t?.GetValueOrDefault("amount_type") as string == "percent")
            .Sum(t => Names.Num(t!, "amount") / 100);
}
