// The tap's config file, read as tap-odoo's is (flat keys: url, db, username, password, start_date,
// full_sync_streams, language, ignore_list) plus this program's own optional keys (api_key, protocol,
// page_size, timeout). Every key is documented in docs/singer.md; unknown keys are warnings, since
// runners such as hotglue add keys of their own. Problems are collected, all reported at once.
using System.Globalization;
using System.Text.Json;
using OdooOptiply.Odoo;

namespace OdooOptiply.Singer.Tap;

public sealed record TapConfig
{
    public required OdooOptions Odoo { get; init; }
    /// <summary>Incremental streams without a bookmark read records written at or after this instant (UTC).</summary>
    public DateTime? StartDate { get; init; }
    /// <summary>Streams read in full every run (bookmark ignored), wrapped in ACTIVATE_VERSION.</summary>
    public IReadOnlySet<string> FullSyncStreams { get; init; } = new HashSet<string>();
    /// <summary>Fields never requested nor put in a schema: (stream name or model or "*") → field names.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> IgnoreList { get; init; } = new Dictionary<string, IReadOnlySet<string>>();
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public const string DefaultLanguage = "en_US";

    private static readonly HashSet<string> Known =
        ["url", "db", "database", "username", "password", "api_key", "protocol", "start_date", "full_sync_streams", "language", "ignore_list", "page_size", "timeout"];

