// The "demo" company: 30 product templates (storable, consumable, service, archived, one with three
// variants, a kit and a manufactured product), suppliers with emails and price lists (incl. two price
// breaks and a template-level row), stock in two warehouses, sale/POS/purchase orders in every state,
// a received purchase order, a partially received one, a vendor bill and reordering rules.
namespace OdooOptiply.Emulators.Seed;

internal static class OdooDemoSeed
{
    private static readonly (string En, string Nl)[] Goods =
    [
        ("Office Chair", "Bureaustoel"), ("Desk Lamp", "Bureaulamp"), ("Standing Desk", "Sta-bureau"), ("Monitor Arm", "Monitorarm"),
        ("Keyboard", "Toetsenbord"), ("Mouse", "Muis"), ("Notebook A5", "Notitieboek A5"), ("Ballpoint Pen", "Balpen"),
        ("Stapler", "Nietmachine"), ("Paper Ream", "Pak papier"), ("Whiteboard", "Whiteboard"), ("Marker Set", "Stiftenset"),
        ("Cable Tray", "Kabelgoot"), ("Footrest", "Voetsteun"), ("Laptop Stand", "Laptopstandaard"), ("Headset", "Headset"),
        ("Webcam", "Webcam"), ("USB Hub", "USB-hub"), ("Desk Organizer", "Bureau-organizer"), ("Filing Cabinet", "Archiefkast"),
    ];

    public static void Apply(OdooSeedWriter s)
    {
        var suppliers = Partners(s);
        var products = ProductsSeed(s);
        Stock(s, products);
        SupplierInfo(s, suppliers, products);
        Boms(s, products);
        SalesSeed(s, products);
        PurchaseSeed(s, suppliers, products);
    }

    private static long[] Partners(OdooSeedWriter s)
    {
        var names = new[] { ("Office Supplies Ltd", "orders@officesupplies.example"), ("Furniture Factory BV", "Sales@Furniture-Factory.example"),
            ("Tech Parts GmbH", "vertrieb@techparts.example"), ("Paper & Co", "info@paperco.example"), ("Light House", "hello@lighthouse.example") };
        var ids = names.Select((n, i) => s.C("res.partner", new()
        {
            ["name"] = n.Item1, ["email"] = n.Item2, ["is_company"] = true, ["supplier_rank"] = 1L + i % 2, ["company_id"] = null,
            ["ref"] = $"SUP{i + 1:000}", ["phone"] = $"+31 20 555 01{i:00}", ["country_id"] = 1L,
        })).ToArray();
        s.C("res.partner", new() { ["name"] = "Old Supplier NV", ["email"] = "old@supplier.example", ["is_company"] = true, ["supplier_rank"] = 1L, ["active"] = false });
        s.C("res.partner", new() { ["name"] = "Anna de Vries", ["email"] = "anna@officesupplies.example", ["parent_id"] = ids[0], ["type"] = "contact" });
        foreach (var (n, i) in new[] { "Customer One", "Retail Shop Amsterdam", "Webshop Utrecht", "Café Rotterdam", "Hotel Den Haag" }.Select((n, i) => (n, i)))
            s.C("res.partner", new() { ["name"] = n, ["email"] = $"customer{i + 1}@example.com", ["is_company"] = true, ["customer_rank"] = 1L });
        return ids;
    }

