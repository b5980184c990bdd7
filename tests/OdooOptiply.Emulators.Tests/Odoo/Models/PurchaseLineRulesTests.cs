// The emulator refuses, like Odoo, to delete a line of a confirmed purchase order, and still deletes
// lines of an RFQ.
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Seed;

namespace OdooOptiply.Emulators.Tests.Odoo.Models;

public class PurchaseLineRulesTests
{
    private static (OdooDatabase Db, long Po, long Line) Order(bool confirm)
    {
        var db = new OdooDatabase(18);
        OdooSeeds.Apply(db, "demo");
        var po = db.Create("purchase.order", new Dictionary<string, object?>
        {
            ["partner_id"] = 4L,
            ["order_line"] = new List<object?> { new List<object?> { 0, 0, new Dictionary<string, object?> { ["product_id"] = 3L, ["product_qty"] = 2.0, ["price_unit"] = 1.0 } } },
        });
        if (confirm) db.InWrite(() => db.Orm.ExecuteNamed(OdooOptiply.Emulators.Odoo.Orm.Env.Default, "purchase.order", "button_confirm", [po], new Dictionary<string, object?>()));
        return (db, po, Convert.ToInt64(db.Search("purchase.order.line", $"[[\"order_id\",\"=\",{po}]]")[0]["id"]));
    }

    [Fact]
    public void Unlink_LineOfConfirmedOrder_IsRefused()
    {
        var (db, po, line) = Order(confirm: true);
        var fault = Assert.Throws<OdooFault>(() => db.Write("purchase.order", [po], new Dictionary<string, object?> { ["order_line"] = new List<object?> { new List<object?> { 2, line, 0 } } }));
        Assert.Contains("Cannot delete a purchase order line", fault.Message);
        Assert.NotNull(db.Get("purchase.order.line", line));
    }

    [Fact]
    public void Unlink_LineOfRfq_IsDeleted()
    {
        var (db, _, line) = Order(confirm: false);
        db.Unlink("purchase.order.line", [line]);
        Assert.Null(db.Get("purchase.order.line", line));
    }
}
