// TaxRates → account.tax, keyed by the tax name as target-odoo-v3 keys it. Mapping: name → name; value → amount;
// is_percent → amount_type "percent" (true) or "fixed" (false; v3 sent "Fixed", which Odoo refuses), unless the
// record gives amount_type itself (percent, fixed, division: an Odoo-shaped record, e.g. from this program's tap); tax_type →
// tax_group_id (an account.tax.group of that name, else Odoo's default group); type_tax_use = "purchase" (v3's choice).
// A purchase tax of that name that exists is reused and updated (v3 crashed on it); archived ones count.
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Singer.Target.Sinks;

internal static class TaxRatesSink
{
    public static OdooSink<JsonObject> Create() => new()
    {
        Name = "TaxRates", Model = "account.tax", Space = "target.taxRates",
        Key = r => RecordFields.Text(r, "name"),
        Marked = (r, key) => OdooDomain.Leaf("name", "=", key).And(OdooDomain.Leaf("type_tax_use", "=", "purchase")),
        MapAsync = MapAsync,
        CreateOnly = new HashSet<string> { "type_tax_use" },
    };

    private static async Task<SinkValues> MapAsync(JsonObject r, string key, OdooWriteContext c, CancellationToken ct)
    {
        if (RecordFields.Text(r, "name") is not { } name) return SinkValues.Fail("a tax rate needs a name");
        var values = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["amount"] = RecordFields.Number(r, "value", "rate", "amount") ?? 0.0,
            ["amount_type"] = RecordFields.Text(r, "amount_type") is "percent" or "fixed" or "division" ? RecordFields.Text(r, "amount_type")
                : RecordFields.Bool(r, "is_percent") ? "percent" : "fixed",
            ["type_tax_use"] = "purchase",
        };
        if (RecordFields.Text(r, "tax_type") is { } group)
        {
            var found = await OdooRefs.ByNameAsync("account.tax.group", group, c, ct);
            if (found.Problem is not null) return SinkValues.Fail($"tax_type: {found.Problem}");
            values["tax_group_id"] = found.Id;
        }
        return new SinkValues(values);
    }
}