    /// <summary>Product (variant) ids: [0..19] storable goods, 20-21 consumables, 22 service, 23-24 archived, 25-27 variants, 28 kit, 29 manufactured.</summary>
    private static long[] ProductsSeed(OdooSeedWriter s)
    {
        var ids = new List<long>();
        long Template(string name, string nl, string code, bool storable, string type, double price, double cost, bool active = true, string? barcode = null)
        {
            var t = s.C("product.template", new()
            {
                ["name"] = name, ["default_code"] = code, ["barcode"] = barcode, ["type"] = s.Version <= 17 && storable ? "product" : type,
                ["is_storable"] = storable, ["list_price"] = price, ["standard_price"] = cost, ["categ_id"] = 2L, ["active"] = active,
                ["taxes_id"] = new List<object?> { 2L }, ["supplier_taxes_id"] = new List<object?> { 1L },
            });
            s.Translate("product.template", t, "name", "nl_NL", nl);
            return t;
        }
        long Variant(long template) => s.Orm.Store.Children("product.product", "product_tmpl_id", template).First();
        for (var i = 0; i < Goods.Length; i++)
            ids.Add(Variant(Template(Goods[i].En, Goods[i].Nl, $"OPT-{i + 1:0000}", true, "consu", 10 + i * 5.5, 4 + i * 2.25, barcode: OdooSeedWriter.Ean13(871234500000 + i))));
        ids.Add(Variant(Template("Coffee Beans 1kg", "Koffiebonen 1kg", "CONS-0001", false, "consu", 14.95, 7.5)));
        ids.Add(Variant(Template("Cleaning Cloth", "Schoonmaakdoek", "CONS-0002", false, "consu", 2.5, 0.8)));
        ids.Add(Variant(Template("Installation Service", "Installatieservice", "SERV-0001", false, "service", 75, 0)));
        ids.Add(Variant(Template("Fax Machine", "Faxapparaat", "OLD-0001", true, "consu", 120, 60, active: false)));
        ids.Add(Variant(Template("Typewriter Ribbon", "Typmachinelint", "OLD-0002", true, "consu", 9, 3, active: false)));
        // One template with three variants (sizes): the template's own variant is renamed, two more added.
        var tshirt = Template("Company T-Shirt", "Bedrijfs-T-shirt", "", true, "consu", 19.95, 6);
        var first = Variant(tshirt);
        s.W("product.product", first, new() { ["default_code"] = "TSHIRT-S", ["barcode"] = OdooSeedWriter.Ean13(871234510001) });
        ids.Add(first);
        foreach (var (size, n) in new[] { ("M", 2L), ("L", 3L) })
            ids.Add(s.C("product.product", new() { ["product_tmpl_id"] = tshirt, ["default_code"] = $"TSHIRT-{size}", ["barcode"] = OdooSeedWriter.Ean13(871234510000 + n), ["standard_price"] = 6.0 }));
        ids.Add(Variant(Template("Office Starter Kit", "Kantoor-starterspakket", "KIT-0001", true, "consu", 49.95, 0)));
        ids.Add(Variant(Template("Assembled Desk", "Gemonteerd bureau", "MAN-0001", true, "consu", 399, 180)));
        return ids.ToArray();
    }

    private static void Stock(OdooSeedWriter s, long[] p)
    {
        // WH/Stock = 6, WH/Stock/Shelf 1 = 7, BRU/Stock = 9 (see OdooBaseSeed.Locations).
        for (var i = 0; i < 20; i++)
        {
            s.C("stock.quant", new() { ["product_id"] = p[i], ["location_id"] = 6L, ["quantity"] = 10.0 + i * 3, ["reserved_quantity"] = i % 4 == 0 ? 2.0 : 0.0 });
            if (i % 3 == 0) s.C("stock.quant", new() { ["product_id"] = p[i], ["location_id"] = 7L, ["quantity"] = 5.0 });
            if (i % 2 == 0) s.C("stock.quant", new() { ["product_id"] = p[i], ["location_id"] = OdooBaseSeed.BruStock, ["quantity"] = 4.0 + i });
        }
        foreach (var i in new[] { 25, 26, 27, 29 }) s.C("stock.quant", new() { ["product_id"] = p[i], ["location_id"] = 6L, ["quantity"] = 12.0 });
        s.C("stock.warehouse.orderpoint", new() { ["name"] = "OP/00001", ["product_id"] = p[0], ["location_id"] = 6L, ["warehouse_id"] = 1L, ["product_min_qty"] = 5.0, ["product_max_qty"] = 20.0, ["qty_multiple"] = 1.0, ["active"] = true, ["trigger"] = "auto", ["company_id"] = 1L });
        s.C("stock.warehouse.orderpoint", new() { ["name"] = "OP/00002", ["product_id"] = p[1], ["location_id"] = 6L, ["warehouse_id"] = 1L, ["product_min_qty"] = 8.0, ["product_max_qty"] = 30.0, ["qty_multiple"] = 5.0, ["active"] = true, ["trigger"] = "manual", ["company_id"] = 1L });
    }

