// Opens a tenant's state store from its config: PostgreSQL when the ODOO_OPTIPLY_STATE environment
// variable or the config's `state` holds a postgresql:// URL (the variable wins: a deployment points every
// tenant at one database without editing tenant files), else the tenant's SQLite file (state_path).
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State.Postgres;

namespace OdooOptiply.Sync.State;

public static class StateStores
{
    /// <summary>The PostgreSQL URL the tenant's state lives at, or null for SQLite.</summary>
    public static string? PostgresUrl(TenantConfig config) =>
        Environment.GetEnvironmentVariable(PostgresStateUrl.Variable) is { Length: > 0 } env ? env : config.Run.State;

    public static async Task<IStateStore> OpenAsync(TenantConfig config, CancellationToken ct = default) =>
        PostgresUrl(config) is { } url
            ? await PostgresStateStore.OpenAsync(url, config.Name, ct)
            : await SqliteStateStore.OpenAsync(config.Run.StatePath, config.Name, ct);

    /// <summary>Where the state is, for messages (the URL without its password).</summary>
    public static string Describe(TenantConfig config) => PostgresUrl(config) is { } url ? PostgresStateUrl.Redact(url) : config.Run.StatePath;
}
