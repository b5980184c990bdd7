// Added for the buy order export (kept apart from Purchases.cs): Odoo refuses to delete a line of a
// confirmed purchase order (purchase.order.line._unlink_except_purchase_or_done: UserError, fault 2);
// a buyer sets its quantity to 0 instead. Lines of RFQs and cancelled orders can be deleted.
using OdooOptiply.Emulators.Odoo.Orm;

namespace OdooOptiply.Emulators.Odoo;

internal static class PurchaseLineRules
{
    public static void Register(Behaviours b) =>
        b.Chain(b.BeforeUnlink, "purchase.order.line", (o, e, ids) =>
        {
            foreach (var id in ids)
                if (o.Get("purchase.order.line", id)?.GetValueOrDefault("order_id") is long order && o.Get("purchase.order", order) is { } po
                    && Purchases.State(po) is "purchase" or "done")
                    throw OdooFault.UserError($"Cannot delete a purchase order line which is in state \u201c{(Purchases.State(po) == "done" ? "Locked" : "Purchase Order")}\u201d.");
        }, (first, second) => (o, e, ids) => { first(o, e, ids); second(o, e, ids); });
}
