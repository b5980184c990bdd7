// The tap's streams: tap-odoo's 18, named as tap-odoo names them, and taxes (an addition): the Odoo model behind each, the domain that
// picks its records and how it is replicated by default. Where tap-odoo's model or domain is not
// known, the choice here is what a user reading the stream's name would expect (docs/singer.md).
using OdooOptiply.Odoo;

namespace OdooOptiply.Singer.Tap;

public enum ReplicationMethod { Incremental, FullTable }

public sealed record TapStream(string Name, string Model, OdooDomain Domain, ReplicationMethod Replication, string Description)
{
    public const string ReplicationKey = "write_date";
    public static readonly IReadOnlyList<string> KeyProperties = ["id"];
}

public static class TapStreams
{
    /// <summary>Invoices, bills and their credit notes (Odoo's "is_invoice(include_receipts=False)").</summary>
    public static readonly IReadOnlyList<object?> InvoiceMoveTypes = ["out_invoice", "out_refund", "in_invoice", "in_refund"];

    /// <summary>The lines Odoo shows on an invoice's "Invoice Lines" tab (invoice_line_ids): products, sections and notes.</summary>
    public static readonly IReadOnlyList<object?> InvoiceLineDisplayTypes = ["product", "line_section", "line_note"];

    private static TapStream S(string name, string model, string description, OdooDomain? domain = null, ReplicationMethod replication = ReplicationMethod.Incremental) =>
        new(name, model, domain ?? OdooDomain.All, replication, description);

    public static readonly IReadOnlyList<TapStream> All =
    [
        S("products", "product.product", "Product variants, archived ones included."),
        S("customers", "res.partner", "Every partner (customers, vendors, contacts, addresses), archived ones included; filter on customer_rank / supplier_rank."),
        S("sale_orders", "sale.order", "Sale orders and quotations in every state."),
        S("sale_order_line", "sale.order.line", "Lines of every sale order."),
        S("purchase_orders", "purchase.order", "Purchase orders and requests for quotation in every state."),
        S("purchase_order_lines", "purchase.order.line", "Lines of every purchase order."),
        // Quants vanish when their quantity goes to zero: a full read with ACTIVATE_VERSION lets loaders drop them.
        S("stock", "stock.quant", "On-hand stock per product and location, internal and transit locations only.",
            OdooDomain.Leaf("location_id.usage", "in", new List<object?> { "internal", "transit" }), ReplicationMethod.FullTable),
        S("warehouse", "stock.warehouse", "Warehouses, archived ones included."),
        S("location", "stock.location", "Stock locations of every usage, archived ones included."),
        S("product_suppliers", "product.supplierinfo", "Vendor price list rows (product.supplierinfo)."),
        S("companies", "res.company", "Companies of the database."),
        S("users", "res.users", "Users, archived ones included."),
        S("accounts", "account.account", "Chart of accounts."),
        S("invoices_bills", "account.move", "Customer invoices, vendor bills and their credit notes (move_type out_invoice, out_refund, in_invoice, in_refund).",
            OdooDomain.Leaf("move_type", "in", InvoiceMoveTypes)),
        S("bom", "mrp.bom", "Bills of materials, archived ones included."),
        S("bom_lines", "mrp.bom.line", "Components of every bill of materials."),
        S("invoice_bill_lines", "account.move.line", "Invoice lines of the invoices_bills moves: product lines, sections and notes (no tax or payment-term lines).",
            OdooDomain.Leaf("move_id.move_type", "in", InvoiceMoveTypes).And(
                // A line written without display_type (by an import, or on a database migrated from 15) is a product line too.
                OdooDomain.Leaf("display_type", "in", InvoiceLineDisplayTypes).Or(OdooDomain.Leaf("display_type", "=", false)))),
        S("invoice_lines_all", "account.move.line", "Every journal item (account.move.line) of every move."),
        // Beyond tap-odoo's 18: taxes, so that a tap | target pipeline can carry them from one Odoo to another (TaxRates).
        S("taxes", "account.tax", "Taxes (sales and purchase), archived ones included. Not in tap-odoo: an addition of this program."),
    ];

    public static TapStream? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The stream's records on a server whose model has these fields: archived ones included through
    /// ['|', ('active','=',True), ('active','=',False)] where the model has an active field.</summary>
    public static OdooDomain DomainFor(TapStream stream, OdooFields fields) =>
        fields.Has("active") && fields.Type("active") == "boolean"
            ? stream.Domain.And(OdooDomain.Leaf("active", "=", true).Or(OdooDomain.Leaf("active", "=", false)))
            : stream.Domain;
}
