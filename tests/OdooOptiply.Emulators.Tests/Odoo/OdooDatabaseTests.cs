// Behaviour a user of Odoo would see: confirming a purchase order creates its receipt, receiving it
// updates qty_received and stock, stock per warehouse and company, write_date stamping, x2many
// commands, version renames, and the name sequence that keeps an explicit name.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Seed;

namespace OdooOptiply.Emulators.Tests.Odoo;

public sealed class OdooDatabaseTests
{
    private static OdooDatabase Demo(int version = 18, TimeProvider? clock = null)
    {
        var db = new OdooDatabase(version, clock);
        OdooSeeds.Apply(db, "demo");
        return db;
    }

    private static long NewOrder(OdooDatabase db, string? name = null) => db.Create("purchase.order", new Dictionary<string, object?>
    {
        ["partner_id"] = 4L, ["name"] = name,
        ["order_line"] = new List<object?> { new List<object?> { 0, 0, new Dictionary<string, object?> { ["product_id"] = 3L, ["product_qty"] = 10.0, ["price_unit"] = 2.5 } } },
    });

    [Fact]
    public void ButtonConfirm_PurchaseOrder_CreatesReceiptWithLinkedMoves()
    {
        var db = Demo();
        var po = NewOrder(db);
        db.InWrite(() => db.Orm.ExecuteNamed(OdooOptiply.Emulators.Odoo.Orm.Env.Default, "purchase.order", "button_confirm", [po], new Dictionary<string, object?>()));
        var order = db.Get("purchase.order", po)!;
        Assert.Equal("purchase", order["state"]);
        var picking = Assert.Single((List<long>)order["picking_ids"]!);
        var moves = db.Search("stock.move", $"[[\"picking_id\", \"=\", {picking}]]");
        var move = Assert.Single(moves);
        Assert.Equal(10.0, move["product_uom_qty"]);
        Assert.Equal(db.Search("purchase.order.line", $"[[\"order_id\", \"=\", {po}]]")[0]["id"], move["purchase_line_id"]);
    }

    [Fact]
    public void ValidatePicking_PartialQuantity_UpdatesQtyReceivedStockAndBackorder()
    {
        var db = Demo();
        var po = NewOrder(db);
        db.InWrite(() => db.Orm.ExecuteNamed(OdooOptiply.Emulators.Odoo.Orm.Env.Default, "purchase.order", "button_confirm", [po], new Dictionary<string, object?>()));
        var before = (double)db.Read("product.product", 3, ["qty_available"])!["qty_available"]!;
        var picking = ((List<long>)db.Get("purchase.order", po)!["picking_ids"]!)[0];
        var move = (long)db.Search("stock.move", $"[[\"picking_id\", \"=\", {picking}]]")[0]["id"]!;
        db.ValidatePicking(picking, new Dictionary<long, double> { [move] = 4 });
        var line = db.Search("purchase.order.line", $"[[\"order_id\", \"=\", {po}]]")[0];
        Assert.Equal(4.0, line["qty_received"]);
        Assert.Equal(before + 4, (double)db.Read("product.product", 3, ["qty_available"])!["qty_available"]!);
        Assert.Equal("partial", db.Read("purchase.order", po, ["receipt_status"])!["receipt_status"]);
        var backorder = Assert.Single(db.Search("stock.picking", $"[[\"backorder_id\", \"=\", {picking}]]"));
        Assert.Equal(6.0, db.Search("stock.move", $"[[\"picking_id\", \"=\", {backorder["id"]}]]")[0]["product_uom_qty"]);
    }

    [Fact]
    public void Create_PurchaseOrder_KeepsExplicitNameElseUsesSequence()
    {
        var db = Demo();
        Assert.Equal("OPT-BO-42", db.Get("purchase.order", NewOrder(db, "OPT-BO-42"))!["name"]);
        Assert.Matches("^P\\d{5}$", (string)db.Get("purchase.order", NewOrder(db))!["name"]!);
    }

    [Theory]
    [InlineData(17, "warehouse")]
    [InlineData(18, "warehouse_id")]
    public void QtyAvailable_WarehouseContextKeyOfTheVersion_LimitsToThatWarehouse(int version, string key)
    {
        var db = Demo(version);
        double Qty(Dictionary<string, object?>? ctx) => (double)db.Read("product.product", 1, ["qty_available"], ctx)!["qty_available"]!;
        var all = Qty(null);
        var bru = Qty(new() { [key] = 2L });
        Assert.Equal(4.0, bru);                    // BRU/Stock holds 4 of product 1
        Assert.Equal(all - 4.0, Qty(new() { [key] = 1L }));
        Assert.Equal(all, Qty(new() { [key == "warehouse" ? "warehouse_id" : "warehouse"] = 2L })); // the other version's key is ignored
        Assert.Equal(all - 4.0, Qty(new() { ["allowed_company_ids"] = new List<object?> { 1L } }));
    }

