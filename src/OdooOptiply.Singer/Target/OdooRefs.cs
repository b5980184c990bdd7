// How the sinks find the Odoo records a Singer record points at (partner, product, currency, country, account,
// tax, tax group), each as target-odoo-v3 did (by exact name, or by an Odoo id the source already knows) but
// stricter: an id is checked to exist, a name must match exactly one record (two namesakes are a problem, not
// "the first hit"), and what is not found is a reason the record fails, never silently dropped.
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Singer.Target;

/// <summary>A resolved reference: the Odoo id, or why there is none.</summary>
internal readonly record struct Ref(long? Id, string? Problem)
{
    public static Ref Absent => new(null, null);
}

internal static class OdooRefs
{
    public static async Task<Ref> PartnerAsync(JsonObject r, string[] idFields, string[] nameFields, OdooWriteContext c, CancellationToken ct)
    {
        if (RecordFields.Id(r, idFields) is { } id)
            return await c.Lookups.ExistsAsync("res.partner", id, ct) ? new(id, null) : new(null, $"{idFields[0]} {id}: no such res.partner in Odoo");
        if (RecordFields.Text(r, nameFields) is not { } name) return new(null, $"no partner: neither {string.Join(" nor ", idFields.Concat(nameFields))} is given");
        var found = await c.Lookups.OneAsync("res.partner", OdooDomain.Leaf("name", "=", name), ct);
        return Named(found, "res.partner", "name", name);
    }

    /// <summary>A line's product: product_remoteId (an Odoo product.product id), else sku (default_code), else productName (name).</summary>
    public static async Task<Ref> ProductAsync(JsonObject line, OdooWriteContext c, CancellationToken ct)
    {
        if (RecordFields.Id(line, "product_remoteId", "productRemoteId", "product_id") is { } id)
            return await c.Lookups.ExistsAsync("product.product", id, ct) ? new(id, null) : new(null, $"product_remoteId {id}: no such product.product in Odoo");
        if (RecordFields.Text(line, "sku", "productSku") is { } sku)
            return Named(await c.Lookups.OneAsync("product.product", OdooDomain.Leaf("default_code", "=", sku), ct), "product.product", "default_code", sku);
        if (RecordFields.Text(line, "productName", "product_name") is { } name)
            return Named(await c.Lookups.OneAsync("product.product", OdooDomain.Leaf("name", "=", name), ct), "product.product", "name", name);
        return new(null, "a line names no product (product_remoteId, sku or productName)");
    }

    public static async Task<Ref> ByNameAsync(string model, string? name, OdooWriteContext c, CancellationToken ct) =>
        name is null ? Ref.Absent : Named(await c.Lookups.OneAsync(model, OdooDomain.Leaf("name", "=", name), ct), model, "name", name);

    /// <summary>By code first, then by name (countries: "NL" or "Netherlands"; accounts: "600000" or "Cost of Goods Sold").</summary>
    public static async Task<Ref> ByCodeOrNameAsync(string model, string? text, OdooWriteContext c, CancellationToken ct)
    {
        if (text is null) return Ref.Absent;
        var found = await c.Lookups.FirstOfAsync(model, [OdooDomain.Leaf("code", "=", text), OdooDomain.Leaf("name", "=", text)], ct);
        return Named(found, model, "code or name", text);
    }

    public static Ref Named(LookupResult found, string model, string field, string value) =>
        found.Found ? new(found.Id, null)
        : found.Count > 1 ? new(null, $"more than one {model} has {field} '{value}' (ambiguous, not guessed)")
        : new(null, $"no {model} with {field} '{value}'");
}
