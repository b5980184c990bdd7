// The one place that knows the use_templates grain: which model the products stream reads (product.product, or
// product.template), which field of a line, a supplier price or a BoM names that product, and how the product.product
// id found on a line becomes the key the products stream bound (the variant id itself, or its template's id).
using System.Globalization;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Streams;

public sealed class ProductKeys(IOdooSource odoo, bool templates, TargetIds targets)
{
    public const string VariantModel = "product.product", TemplateModel = "product.template";
    public const string VariantField = "product_id", TemplateField = "product_tmpl_id";

    /// <summary>The model the products stream reads and binds, at this grain.</summary>
    public static string Model(bool templates) => templates ? TemplateModel : VariantModel;

    /// <summary>The field naming the bound product on a line, a supplier price or a quant, at this grain.</summary>
    public static string KeyField(bool templates) => templates ? TemplateField : VariantField;

    private readonly Dictionary<long, long> _templateOf = [];

    /// <summary>Learns the templates of <paramref name="variantIds"/> (one read, only when use_templates).</summary>
    public async Task PrimeAsync(IEnumerable<long> variantIds, CancellationToken ct)
    {
        if (!templates) return;
        var missing = variantIds.Where(id => !_templateOf.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(1000))
        {
            var rows = await odoo.SearchReadAsync("product.product", OdooDomain.Leaf("id", "in", chunk.Cast<object?>().ToList()),
                ["id", "product_tmpl_id"], "id asc", null, new ReadContext(IncludeArchived: true), ct);
            foreach (var r in rows) if (r.GetId("product_tmpl_id") is { } t) _templateOf[r.Id] = t;
        }
    }

    public string Key(long variantId) =>
        (templates && _templateOf.TryGetValue(variantId, out var t) ? t : variantId).ToString(CultureInfo.InvariantCulture);

    /// <summary>The Optiply product id of an Odoo variant, or null when Optiply does not have it.</summary>
    public long? Target(long variantId) => targets.Of(StreamNames.Products, Key(variantId));
}
