// One tenant's configuration: how to reach Odoo and Optiply, the flags, and how the engine runs.
// Loaded and validated by TenantConfigLoader; secrets are redacted from every ToString.
namespace OdooOptiply.Sync.Config;

public sealed record TenantConfig(
    string Name,
    OdooConnection Odoo,
    OptiplyConnection Optiply,
    SyncFlags Flags,
    RunSettings Run);

/// <summary>The "odoo" section. Protocol: auto | xmlrpc | jsonrpc | json2.</summary>
public sealed record OdooConnection(
    Uri Url, string Database, string Username, string? Password, string? ApiKey, string Protocol, int? PageSize,
    bool InsecureSkipTlsVerify = false, int? MaxTotalWaitSeconds = null, int? MaxResponseMb = null, int MaxConnections = OdooOptiply.Odoo.OdooDefaults.MaxConnections)
{
    public override string ToString() =>
        $"OdooConnection {{ Url = {Url}, Database = {Database}, Username = {Username}, Password = {Redacted.Mark(Password)}, ApiKey = {Redacted.Mark(ApiKey)}, Protocol = {Protocol} }}";
}

/// <summary>The "optiply" section.</summary>
public sealed record OptiplyConnection(
    string ClientId, string ClientSecret, string Username, string Password,
    long? AccountId, long? CouplingId, Uri BaseUrl, Uri TokenUrl, double RequestsPerSecond = 5, bool InsecureSkipTlsVerify = false, int? MaxResponseMb = null)
{

    public override string ToString() =>
        $"OptiplyConnection {{ ClientId = {ClientId}, ClientSecret = {Redacted.Mark(ClientSecret)}, Username = {Username}, Password = {Redacted.Mark(Password)}, AccountId = {AccountId}, CouplingId = {CouplingId}, BaseUrl = {BaseUrl} }}";
}

/// <summary>How the engine runs: history window, forced full reads, state location, schedule.</summary>
public sealed record RunSettings
{
    /// <summary>start_date: orders placed before it are not read. Null = DefaultHistoryDays before now.</summary>
    public DateTime? StartDate { get; init; }
    public const int DefaultHistoryDays = 730;
    /// <summary>full_sync_streams: streams that always read everything instead of incrementally.</summary>
    public IReadOnlySet<string> FullSyncStreams { get; init; } = new HashSet<string>();
    /// <summary>state_path: the SQLite file (default state/&lt;tenant&gt;.db next to the config file).</summary>
    public string StatePath { get; init; } = "state.db";
    /// <summary>state: a postgresql://… URL (one database for every tenant, issue 14), or null for the SQLite file at StatePath.
    /// The ODOO_OPTIPLY_STATE environment variable, when set, takes its place (StateStores).</summary>
    public string? State { get; init; }
    /// <summary>schedule.pull_minutes: Odoo → Optiply interval. 5: an idle poll costs a few small calls (docs/sync.md).</summary>
    public int PullMinutes { get; init; } = 5;
    /// <summary>schedule.export_minutes: buy order export interval.</summary>
    public int ExportMinutes { get; init; } = 15;
    /// <summary>schedule.reconcile_hours: a full read of every stream at least this often (daily).</summary>
    public int ReconcileHours { get; init; } = 24;
    /// <summary>overlap_seconds: incremental reads restart this far before the bookmark.</summary>
    public int OverlapSeconds { get; init; } = 300;

    public DateTime EffectiveStartDate(DateTime nowUtc) => StartDate ?? nowUtc.Date.AddDays(-DefaultHistoryDays);
}

internal static class Redacted
{
    public static string Mark(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
