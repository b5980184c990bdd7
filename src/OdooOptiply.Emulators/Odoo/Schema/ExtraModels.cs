// Fields of models the captures do not cover (res.lang, res.users, account.account and the small
// models that many2one fields point at), written by hand from the Odoo 18 source, same in every profile.
namespace OdooOptiply.Emulators.Odoo.Schema;

internal static class ExtraModels
{
    private static FieldDef C(string n, string s, string t = "char") => new(n, t, s);
    private static FieldDef M(string n, string rel, string s) => new(n, "many2one", s, rel);
    private static FieldDef B(string n, string s) => new(n, "boolean", s);

    private static readonly FieldDef[] Magic =
    [
        new("id", "integer", "ID", Readonly: true), C("display_name", "Display Name") with { Store = false, Readonly = true },
        new("create_date", "datetime", "Created on", Readonly: true), M("create_uid", "res.users", "Created by") with { Readonly = true },
        new("write_date", "datetime", "Last Updated on", Readonly: true), M("write_uid", "res.users", "Last Updated by") with { Readonly = true },
    ];

    public static IReadOnlyDictionary<string, FieldDef[]> All(int version) => new Dictionary<string, FieldDef[]>
    {
        ["res.lang"] = [C("name", "Name"), C("code", "Locale Code"), C("iso_code", "ISO code"), C("url_code", "URL Code"), B("active", "Active"),
            C("direction", "Direction", "selection"), C("date_format", "Date Format"), C("time_format", "Time Format")],
        ["res.users"] = [C("name", "Name"), C("login", "Login"), B("active", "Active"), M("partner_id", "res.partner", "Related Partner"),
            M("company_id", "res.company", "Company"), new("company_ids", "many2many", "Companies", "res.company"),
            C("lang", "Language", "selection"), C("tz", "Timezone", "selection"), C("email", "Email")],
        ["account.account"] = [C("name", "Account Name"), C("code", "Code"), C("account_type", "Type", "selection"), B("active", "Active"),
            B("deprecated", "Deprecated"), new("company_ids", "many2many", "Companies", "res.company"), B("reconcile", "Allow Reconciliation")],
        ["res.currency"] = [C("name", "Currency"), C("symbol", "Symbol"), B("active", "Active"), new("rounding", "float", "Rounding Factor")],
        ["res.country"] = [C("name", "Country Name"), C("code", "Country Code")],
        ["product.category"] = [C("name", "Name"), C("complete_name", "Complete Name"), M("parent_id", "product.category", "Parent Category")],
        ["uom.category"] = [C("name", "Unit of Measure Category")],
        ["stock.picking.type"] = [C("name", "Operation Type"), C("code", "Type of Operation", "selection"), C("sequence_code", "Sequence Prefix"),
            M("warehouse_id", "stock.warehouse", "Warehouse"), M("company_id", "res.company", "Company"), B("active", "Active"),
            M("default_location_src_id", "stock.location", "Default Source Location"),
            M("default_location_dest_id", "stock.location", "Default Destination Location")],
        ["account.journal"] = [C("name", "Journal Name"), C("code", "Short Code"), C("type", "Type", "selection"), M("company_id", "res.company", "Company"), B("active", "Active")],
        ["ir.attachment"] = [C("name", "Name"), new("datas", "binary", "File Content (base64)"), C("res_model", "Resource Model"),
            new("res_id", "many2one_reference", "Resource ID"), C("mimetype", "Mime Type"), M("company_id", "res.company", "Company")],
        ["account.tax.group"] = [C("name", "Name"), M("company_id", "res.company", "Company")],
        ["pos.config"] = [C("name", "Point of Sale"), M("company_id", "res.company", "Company"), B("active", "Active")],
        ["pos.session"] = [C("name", "Session ID"), M("config_id", "pos.config", "Point of Sale"), C("state", "Status", "selection")],
        ["stock.warehouse.orderpoint"] = [C("name", "Name"), M("product_id", "product.product", "Product"), M("location_id", "stock.location", "Location"),
            M("warehouse_id", "stock.warehouse", "Warehouse"), M("company_id", "res.company", "Company"), B("active", "Active"),
            new("product_min_qty", "float", "Min Quantity"), new("product_max_qty", "float", "Max Quantity"),
            new("qty_multiple", "float", "Multiple Quantity"), C("trigger", "Trigger", "selection")],
    };

    /// <summary>ir.model and, from base_automation, base.automation and ir.actions.server (AutomationModels.cs).</summary>
    public static IReadOnlyDictionary<string, FieldDef[]> WithAutomation(int version) =>
        All(version).Concat(AutomationModels.All(version)).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static IEnumerable<FieldDef> WithMagic(IEnumerable<FieldDef> fields) =>
        Magic.Concat(fields.Where(f => Magic.All(m => m.Name != f.Name)));
}
