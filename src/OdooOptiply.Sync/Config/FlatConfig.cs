// The current integration's flat config (tap-odoo's: url, db, username, password, start_date and the flags
// side by side at the top level; target-optiply's client_id, client_secret, account_id, coupling_id) read as
// it is: its connection keys are moved into the "odoo" and "optiply" sections before the loader reads them,
// and one note per key says where it went. Optiply's own username and password cannot sit flat beside Odoo's,
// so a flat file gives them as optiply_username / optiply_password (or any optiply_<key>), or in the environment.
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Config;

internal static class FlatConfig
{
    /// <summary>Top-level keys of the tap's config that belong to the "odoo" section (each also as KEY_file).</summary>
    public static readonly IReadOnlyList<string> OdooKeys =
        ["url", "db", "username", "password", "api_key", "protocol", "page_size", "insecure_skip_tls_verify", "max_total_wait_seconds", "max_response_mb", "max_connections"];

    /// <summary>Top-level keys of target-optiply's config that belong to the "optiply" section without a prefix.</summary>
    public static readonly IReadOnlyList<string> OptiplyKeys = ["client_id", "client_secret", "account_id", "coupling_id", "base_url", "token_url"];

    public const string OptiplyPrefix = "optiply_";

    /// <summary>True when the file has no "odoo" object but Odoo's connection keys at the top level.</summary>
    public static bool IsFlat(JsonObject root) => root["odoo"] is null && (root.ContainsKey("url") || root.ContainsKey("db"));

    /// <summary>Moves the flat connection keys into their sections; returns the notes saying where each went.</summary>
    public static IReadOnlyList<string> Nest(JsonObject root)
    {
        var notes = new List<string>();
        var odoo = new JsonObject();
        var optiply = root["optiply"] as JsonObject ?? new JsonObject();
        foreach (var key in root.Select(p => p.Key).ToList())
        {
            var bare = key.EndsWith("_file", StringComparison.Ordinal) ? key[..^5] : key;
            string? section = null, target = key;
            if (OdooKeys.Contains(bare)) section = "odoo";
            else if (OptiplyKeys.Contains(bare)) section = "optiply";
            else if (key.StartsWith(OptiplyPrefix, StringComparison.Ordinal) && key.Length > OptiplyPrefix.Length)
                (section, target) = ("optiply", key[OptiplyPrefix.Length..]);
            if (section is null) continue;
            var into = section == "odoo" ? odoo : optiply;
            if (into.ContainsKey(target)) { notes.Add($"{key}: also given as {section}.{target}; the {section} section's value is used"); root.Remove(key); continue; }
            var value = root[key];
            root.Remove(key);
            into[target] = value;
            notes.Add($"{key} → {section}.{target}");
        }
        root["odoo"] = odoo;
        if (optiply.Count > 0 && root["optiply"] is null) root["optiply"] = optiply;
        return notes;
    }
}
