// The inverse many2one behind each one2many (fields_get does not report it in the captures), so
// order_line, seller_ids, move_ids ... are answered from an index instead of a scan.
namespace OdooOptiply.Emulators.Odoo.Schema;

internal static class Relations
{
    /// <summary>(model, one2many field) -> (comodel, inverse many2one key).</summary>
    public static readonly IReadOnlyDictionary<(string Model, string Field), (string Comodel, string Inverse)> OneToMany =
        new Dictionary<(string, string), (string, string)>
        {
            [("purchase.order", "order_line")] = ("purchase.order.line", "order_id"),
            [("base.automation", "action_server_ids")] = ("ir.actions.server", "base_automation_id"),
            [("sale.order", "order_line")] = ("sale.order.line", "order_id"),
            [("pos.order", "lines")] = ("pos.order.line", "order_id"),
            [("account.move", "line_ids")] = ("account.move.line", "move_id"),
            [("account.move", "invoice_line_ids")] = ("account.move.line", "move_id"),
            [("stock.picking", "move_ids")] = ("stock.move", "picking_id"),
            [("stock.picking", "move_ids_without_package")] = ("stock.move", "picking_id"),
            [("purchase.order.line", "move_ids")] = ("stock.move", "purchase_line_id"),
            [("product.template", "seller_ids")] = ("product.supplierinfo", "product_tmpl_id"),
            [("product.template", "variant_seller_ids")] = ("product.supplierinfo", "product_tmpl_id"),
            [("product.template", "product_variant_ids")] = ("product.product", "product_tmpl_id"),
            [("product.template", "bom_ids")] = ("mrp.bom", "product_tmpl_id"),
            [("product.product", "bom_ids")] = ("mrp.bom", "product_tmpl_id"),
            [("product.product", "variant_bom_ids")] = ("mrp.bom", "product_id"),
            [("product.product", "stock_quant_ids")] = ("stock.quant", "product_id"),
            [("product.product", "stock_move_ids")] = ("stock.move", "product_id"),
            [("product.product", "orderpoint_ids")] = ("stock.warehouse.orderpoint", "product_id"),
            [("product.template", "stock_quant_ids")] = ("stock.quant", "product_tmpl_id"),
            [("mrp.bom", "bom_line_ids")] = ("mrp.bom.line", "bom_id"),
            [("res.partner", "child_ids")] = ("res.partner", "parent_id"),
            [("stock.location", "child_ids")] = ("stock.location", "location_id"),
            [("stock.location", "quant_ids")] = ("stock.quant", "location_id"),
            [("res.company", "child_ids")] = ("res.company", "parent_id"),
        };

    /// <summary>product.product reads seller_ids through its template (a delegated field).</summary>
    public static readonly IReadOnlyDictionary<(string Model, string Field), string> ThroughTemplate =
        new Dictionary<(string, string), string> { [("product.product", "seller_ids")] = "seller_ids", [("product.product", "bom_ids")] = "bom_ids" };

    /// <summary>The many2one keys that get an inverse index: every inverse above plus the stock ones.</summary>
    public static readonly IReadOnlySet<(string Model, string Key)> Indexed =
        OneToMany.Values.Select(v => (v.Comodel, v.Inverse))
            .Concat([("stock.quant", "product_id"), ("stock.move", "product_id"), ("product.supplierinfo", "product_id"),
                     ("mrp.bom", "product_id"), ("stock.picking", "purchase_id"), ("stock.warehouse.orderpoint", "product_id")])
            .ToHashSet();
}