    [Fact]
    public void Write_StampsWriteDateFromClock_AndAcceptsExplicitLateDate()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var db = Demo(18, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        db.Write("res.partner", [4], new Dictionary<string, object?> { ["phone"] = "123" });
        Assert.Equal("2025-03-01 12:05:00", db.Get("res.partner", 4)!["write_date"]);
        db.Write("res.partner", [4], new Dictionary<string, object?> { ["phone"] = "456" }, new DateTime(2025, 3, 1, 11, 0, 0, DateTimeKind.Utc));
        Assert.Equal("2025-03-01 11:00:00", db.Get("res.partner", 4)!["write_date"]);
    }

    [Fact]
    public void Write_X2ManyCommands_UpdateAddAndRemoveLines()
    {
        var db = Demo();
        var po = NewOrder(db);
        var line = (long)db.Search("purchase.order.line", $"[[\"order_id\", \"=\", {po}]]")[0]["id"]!;
        db.Write("purchase.order", [po], new Dictionary<string, object?>
        {
            ["order_line"] = new List<object?>
            {
                new List<object?> { 1, line, new Dictionary<string, object?> { ["product_qty"] = 3.0 } },
                new List<object?> { 0, 0, new Dictionary<string, object?> { ["product_id"] = 5L, ["product_qty"] = 1.0 } },
            },
        });
        var lines = db.Search("purchase.order.line", $"[[\"order_id\", \"=\", {po}]]");
        Assert.Equal(2, lines.Count);
        Assert.Equal(3.0, lines[0]["product_qty"]);
        Assert.True((double)lines[1]["price_unit"]! > 0); // computed from the vendor price list when not given
        db.Write("purchase.order", [po], new Dictionary<string, object?> { ["order_line"] = new List<object?> { new List<object?> { 2, line, 0 } } });
        Assert.Single(db.Search("purchase.order.line", $"[[\"order_id\", \"=\", {po}]]"));
        Assert.Null(db.Get("purchase.order.line", line));
    }

    [Fact]
    public void Profiles_RenamedFields_FollowTheVersion()
    {
        Assert.Equal("product", Demo(16).Read("product.product", 1, ["type"])!["type"]);
        Assert.Equal("consu", Demo(18).Read("product.product", 1, ["type"])!["type"]);
        Assert.True(Demo(18).Profile.Model("product.product")!.Has("is_storable"));
        Assert.False(Demo(17).Profile.Model("product.product")!.Has("is_storable"));
        Assert.True(Demo(16).Profile.Model("stock.move")!.Has("quantity_done"));
        Assert.True(Demo(17).Profile.Model("stock.move")!.Has("quantity"));
        Assert.True(Demo(19).Profile.Model("purchase.order.line")!.Has("product_uom_id"));
        Assert.False(Demo(19).Profile.Model("purchase.order.line")!.Has("product_uom"));
        Assert.True(Demo(16).Profile.Model("sale.order")!.Has("state") && !Demo(16).Profile.Model("sale.order")!.Has("locked"));
    }

    [Fact]
    public void LockedPurchaseOrder_ReadsAsDoneUpTo18_AndAsLockedPurchaseIn19()
    {
        var po18 = Demo(18).Search("purchase.order", "[[\"state\", \"=\", \"done\"]]");
        Assert.Single(po18);
        var db19 = Demo(19);
        var locked = db19.Search("purchase.order", "[[\"locked\", \"=\", true]]");
        var id = (long)Assert.Single(locked)["id"]!;
        Assert.Equal("purchase", db19.Read("purchase.order", id, ["state"])!["state"]);
    }

    [Fact]
    public void Read_TranslatedName_FollowsLangContext()
    {
        var db = Demo();
        Assert.Equal("Bureaustoel", db.Read("product.product", 1, ["name"], new Dictionary<string, object?> { ["lang"] = "nl_NL" })!["name"]);
        Assert.Equal("Office Chair", db.Read("product.product", 1, ["name"])!["name"]);
    }

    [Fact]
    public void Create_ProductTemplate_MakesOneVariantThatReadsTemplateFields()
    {
        var db = Demo();
        var t = db.Create("product.template", new Dictionary<string, object?> { ["name"] = "Gadget", ["default_code"] = "G-1", ["is_storable"] = true });
        var variant = Assert.Single(db.Search("product.product", $"[[\"product_tmpl_id\", \"=\", {t}]]"));
        var read = db.Read("product.product", (long)variant["id"]!, ["name", "default_code", "is_storable", "display_name"])!;
        Assert.Equal("Gadget", read["name"]);
        Assert.Equal("[G-1] Gadget", read["display_name"]);
        Assert.Equal(true, read["is_storable"]);
    }
}
