// What every emulated database starts with (ids as a fresh Odoo assigns them where clients rely on
// them: admin is uid 2): currencies, two companies, users, languages, units, locations, two
// warehouses (WH in company 1, BRU in company 2) with receipt/delivery types, taxes, journals.
namespace OdooOptiply.Emulators.Seed;

internal static class OdooBaseSeed
{
    /// <summary>Ids of the internal locations the seeds put stock in.</summary>
    public const long WhStock = 6, WhShelf = 7, BruStock = 9;

    public static void Apply(OdooSeedWriter s)
    {
        s.C("res.currency", new() { ["name"] = "EUR", ["symbol"] = "€", ["active"] = true, ["rounding"] = 0.01 });
        s.C("res.currency", new() { ["name"] = "USD", ["symbol"] = "$", ["active"] = true, ["rounding"] = 0.01 });
        s.C("res.country", new() { ["name"] = "Netherlands", ["code"] = "NL" });
        s.C("res.country", new() { ["name"] = "Belgium", ["code"] = "BE" });
        var p1 = s.C("res.partner", new() { ["name"] = "Optiply Demo B.V.", ["is_company"] = true, ["email"] = "info@optiply-demo.nl", ["country_id"] = 1L });
        var p2 = s.C("res.partner", new() { ["name"] = "Optiply Demo België BV", ["is_company"] = true, ["email"] = "info@optiply-demo.be", ["country_id"] = 2L });
        s.C("res.company", new() { ["name"] = "Optiply Demo B.V.", ["partner_id"] = p1, ["currency_id"] = 1L, ["sequence"] = 10L });
        s.C("res.company", new() { ["name"] = "Optiply Demo België BV", ["partner_id"] = p2, ["currency_id"] = 1L, ["sequence"] = 20L });
        s.W("res.partner", p1, new() { ["company_id"] = 1L });
        s.W("res.partner", p2, new() { ["company_id"] = 2L });
        s.C("res.users", new() { ["name"] = "OdooBot", ["login"] = "__system__", ["active"] = false, ["company_id"] = 1L });
        var admin = s.C("res.partner", new() { ["name"] = "Mitchell Admin", ["email"] = "admin@optiply-demo.nl" });
        s.C("res.users", new() { ["name"] = "Mitchell Admin", ["login"] = "admin", ["partner_id"] = admin, ["company_id"] = 1L,
            ["company_ids"] = new List<object?> { 1L, 2L }, ["lang"] = "en_US", ["tz"] = "Europe/Brussels", ["email"] = "admin@optiply-demo.nl" });
        foreach (var (code, name, active) in new[] { ("en_US", "English (US)", true), ("nl_NL", "Dutch / Nederlands", true), ("fr_FR", "French / Français", false), ("de_DE", "German / Deutsch", false) })
            s.C("res.lang", new() { ["name"] = name, ["code"] = code, ["iso_code"] = code[..2], ["url_code"] = code[..2], ["active"] = active });
        Units(s);
        s.C("product.category", new() { ["name"] = "All", ["complete_name"] = "All" });
        s.C("product.category", new() { ["name"] = "Goods", ["complete_name"] = "All / Goods", ["parent_id"] = 1L });
        Locations(s);
        foreach (var (name, amount, use) in new[] { ("21%", 21.0, "purchase"), ("21%", 21.0, "sale"), ("9%", 9.0, "sale") })
            s.C("account.tax", new() { ["name"] = name, ["amount"] = amount, ["amount_type"] = "percent", ["type_tax_use"] = use, ["company_id"] = 1L, ["active"] = true, ["country_id"] = 1L });
        s.C("account.journal", new() { ["name"] = "Vendor Bills", ["code"] = "BILL", ["type"] = "purchase", ["company_id"] = 1L, ["active"] = true });
        s.C("account.journal", new() { ["name"] = "Customer Invoices", ["code"] = "INV", ["type"] = "sale", ["company_id"] = 1L, ["active"] = true });
        s.C("account.account", new() { ["name"] = "Stock Interim (Received)", ["code"] = "110300", ["account_type"] = "asset_current", ["active"] = true });
        s.C("account.account", new() { ["name"] = "Cost of Goods Sold", ["code"] = "600000", ["account_type"] = "expense_direct_cost", ["active"] = true });
        s.C("pos.config", new() { ["name"] = "Shop", ["company_id"] = 1L, ["active"] = true });
        s.C("pos.session", new() { ["name"] = "POS/00001", ["config_id"] = 1L, ["state"] = "opened" });
    }

    private static void Units(OdooSeedWriter s)
    {
        if (s.Has("uom.uom", "category_id"))
        {
            s.C("uom.category", new() { ["name"] = "Unit" });
            s.C("uom.category", new() { ["name"] = "Weight" });
        }
        foreach (var (name, cat, type, factor) in new[] { ("Units", 1L, "reference", 1.0), ("Dozens", 1L, "bigger", 1 / 12.0), ("kg", 2L, "reference", 1.0), ("g", 2L, "smaller", 1000.0) })
            s.C("uom.uom", new() { ["name"] = name, ["category_id"] = cat, ["uom_type"] = type, ["factor"] = factor, ["rounding"] = 0.01, ["active"] = true,
                ["relative_factor"] = 1 / factor, ["relative_uom_id"] = name is "Dozens" ? 1L : name is "g" ? 3L : null });
    }

    private static void Locations(OdooSeedWriter s)
    {
        long L(string name, string complete, string usage, long? parent, long? company, long? wh = null) => s.C("stock.location", new()
        {
            ["name"] = name, ["complete_name"] = complete, ["usage"] = usage, ["location_id"] = parent, ["company_id"] = company,
            ["active"] = true, ["warehouse_id"] = wh,
        });
        var partners = L("Partners", "Partners", "view", null, null);
        var vendors = L("Vendors", "Partners/Vendors", "supplier", partners, null);
        var customers = L("Customers", "Partners/Customers", "customer", partners, null);
        L("Inventory adjustment", "Virtual Locations/Inventory adjustment", "inventory", null, null);
        foreach (var (code, name, company) in new[] { ("WH", "Main Warehouse", 1L), ("BRU", "Brussels Warehouse", 2L) })
        {
            var view = L(code, code, "view", null, company);
            var wh = s.C("stock.warehouse", new() { ["name"] = name, ["code"] = code, ["company_id"] = company, ["view_location_id"] = view, ["active"] = true, ["sequence"] = company * 10 });
            s.W("stock.location", view, new() { ["warehouse_id"] = wh });
            var stock = L("Stock", $"{code}/Stock", "internal", view, company, wh);
            if (code == "WH") L("Shelf 1", "WH/Stock/Shelf 1", "internal", stock, company, wh);
            s.W("stock.warehouse", wh, new() { ["lot_stock_id"] = stock });
            s.C("stock.picking.type", new() { ["name"] = "Receipts", ["code"] = "incoming", ["sequence_code"] = "IN", ["warehouse_id"] = wh, ["company_id"] = company,
                ["active"] = true, ["default_location_src_id"] = vendors, ["default_location_dest_id"] = stock });
            s.C("stock.picking.type", new() { ["name"] = "Delivery Orders", ["code"] = "outgoing", ["sequence_code"] = "OUT", ["warehouse_id"] = wh, ["company_id"] = company,
                ["active"] = true, ["default_location_src_id"] = stock, ["default_location_dest_id"] = customers });
        }
    }
}