    private static void SupplierInfo(OdooSeedWriter s, long[] sup, long[] p)
    {
        long Tmpl(long product) => (long)s.Orm.Get("product.product", product)!["product_tmpl_id"]!;
        void Row(long partner, long product, double price, double minQty, long delay, bool templateLevel = false, string? code = null) => s.C("product.supplierinfo", new()
        {
            ["partner_id"] = partner, ["product_tmpl_id"] = Tmpl(product), ["product_id"] = templateLevel ? null : product, ["price"] = price,
            ["min_qty"] = minQty, ["delay"] = delay, ["currency_id"] = 1L, ["product_code"] = code, ["sequence"] = 1L, ["company_id"] = 1L,
            ["product_uom"] = 1L,
        });
        for (var i = 0; i < 20; i++) Row(sup[i % 5], p[i], Math.Round(3.5 + i * 2.1, 2), i % 3 == 0 ? 0 : 5, 2 + i % 7, code: $"V{i + 100}");
        Row(sup[0], p[0], 3.0, 50, 5);                       // second price break for the same pair
        Row(sup[1], p[1], 8.75, 1, 10);                      // a second vendor for product 1
        Row(sup[2], p[25], 5.5, 10, 14, templateLevel: true); // a template-level row: applies to all T-shirt variants
        Row(sup[3], p[29], 170, 1, 21);
    }

    private static void Boms(OdooSeedWriter s, long[] p)
    {
        long Tmpl(long product) => (long)s.Orm.Get("product.product", product)!["product_tmpl_id"]!;
        s.C("mrp.bom", new()
        {
            ["product_tmpl_id"] = Tmpl(p[28]), ["type"] = "phantom", ["product_qty"] = 1.0, ["code"] = "KIT", ["active"] = true, ["company_id"] = 1L, ["sequence"] = 1L,
            ["bom_line_ids"] = new List<object?> { Cmd(p[6], 2), Cmd(p[7], 5), Cmd(p[8], 1) },
        });
        s.C("mrp.bom", new()
        {
            ["product_tmpl_id"] = Tmpl(p[29]), ["product_id"] = p[29], ["type"] = "normal", ["product_qty"] = 1.0, ["active"] = true, ["company_id"] = 1L, ["sequence"] = 2L,
            ["bom_line_ids"] = new List<object?> { Cmd(p[2], 1), Cmd(p[12], 2) },
        });
    }

    private static List<object?> Cmd(long product, double qty) =>
        [0L, 0L, new Dictionary<string, object?> { ["product_id"] = product, ["product_qty"] = qty }];

