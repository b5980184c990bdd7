// The context sent with a call: language, archived records, companies and warehouse. The warehouse key
// was renamed in Odoo 18 (warehouse → warehouse_id), so the wire form depends on the server's version.
namespace OdooOptiply.Odoo;

public sealed record OdooContext
{
    /// <summary>Language of translated fields, xx_XX; Odoo 18+ faults on a language that is not installed.</summary>
    public string? Lang { get; init; }
    /// <summary>false = include archived records.</summary>
    public bool? ActiveTest { get; init; }
    /// <summary>Companies the call sees; the first one is the "current" company (company-dependent fields).</summary>
    public IReadOnlyList<long>? AllowedCompanyIds { get; init; }
    /// <summary>Limits stock quantities to one warehouse.</summary>
    public long? WarehouseId { get; init; }
    public IReadOnlyDictionary<string, object?>? Extra { get; init; }

    /// <summary>The context dictionary for a server of the given major version (lang already resolved by the client).</summary>
    public Dictionary<string, object?> ToWire(int serverMajor, string? lang)
    {
        var wire = new Dictionary<string, object?>();
        if (lang is not null) wire["lang"] = lang;
        if (ActiveTest is bool active) wire["active_test"] = active;
        if (AllowedCompanyIds is { Count: > 0 } companies) wire["allowed_company_ids"] = companies;
        if (WarehouseId is long warehouse) wire[WarehouseKey(serverMajor)] = warehouse;
        foreach (var (k, v) in Extra ?? new Dictionary<string, object?>()) wire[k] = v;
        return wire;
    }

    public static string WarehouseKey(int serverMajor) => serverMajor >= 18 ? "warehouse_id" : "warehouse";
}

/// <summary>How SearchReadPagesAsync pages: explicit order, page size, keyset (id &gt; last) or offset paging.</summary>
public sealed record OdooPageOptions
{
    public string Order { get; init; } = OdooDefaults.Order;
    public int? PageSize { get; init; }
    /// <summary>Page on id &gt; last id instead of offsets (needs Order "id asc"); stable while records are added.</summary>
    public bool Keyset { get; init; }
    public long Offset { get; init; }
    /// <summary>At most this many records in all (null = every match).</summary>
    public long? Limit { get; init; }
}

/// <summary>fields_get for one model: field name → attributes (type, string, relation, …).</summary>
public sealed class OdooFields(IReadOnlyDictionary<string, OdooRecord> fields)
{
    public IReadOnlyDictionary<string, OdooRecord> All => fields;
    public IEnumerable<string> Names => fields.Keys;
    public bool Has(string field) => fields.ContainsKey(field);
    public string? Type(string field) => fields.TryGetValue(field, out var f) ? f.GetString("type") : null;
    public int Count => fields.Count;
}