    /// <summary>The fields ignored for one stream: its own entry, its model's entry and the entries for every stream.</summary>
    public IReadOnlySet<string> IgnoredFor(TapStream stream)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in new[] { "*", stream.Name, stream.Model })
            if (IgnoreList.TryGetValue(key, out var fields)) set.UnionWith(fields);
        return set;
    }

    public static TapConfig Load(string path)
    {
        if (!File.Exists(path)) throw new TapConfigException($"config file '{path}' does not exist");
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new TapConfigException($"config file '{path}' cannot be read: {e.Message}"); }
        return Parse(text, Path.GetFileName(path));
    }

    public static TapConfig Parse(string json, string name = "config")
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new TapConfigException($"{name} is not valid JSON: {e.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new TapConfigException($"{name} must be a JSON object");
            var problems = new List<string>();
            var warnings = new List<string>();
            string? Str(string key)
            {
                if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind == JsonValueKind.String) return v.GetString();
                if (v.ValueKind == JsonValueKind.Number) return v.GetRawText();
                problems.Add($"{key}: expected a string");
                return null;
            }
            var url = Str("url")?.Trim();
            Uri? uri = null;
            if (string.IsNullOrEmpty(url)) problems.Add("url: required (the Odoo address, e.g. https://acme.odoo.com)");
            else
            {
                // tap-odoo configs sometimes hold a bare host name; Odoo Online and most servers answer on https.
                if (!url.Contains("://", StringComparison.Ordinal)) url = "https://" + url;
                if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out uri)) problems.Add($"url: '{url}' is not an address");
            }
            var db = Str("db") ?? Str("database");
            if (string.IsNullOrWhiteSpace(db)) problems.Add("db: required (the database name)");
            var password = Str("password");
            var apiKey = Str("api_key");
            if (string.IsNullOrEmpty(password) && string.IsNullOrEmpty(apiKey)) problems.Add("password: required (or api_key)");
            var protocolText = Str("protocol") ?? "auto";
            if (!Enum.TryParse<OdooProtocol>(protocolText.Replace("-", "").Replace("_", ""), ignoreCase: true, out var protocol))
                problems.Add($"protocol: '{protocolText}' is not one of auto, xmlrpc, jsonrpc, json2");
            var language = Str("language") ?? DefaultLanguage;
            if (!OdooOptions.IsLangCode(language)) problems.Add($"language: '{language}' is not an Odoo language code (xx_XX, e.g. nl_NL)");
            DateTime? start = null;
            if (Str("start_date") is { Length: > 0 } startText)
            {
                if (DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var s))
                    start = s.UtcDateTime;
                else problems.Add($"start_date: '{startText}' is not a date (e.g. 2024-01-01T00:00:00Z)");
            }
            var pageSize = OdooDefaults.PageSize;
            if (Str("page_size") is { } ps && (!int.TryParse(ps, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > 100_000))
                problems.Add($"page_size: '{ps}' must be a whole number from 1 to 100000");
            var timeout = OdooDefaults.Timeout;
            if (Str("timeout") is { } ts)
            {
                if (double.TryParse(ts, CultureInfo.InvariantCulture, out var sec) && sec > 0) timeout = TimeSpan.FromSeconds(sec);
                else problems.Add($"timeout: '{ts}' must be a positive number of seconds");
            }
            var full = StreamList(root, "full_sync_streams", problems);
            foreach (var s in full.Where(s => TapStreams.Find(s) is null))
                warnings.Add($"full_sync_streams: '{s}' is not a stream of this tap ({string.Join(", ", TapStreams.All.Select(x => x.Name))})");
            var ignore = IgnoreListOf(root, problems);
            foreach (var p in root.EnumerateObject().Where(p => !Known.Contains(p.Name)))
                warnings.Add($"{p.Name}: unknown key, ignored");
            if (problems.Count > 0) throw new TapConfigException($"{name}: " + string.Join("; ", problems));
            var odoo = new OdooOptions
            {
                Url = uri!, Database = db!, Username = Str("username") ?? "", Password = password, ApiKey = apiKey, Protocol = protocol,
                Lang = language, PageSize = pageSize, Timeout = timeout,
                // tap-odoo's backoff: 8 tries, factor 3 (OdooDefaults keeps exactly that).
                MaxRetries = OdooDefaults.MaxRetries, BackoffFactor = OdooDefaults.BackoffFactor,
                IgnoreFields = ModelIgnores(ignore),
            };
            var optionProblems = odoo.Validate();
            if (optionProblems.Count > 0) throw new TapConfigException($"{name}: " + string.Join("; ", optionProblems));
            return new TapConfig { Odoo = odoo, StartDate = start, FullSyncStreams = full, IgnoreList = ignore, Warnings = warnings };
        }
    }

    // A list of stream names as a JSON array or a comma-separated string (both are seen in hotglue configs).
    private static HashSet<string> StreamList(JsonElement root, string key, List<string> problems)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return set;
        if (v.ValueKind == JsonValueKind.String)
            foreach (var s in v.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) set.Add(s);
        else if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
            foreach (var s in v.EnumerateArray()) set.Add(s.GetString()!.Trim());
        else problems.Add($"{key}: expected a list of stream names");
        return set;
    }

    // ignore_list: ["field", "stream.field", "model.name.field"] or {"stream or model": ["field", ...]}; a bare field applies everywhere.
    private static Dictionary<string, IReadOnlySet<string>> IgnoreListOf(JsonElement root, List<string> problems)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string scope, string field) { if (field.Length > 0) (map.TryGetValue(scope, out var s) ? s : map[scope] = new(StringComparer.Ordinal)).Add(field); }
        if (!root.TryGetProperty("ignore_list", out var v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind == JsonValueKind.String) v = JsonDocument.Parse(JsonSerializer.Serialize(v.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).RootElement;
        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
            foreach (var item in v.EnumerateArray().Select(x => x.GetString()!.Trim()))
            {
                var dot = item.LastIndexOf('.');
                if (dot < 0) Add("*", item);
                else Add(item[..dot], item[(dot + 1)..]);
            }
        else if (v.ValueKind == JsonValueKind.Object)
            foreach (var p in v.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
                    foreach (var f in p.Value.EnumerateArray()) Add(p.Name, f.GetString()!.Trim());
                else problems.Add($"ignore_list.{p.Name}: expected a list of field names");
            }
        else problems.Add("ignore_list: expected a list of field names (\"field\", \"stream.field\" or \"model.field\") or an object of lists");
        return map.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value, StringComparer.Ordinal);
    }

    // Entries for every stream ("*") or for a model are also given to the client, which then never requests them on that model;
    // an entry for one stream only leaves the field out of that stream's schema (two streams may read one model).
    private static Dictionary<string, IReadOnlySet<string>> ModelIgnores(IReadOnlyDictionary<string, IReadOnlySet<string>> ignore)
    {
        var byModel = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var stream in TapStreams.All)
        {
            var set = byModel.TryGetValue(stream.Model, out var s) ? s : byModel[stream.Model] = new(StringComparer.Ordinal);
            foreach (var key in new[] { "*", stream.Model })
                if (ignore.TryGetValue(key, out var fields)) set.UnionWith(fields.Where(f => f is not ("id" or "write_date")));
        }
        return byModel.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value);
    }
}

/// <summary>The config cannot be used; the message names every key at fault (and never a secret's value).</summary>
public sealed class TapConfigException(string message) : Exception(message);
