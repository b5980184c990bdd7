// Vendors and Suppliers → res.partner (one binding space: the same vendor sent on either stream is one partner).
// Key: id (the source's vendor id, written into ref, where a lost create is found), else the vendor name.
// Mapping (v3's mapping.json, plus what it dropped): vendorName → name; emailAddress → email; phoneNumbers[0].number
// → phone (else phone); street, street2, city, zip as Odoo names them (a record from this program's tap); addresses (an object, a list (first), or JSON text): line1 → street, line2 → street2, city → city,
// postalCode/zip → zip, country → country_id (res.country by code, else by name); website → website; taxNumber /
// vatNumber → vat; always company_type "company" and, on create, supplier_rank 1. contactName is not written (v3 put
// it into company_id, a res.company field). A company partner of that name that exists is reused and updated, not
// skipped and reported as a failure as v3 did.
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Singer.Target.Sinks;

internal static class PartnersSink
{
    public static OdooSink<JsonObject> Create(string stream) => new()
    {
        Name = stream, Model = "res.partner", Space = "target.partners",
        Key = r => RecordFields.Text(r, "id") ?? (RecordFields.Text(r, "vendorName", "name") is { } n ? "name:" + n : null),
        Marked = (r, key) => key.StartsWith("name:", StringComparison.Ordinal)
            ? CompanyNamed(key["name:".Length..])
            : OdooDomain.Leaf("ref", "=", key),
        MapAsync = MapAsync,
        Reuse = (r, v) => v.Values.TryGetValue("name", out var name) && name is string s ? CompanyNamed(s) : null,
        CreateOnly = new HashSet<string> { "supplier_rank" },
    };

    private static OdooDomain CompanyNamed(string name) => OdooDomain.Leaf("name", "=", name).And(OdooDomain.Leaf("is_company", "=", true));

    private static async Task<SinkValues> MapAsync(JsonObject r, string key, OdooWriteContext c, CancellationToken ct)
    {
        if (RecordFields.Text(r, "vendorName", "name") is not { } name) return SinkValues.Fail("a vendor needs a vendorName");
        var values = new Dictionary<string, object?> { ["name"] = name, ["company_type"] = "company", ["is_company"] = true, ["supplier_rank"] = 1L };
        if (RecordFields.Text(r, "id") is { } id) values["ref"] = id;
        Put(values, "email", RecordFields.Text(r, "emailAddress", "email"));
        Put(values, "website", RecordFields.Text(r, "website"));
        Put(values, "vat", RecordFields.Text(r, "taxNumber", "vatNumber"));
        Put(values, "phone", RecordFields.Objects(r, "phoneNumbers").FirstOrDefault() is { } phone ? RecordFields.Text(phone, "number") : RecordFields.Text(r, "phone"));
        // A record in Odoo's own words (this program's tap, renamed to Vendors by a stream map) carries the address flat.
        foreach (var field in new[] { "street", "street2", "city", "zip" }) Put(values, field, RecordFields.Text(r, field));
        if (RecordFields.Objects(r, "addresses", "address").FirstOrDefault() is { } a)
        {
            Put(values, "street", RecordFields.Text(a, "line1"));
            Put(values, "street2", RecordFields.Text(a, "line2"));
            Put(values, "city", RecordFields.Text(a, "city"));
            Put(values, "zip", RecordFields.Text(a, "postalCode", "zip"));
            var country = await OdooRefs.ByCodeOrNameAsync("res.country", RecordFields.Text(a, "country"), c, ct);
            if (country.Problem is not null) return SinkValues.Fail($"addresses.country: {country.Problem}");
            if (country.Id is { } cid) values["country_id"] = cid;
        }
        return new SinkValues(values);
    }

    private static void Put(Dictionary<string, object?> values, string field, string? value)
    {
        if (value is not null) values[field] = value;
    }
}
