// The target's config file: target-odoo-v3's keys as they are (url, db, username, password,
// export_buy_orders_as_draft, verify_ref, input_path), plus this program's own (api_key, protocol, state_path,
// lang, batch_size, max_line_bytes, timeout). Every problem is named in one message; unknown keys are warned about.
// Defaults: protocol auto, state_path "<config file>.state.db" beside the config, batch_size 500, max_line_bytes 16 MiB.
using System.Globalization;
using System.Text.Json;
using OdooOptiply.Odoo;

namespace OdooOptiply.Singer.Target;

public sealed record TargetConfig(OdooOptions Odoo, string StatePath, IReadOnlyDictionary<string, bool> Flags, IReadOnlyDictionary<string, string> Settings,
    TargetOptions Options, IReadOnlyList<string> Warnings)
{
    private static readonly HashSet<string> Known =
    [
        "url", "db", "username", "password", "api_key", "protocol", "state_path", "lang", "batch_size", "max_line_bytes", "timeout",
        "export_buy_orders_as_draft", "verify_ref", "input_path",
    ];

    /// <summary>Reads and checks the file; throws ArgumentException naming every problem (never a secret's value).</summary>
    public static TargetConfig Load(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"config file '{path}' does not exist");
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone(); }
        catch (JsonException e) { throw new ArgumentException($"config file '{Path.GetFileName(path)}' is not valid JSON: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException($"config file '{Path.GetFileName(path)}' must hold a JSON object");
        string? S(string k) => root.TryGetProperty(k, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
        bool B(string k) => root.TryGetProperty(k, out var v) && (v.ValueKind == JsonValueKind.True
            || (v.ValueKind == JsonValueKind.String && v.GetString()?.Trim().ToLowerInvariant() is "true" or "1" or "yes"));
        var problems = new List<string>();
        var warnings = root.EnumerateObject().Select(p => p.Name).Where(k => !Known.Contains(k)).Select(k => $"config key '{k}' is not known to the target; ignored").ToList();
        if (!Uri.TryCreate(S("url") ?? "", UriKind.Absolute, out var url)) problems.Add("url (the Odoo address) is required");
        var protocolText = S("protocol") ?? "auto";
        if (!Enum.TryParse<OdooProtocol>(protocolText.Replace("-", ""), true, out var protocol)) problems.Add($"protocol '{protocolText}' is not one of auto, xmlrpc, jsonrpc, json2");
        var batch = Int(S("batch_size"), 500, problems, "batch_size", 1, 100_000);
        var maxLine = Int(S("max_line_bytes"), 16 * 1024 * 1024, problems, "max_line_bytes", 1024, 1024 * 1024 * 1024);
        if (B("verify_ref")) warnings.Add("verify_ref: every record is looked up by its key in Odoo before a create anyway; the flag changes nothing");
        OdooOptions? odoo = null;
        if (url is not null)
        {
            odoo = new OdooOptions
            {
                Url = url, Database = S("db") ?? "", Username = S("username") ?? "", Password = S("password"), ApiKey = S("api_key"), Protocol = protocol,
                Lang = S("lang") ?? "en_US",
            };
            if (S("timeout") is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                odoo = odoo with { Timeout = TimeSpan.FromSeconds(seconds) };
            problems.AddRange(odoo.Validate());
        }
        if (problems.Count > 0) throw new ArgumentException("target config: " + string.Join("; ", problems));
        var state = S("state_path") is { } sp
            ? Path.GetFullPath(sp, Path.GetDirectoryName(Path.GetFullPath(path))!)
            : Path.GetFullPath(path) + ".state.db";
        var flags = new Dictionary<string, bool> { ["export_buy_orders_as_draft"] = B("export_buy_orders_as_draft") };
        var settings = new Dictionary<string, string>();
        if (S("input_path") is { } input) settings["input_path"] = Path.GetFullPath(input, Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new TargetConfig(odoo!, state, flags, settings, new TargetOptions(batch, maxLine), warnings);
    }

    private static int Int(string? text, int fallback, List<string> problems, string key, int min, int max)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        problems.Add($"{key} must be a whole number from {min} to {max}");
        return fallback;
    }
}
