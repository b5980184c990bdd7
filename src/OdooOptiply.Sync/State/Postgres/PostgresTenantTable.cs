// Tenants from a table (run --tenants-table): the rows of tenant_configs in the state database, each a tenant
// file's JSON. The daemon reads them again on every scan, so a row inserted, updated or deleted takes effect
// without a restart, as a file in the tenant folder does.
using Dapper;

namespace OdooOptiply.Sync.State.Postgres;

public static class PostgresTenantTable
{
    public sealed record Row(string Tenant, string Config);

    /// <summary>Every tenant row, by name (the schema is migrated first, so a new database answers an empty list).</summary>
    public static async Task<IReadOnlyList<Row>> ReadAllAsync(string url, CancellationToken ct = default)
    {
        var source = await PostgresStateStore.DataSourceAsync(url, ct);
        await using var db = await source.OpenConnectionAsync(ct);
        return (await db.QueryAsync<Row>(new CommandDefinition("SELECT tenant, config FROM tenant_configs ORDER BY tenant", cancellationToken: ct))).AsList();
    }

    /// <summary>Inserts or replaces one tenant's configuration (what an operator's script or a test does).</summary>
    public static async Task PutAsync(string url, string tenant, string config, CancellationToken ct = default)
    {
        var source = await PostgresStateStore.DataSourceAsync(url, ct);
        await using var db = await source.OpenConnectionAsync(ct);
        await db.ExecuteAsync(new CommandDefinition(
            "INSERT INTO tenant_configs (tenant, config) VALUES (@tenant, @config) ON CONFLICT (tenant) DO UPDATE SET config = excluded.config, updated_at = now()",
            new { tenant, config }, cancellationToken: ct));
    }

    public static async Task DeleteAsync(string url, string tenant, CancellationToken ct = default)
    {
        var source = await PostgresStateStore.DataSourceAsync(url, ct);
        await using var db = await source.OpenConnectionAsync(ct);
        await db.ExecuteAsync(new CommandDefinition("DELETE FROM tenant_configs WHERE tenant = @tenant", new { tenant }, cancellationToken: ct));
    }
}
