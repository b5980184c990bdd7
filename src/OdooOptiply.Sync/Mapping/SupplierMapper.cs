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
        return MapResult.Send(new JsonObject
        {
            ["name"] = name.Trim(),
            ["emails"] = email is null ? new JsonArray() : new JsonArray(email),
            ["remoteId"] = partner.Id.ToString(CultureInfo.InvariantCulture),
        });
    }
}