    private static void SalesSeed(OdooSeedWriter s, long[] p)
    {
        var customerIds = s.Orm.Search(Odoo.Orm.Env.Default, "res.partner", [new List<object?> { "customer_rank", ">", 0L }], "id");
        var states = new[] { "draft", "sent", "sale", "sale", "sale", "sale", "cancel", "sale" };
        for (var i = 0; i < states.Length; i++)
        {
            var lines = Enumerable.Range(0, 1 + i % 3).Select(j => (object?)new List<object?>
                { 0L, 0L, new Dictionary<string, object?> { ["product_id"] = p[(i * 3 + j) % 22], ["product_uom_qty"] = 1.0 + j + i } }).ToList();
            var so = s.C("sale.order", new() { ["partner_id"] = customerIds[i % customerIds.Count], ["date_order"] = s.Day(-30 + i * 3), ["order_line"] = lines });
            s.W("sale.order", so, new() { ["state"] = states[i] });
            if (i == 7) s.Call("sale.order", "action_lock", so); // a locked confirmed order ('done' in 16)
        }
        foreach (var (state, i) in new[] { "paid", "done", s.Version >= 19 ? "done" : "invoiced" }.Select((x, i) => (x, i)))
        {
            var pos = s.C("pos.order", new() { ["state"] = state, ["date_order"] = s.Day(-5 + i), ["session_id"] = 1L, ["config_id"] = 1L, ["pos_reference"] = $"Order 00001-001-000{i + 1}",
                ["amount_total"] = 0.0, ["amount_tax"] = 0.0, ["amount_paid"] = 0.0, ["amount_return"] = 0.0, ["company_id"] = 1L });
            var total = 0.0;
            for (var j = 0; j < 2; j++)
            {
                var price = 10.0 + i + j;
                s.C("pos.order.line", new() { ["order_id"] = pos, ["product_id"] = p[i + j], ["qty"] = 1.0 + j, ["price_unit"] = price,
                    ["price_subtotal"] = price * (1 + j), ["price_subtotal_incl"] = price * (1 + j) * 1.21, ["full_product_name"] = s.Orm.DisplayName(Odoo.Orm.Env.Default, "product.product", p[i + j]) });
                total += price * (1 + j) * 1.21;
            }
            s.W("pos.order", pos, new() { ["amount_total"] = Math.Round(total, 2), ["amount_paid"] = Math.Round(total, 2), ["amount_tax"] = Math.Round(total - total / 1.21, 2) });
        }
    }

    private static void PurchaseSeed(OdooSeedWriter s, long[] sup, long[] p)
    {
        long Po(int i, int lines, string? name = null) => s.C("purchase.order", new()
        {
            ["partner_id"] = sup[i % 5], ["name"] = name, ["date_order"] = s.Day(-20 + i * 2), ["date_planned"] = s.Day(-10 + i * 2),
            ["order_line"] = Enumerable.Range(0, lines).Select(j => (object?)new List<object?> { 0L, 0L, new Dictionary<string, object?>
                { ["product_id"] = p[(i * 2 + j) % 20], ["product_qty"] = 5.0 * (j + 1), ["price_unit"] = 4.0 + i + j } }).ToList(),
        });
        Po(0, 2);                                                      // draft RFQ
        s.W("purchase.order", Po(1, 1), new() { ["state"] = "sent" });
        s.W("purchase.order", Po(2, 2), new() { ["state"] = "to approve" });
        s.Call("purchase.order", "button_confirm", Po(3, 3));           // confirmed, receipt pending
        var received = Po(4, 2);                                       // confirmed and fully received, then locked
        s.Call("purchase.order", "button_confirm", received);
        Receive(s, received, full: true);
        s.Call("purchase.order", "button_lock", received);
        var partial = Po(5, 2);                                        // partially received (backorder open)
        s.Call("purchase.order", "button_confirm", partial);
        Receive(s, partial, full: false);
        s.Call("purchase.order", "button_cancel", Po(6, 1));            // cancelled
        s.Call("purchase.order", "button_confirm", Po(7, 2, name: "OPT-BO-1001")); // created with an explicit name (as Optiply exports do)
        var bill = s.C("account.move", new() { ["move_type"] = "in_invoice", ["partner_id"] = sup[4 % 5], ["invoice_date"] = s.Day(-3)[..10], ["ref"] = "INV-2024-001",
            ["invoice_line_ids"] = new List<object?> { new List<object?> { 0L, 0L, new Dictionary<string, object?> { ["product_id"] = p[8], ["quantity"] = 5.0, ["price_unit"] = 12.0, ["name"] = "Stapler" } } } });
        s.Call("account.move", "action_post", bill);
    }

    private static void Receive(OdooSeedWriter s, long po, bool full)
    {
        var picking = ((List<long>)s.Orm.Get("purchase.order", po)!["picking_ids"]!)[0];
        var moves = s.Orm.Store.Children("stock.move", "picking_id", picking).ToList();
        var quantities = full ? null : moves.ToDictionary(m => m, m => Math.Floor(Odoo.Names.Num(s.Orm.Get("stock.move", m)!, "product_uom_qty") / 2));
        Odoo.Stock.Validate(s.Orm, Odoo.Orm.Env.Default, picking, quantities);
    }
}
