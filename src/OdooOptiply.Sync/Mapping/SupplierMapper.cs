// suppliers: a res.partner that supplies (supplier rank > 0 or named on a supplier price) → Optiply supplier.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.Mapping;

public static class SupplierMapper
{
    public static readonly IReadOnlyList<string> Fields = ["id", "name", "display_name", "email_normalized", "active", "write_date"];

    public static MapResult Map(OdooRecord partner)
    {
        var name = partner.GetString("display_name") ?? partner.GetString("name");
        if (string.IsNullOrWhiteSpace(name)) return MapResult.Skip("partner has no name");
        var email = partner.GetString("email_normalized");
        // Optiply "deletes" a supplier by ignoring it; an archived partner Optiply never had is not created.
        var archived = partner.ContainsKey("active") && !partner.GetBool("active");
        return MapResult.Send(new JsonObject
        {
            ["name"] = Wire.Fit(name),
            ["emails"] = email is null ? new JsonArray() : new JsonArray(email),
            ["ignored"] = archived,
            ["remoteId"] = partner.Id.ToString(CultureInfo.InvariantCulture),
        }, createAllowed: !archived);
    }
}
