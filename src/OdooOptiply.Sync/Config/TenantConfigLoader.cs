// Loads a tenant JSON file into a TenantConfig and reports EVERY problem with the key's name and what is
// expected. Flags sit at the top level, spelled exactly as the mission document spells them; the current
// tap's flat config (connection keys at the top level too) is read as it is (FlatConfig). Secrets: a string
// value may be "${ENV_NAME}", or KEY_file naming a file that holds it; a key left out is read from its
// well-known environment variable (SecretVariables).
using OdooOptiply.Odoo;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Sync.Config;

public sealed record ConfigLoadResult(TenantConfig? Config, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings)
{
    /// <summary>What the loader did that the user should know (a flat config's key moved into its section).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public TenantConfig GetOrThrow() => Config ?? throw new TenantConfigException(Problems);
}

public sealed class TenantConfigException(IReadOnlyList<string> problems)
    : Exception("The tenant configuration has problems:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

public static partial class TenantConfigLoader
{
    /// <summary>Environment variables read when a secret key is absent from the file.</summary>
    public static class SecretVariables
    {
        public const string OdooPassword = "ODOO_PASSWORD";
        public const string OdooApiKey = "ODOO_API_KEY";
        public const string OptiplyClientSecret = "OPTIPLY_CLIENT_SECRET";
        public const string OptiplyPassword = "OPTIPLY_PASSWORD";
        public const string OptiplyClientId = "OPTIPLY_CLIENT_ID";
        public const string OptiplyUsername = "OPTIPLY_USERNAME";
    }

    public static readonly IReadOnlyList<string> Protocols = ["auto", "xmlrpc", "jsonrpc", "json2"];

    public static ConfigLoadResult Load(string path, Func<string, string?>? env = null)
    {
        if (!File.Exists(path)) return new(null, [$"config file not found: {path}"], []);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Parse(File.ReadAllText(path), dir, Path.GetFileNameWithoutExtension(path), env);
    }

    public static ConfigLoadResult Parse(string json, string baseDirectory, string defaultName, Func<string, string?>? env = null)
    {
        if (Normalise(json) is not ({ } root, var notes)) return new(null, [NotJson(json)], []);
        var problems = new List<string>();
        using var doc = JsonDocument.Parse(root.ToJsonString());
        var reader = new ConfigReader(doc.RootElement, "", problems, env ?? Environment.GetEnvironmentVariable, baseDirectory);
        var name = reader.String("tenant") ?? defaultName;
        ConfigReader odooSection = reader.Section("odoo"), optiplySection = reader.Section("optiply"), schedule = reader.Section("schedule");
        var odoo = ReadOdoo(odooSection);
        var optiply = ReadOptiply(optiplySection);
        var flagSections = new List<ConfigReader>();
        var flags = FlagReader.Read(reader, flagSections);
        var run = ReadRun(reader, schedule, baseDirectory, name);
        var warnings = new List<string>();
        foreach (var r in new[] { reader, odooSection, optiplySection, schedule }.Concat(flagSections)) r.ReportUnknownKeys(warnings);
        var config = problems.Count == 0 ? new TenantConfig(name, odoo!, optiply!, flags, run) : null;
        return new(config, problems, warnings) { Notes = notes };
    }

    /// <summary>One connection section ("odoo" or "optiply") of a tenant file as plain strings, read by the same rules as a
    /// sync (flat config, ${VAR}, KEY_file): for the debugging commands, which need one side only. Empty when the file has
    /// no such section; problems name every key that could not be read.</summary>
    public static (IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Problems) LoadSection(string path, string section,
        Func<string, string?>? env = null)
    {
        if (!File.Exists(path)) return (new Dictionary<string, string>(), [$"config file not found: {path}"]);
        var json = File.ReadAllText(path);
        if (Normalise(json) is not ({ } root, _)) return (new Dictionary<string, string>(), [NotJson(json)]);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        if (root[section] is not JsonObject obj) return (values, problems);
        using var doc = JsonDocument.Parse(obj.ToJsonString());
        var reader = new ConfigReader(doc.RootElement, section + ".", problems, env ?? Environment.GetEnvironmentVariable,
            Path.GetDirectoryName(Path.GetFullPath(path)));
        foreach (var key in obj.Select(p => p.Key.EndsWith("_file", StringComparison.Ordinal) ? p.Key[..^5] : p.Key).Distinct())
            if (obj[key] is null or JsonValue || obj.ContainsKey(key + "_file"))
                if (reader.String(key) is { } value) values[key] = value;
        return (values, problems);
    }

    // The file as a JSON object with a flat config's keys moved into their sections; null when it is not one JSON object.
    private static (JsonObject? Root, IReadOnlyList<string> Notes) Normalise(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException) { return (null, []); }
        if (node is not JsonObject root) return (null, []);
        return (root, FlatConfig.IsFlat(root) ? FlatConfig.Nest(root) : []);
    }

    private static string NotJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return "the file must hold one JSON object";
        }
        catch (JsonException e) { return $"not valid JSON (line {e.LineNumber + 1}): {e.Message.Split(" Path:")[0]}"; }
    }

    private static OdooConnection? ReadOdoo(ConfigReader r)
    {
        var url = r.AbsoluteUrl("url", required: true);
        var db = r.String("db", required: true);
        var user = r.String("username", required: true);
        var password = r.String("password", envFallback: SecretVariables.OdooPassword);
        var apiKey = r.String("api_key", envFallback: SecretVariables.OdooApiKey);
        if (password is null && apiKey is null)
            r.Problem("password", $"either odoo.password or odoo.api_key is required (or {SecretVariables.OdooPassword} / {SecretVariables.OdooApiKey})");
        var protocol = (r.String("protocol") ?? "auto").ToLowerInvariant();
        if (!Protocols.Contains(protocol)) r.Problem("protocol", $"expected one of {string.Join(", ", Protocols)}, got \"{protocol}\"");
        if (protocol == "json2" && apiKey is null) r.Problem("api_key", "protocol json2 (Odoo 19's external API) authenticates with an API key only; set odoo.api_key");
        var pageSize = r.Has("page_size") ? r.Int("page_size", OdooDefaults.PageSize, 1, 100_000) : (int?)null;
        var insecure = r.Bool("insecure_skip_tls_verify", false);
        // How long one call may spend waiting between retries in all (default OdooDefaults.MaxTotalWait, 10 min).
        var maxWait = r.Has("max_total_wait_seconds") ? r.Int("max_total_wait_seconds", 600, 0, 24 * 3600) : (int?)null;
        // The largest answer one call may receive (counted after decompression); default 256 MiB.
        var maxMb = r.Has("max_response_mb") ? r.Int("max_response_mb", 256, 1, 4096) : (int?)null;
        // Requests at once on a full read (issue 16): opt-in per tenant, a customer's server is not ours to flood.
        var maxConnections = r.Int("max_connections", OdooDefaults.MaxConnections, 1, OdooDefaults.MaxConnectionsCap);
        return url is null || db is null || user is null ? null
            : new OdooConnection(url, db, user, password, apiKey, protocol, pageSize, insecure, maxWait, maxMb, maxConnections);
    }

    private static OptiplyConnection? ReadOptiply(ConfigReader r)
    {
        var clientId = r.String("client_id", required: true, envFallback: SecretVariables.OptiplyClientId);
        var clientSecret = r.String("client_secret", required: true, envFallback: SecretVariables.OptiplyClientSecret);
        var user = r.String("username", required: true, envFallback: SecretVariables.OptiplyUsername);
        var password = r.String("password", required: true, envFallback: SecretVariables.OptiplyPassword);
        var account = r.PositiveLong("account_id");
        var coupling = r.PositiveLong("coupling_id");
        var baseUrl = r.AbsoluteUrl("base_url", false, OdooOptiply.Optiply.OptiplyConstants.DefaultBaseUrl);
        var tokenUrl = r.AbsoluteUrl("token_url", false, OdooOptiply.Optiply.OptiplyConstants.DefaultTokenUrl);
        var rate = r.Int("requests_per_second", 5, 1, 1000);
        if (clientId is null || clientSecret is null || user is null || password is null || baseUrl is null || tokenUrl is null) return null;
        var maxMb = r.Has("max_response_mb") ? r.Int("max_response_mb", 256, 1, 4096) : (int?)null;
        return new OptiplyConnection(clientId, clientSecret, user, password, account, coupling, baseUrl, tokenUrl, rate, r.Bool("insecure_skip_tls_verify", false), maxMb);
    }

    private static RunSettings ReadRun(ConfigReader root, ConfigReader schedule, string baseDirectory, string tenant)
    {
        var run = new RunSettings();
        DateTime? start = null;
        var startText = root.String("start_date");
        if (startText is not null)
        {
            if (DateTime.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)) start = d;
            else root.Problem("start_date", $"expected a date such as 2024-01-01, got \"{startText}\"");
        }
        var full = root.Names("full_sync_streams") ?? [];
        foreach (var s in full.Where(s => !StreamNames.All.Contains(s)))
            root.Problem("full_sync_streams", $"unknown stream \"{s}\"; streams are {string.Join(", ", StreamNames.All)}");
        var state = root.String("state");
        if (state is not null && !State.Postgres.PostgresStateUrl.IsPostgres(state))
            root.Problem("state", "expected a postgresql://user:password@host:port/database URL (leave it out for the SQLite file at state_path)");
        var statePath = root.String("state_path") ?? Path.Combine("state", SafeFileName().Replace(tenant, "_") + ".db");
        run = run with
        {
            StartDate = start,
            FullSyncStreams = full.ToHashSet(),
            State = state,
            StatePath = Path.IsPathRooted(statePath) ? statePath : Path.GetFullPath(Path.Combine(baseDirectory, statePath)),
            PullMinutes = schedule.Int("pull_minutes", run.PullMinutes, 1, 24 * 60),
            ExportMinutes = schedule.Int("export_minutes", run.ExportMinutes, 1, 24 * 60),
            ReconcileHours = schedule.Int("reconcile_hours", run.ReconcileHours, 1, 24 * 365),
            OverlapSeconds = root.Int("overlap_seconds", run.OverlapSeconds, 0, 24 * 3600),
        };
        return run;
    }

    [GeneratedRegex(@"[^A-Za-z0-9_.-]")]
    private static partial Regex SafeFileName();
}
