// What `tap --about` prints (the Meltano SDK's about document): name, capabilities and every config
// key with its type and meaning — the same list docs/singer.md documents.
using OdooOptiply.Odoo;
using System.Text.Json.Nodes;

namespace OdooOptiply.Singer.Tap;

public static class TapAbout
{
    public static readonly IReadOnlyList<(string Name, string Kind, bool Required, bool Secret, string Description)> Settings =
    [
        ("url", "string", true, false, "Odoo address, e.g. https://acme.odoo.com (https:// is assumed when no scheme is given)"),
        ("db", "string", true, false, "database name (alias: database)"),
        ("username", "string", true, false, "login of the Odoo user"),
        ("password", "string", true, true, "the user's password or an API key"),
        ("api_key", "string", false, true, "an API key (needed for JSON-2 on Odoo 19; used when password is empty)"),
        ("protocol", "string", false, false, "auto (default: JSON-2 on 19 with an API key, else JSON-RPC), xmlrpc, jsonrpc or json2"),
        ("start_date", "date-time", false, false, "incremental streams without a bookmark read records written at or after this instant"),
        ("full_sync_streams", "array", false, false, "streams read in full every run, between two ACTIVATE_VERSION messages (list or comma-separated)"),
        ("language", "string", false, false, "context language for translated fields, xx_XX (default en_US); must be installed on Odoo 18+"),
        ("ignore_list", "array", false, false, "fields never requested: \"field\" (every stream), \"stream.field\" or \"model.field\"; or {stream: [fields]}"),
        ("page_size", "integer", false, false, $"records per search_read call (default {OdooDefaults.PageSize})"),
        ("timeout", "number", false, false, "seconds per call (default 120)"),
    ];

    public static JsonObject Document(string version)
    {
        var settings = new JsonArray();
        foreach (var s in Settings)
            settings.Add(new JsonObject { ["name"] = s.Name, ["kind"] = s.Kind, ["required"] = s.Required, ["secret"] = s.Secret, ["description"] = s.Description });
        var streams = new JsonArray();
        foreach (var s in TapStreams.All) streams.Add(new JsonObject { ["name"] = s.Name, ["model"] = s.Model, ["description"] = s.Description });
        return new JsonObject
        {
            ["name"] = "tap-odoo",
            ["description"] = "Singer tap for Odoo 16-19 (odoo-optiply tap): tap-odoo's 18 streams over XML-RPC, JSON-RPC or JSON-2",
            ["version"] = version,
            ["capabilities"] = new JsonArray("catalog", "discover", "properties", "state", "about"),
            ["settings"] = settings,
            ["streams"] = streams,
        };
    }
}
