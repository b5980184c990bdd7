// The remaining small behaviours: res.users.context_get (JSON-2's "who am I"), access checks,
// account.move posting and amounts.
using OdooOptiply.Emulators.Odoo.Orm;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo;

internal static class Misc
{
    public static void Register(Behaviours b)
    {
        // The login user's own lang and tz (false when unset), as the real server answers (captured for 19).
        b.Method("res.users", "context_get", false, [], (o, e, _, _, _) =>
        {
            var user = o.Get("res.users", Orm.Orm.AdminUid);
            return new Dictionary<string, object?>
            {
                ["lang"] = user?.GetValueOrDefault("lang") as string ?? "en_US", ["tz"] = user?.GetValueOrDefault("tz") as string is { Length: > 0 } tz ? tz : false,
                ["uid"] = Orm.Orm.AdminUid,
            };
        });
        foreach (var model in new[] { "res.partner", "product.product", "purchase.order", "purchase.order.line", "sale.order", "stock.quant" })
        {
            // check_access_rights(operation, raise_exception=True): False or an AccessError when the user lacks the right.
            b.Method(model, "check_access_rights", false, ["operation", "raise_exception"], (o, _, m, _, a) =>
            {
                if (!o.DeniedRights.ContainsKey($"{m}:{a.GetValueOrDefault("operation")}")) return true;
                if (a.GetValueOrDefault("raise_exception") is false) return false;
                throw OdooFault.AccessError($"You are not allowed to {a.GetValueOrDefault("operation")} '{m}' records.");
            });
            b.Method(model, "has_access", true, ["operation"], (o, _, m, _, a) => !o.DeniedRights.ContainsKey($"{m}:{a.GetValueOrDefault("operation")}"));
        }
        b.Defaults["account.move"] = (o, e, r) =>
        {
            r.TryAdd("move_type", "entry");
            r.TryAdd("state", "draft");
            r.TryAdd("name", "/");
            r.TryAdd("date", o.Today());
            r.TryAdd("company_id", 1L);
            r.TryAdd("currency_id", o.Get("res.currency", 1) is null ? null : 1L);
        };
        b.Method("account.move", "action_post", true, [], (o, e, _, ids, _) =>
        {
            foreach (var id in ids)
            {
                var move = o.Get("account.move", id)!;
                var prefix = move.GetValueOrDefault("move_type") as string == "in_invoice" ? "BILL" : "INV";
                var name = move.GetValueOrDefault("name") is "/" or null ? o.NextName($"{prefix}/{o.Today()[..4]}/") : move["name"];
                o.Set(e, "account.move", [id], new Dictionary<string, object?> { ["state"] = "posted", ["name"] = name });
            }
            return false;
        });
        b.Compute("account.move.line", "price_subtotal", (o, e, r) => Subtotal(r));
        b.Compute("account.move.line", "price_total", (o, e, r) => Subtotal(r) * (1 + Purchases.TaxRate(o, r, "tax_ids")));
        b.Compute("account.move", "amount_untaxed", (o, e, r) => Lines(o, r).Sum(Subtotal));
        b.Compute("account.move", "amount_tax", (o, e, r) => Lines(o, r).Sum(l => Subtotal(l) * Purchases.TaxRate(o, l, "tax_ids")));
        b.Compute("account.move", "amount_total", (o, e, r) => Lines(o, r).Sum(l => Subtotal(l) * (1 + Purchases.TaxRate(o, l, "tax_ids"))));
        b.Compute("account.move", "display_name", (o, e, r) => r.GetValueOrDefault("name") as string ?? "/");
    }

    private static IEnumerable<Row> Lines(Orm.Orm o, Row move) =>
        o.Store.Children("account.move.line", "move_id", (long)move["id"]!).Select(l => o.Get("account.move.line", l)!);

    private static double Subtotal(Row l) => Names.Num(l, "quantity") * Names.Num(l, "price_unit") * (1 - Names.Num(l, "discount") / 100);
}
