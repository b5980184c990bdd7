// The PostgreSQL state database's schema, as an ordered list of migrations (the SQLite store has its own
// list, StateMigrations). One schema for every tenant: the tenant key is on every row. Version N is
// reached by running migrations 1..N under an advisory lock, so workers starting together migrate once.
// Add migrations; never edit one.
namespace OdooOptiply.Sync.State.Postgres;

internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<string> All =
    [
        // 1: bindings, bookmarks, runs (per-stream reports as JSON), key/value, leases with their epoch sequence.
        """
        CREATE TABLE bindings (
            tenant text NOT NULL, stream text NOT NULL, source_id text COLLATE "C" NOT NULL,
            target_id text NOT NULL, hash text NOT NULL, synced_at timestamptz NOT NULL,
            PRIMARY KEY (tenant, stream, source_id));
        CREATE TABLE bookmarks (
            tenant text NOT NULL, stream text NOT NULL, write_date timestamptz NOT NULL, last_id bigint NOT NULL,
            PRIMARY KEY (tenant, stream));
        CREATE TABLE runs (
            id bigserial PRIMARY KEY, tenant text NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL,
            dry_run boolean NOT NULL, succeeded boolean NOT NULL, streams jsonb NOT NULL,
            holder text NULL, epoch bigint NULL, saved_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX runs_tenant ON runs (tenant, id);
        CREATE TABLE kv (tenant text NOT NULL, key text NOT NULL, value text NOT NULL, PRIMARY KEY (tenant, key));
        CREATE TABLE leases (
            tenant text NOT NULL, job text NOT NULL, holder text NOT NULL,
            acquired_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, epoch bigint NOT NULL,
            PRIMARY KEY (tenant, job));
        CREATE SEQUENCE lease_epochs;
        """,
        // 2: Quartz.NET's AdoJobStore tables (the daemon's cluster mode, DaemonHost), as Quartz's PostgreSQL script
        // defines them, without its drops. Column names are Quartz's contract; do not rename.
        QuartzTables.Ddl,
        // 3: tenants kept in the database instead of a folder (run --tenants-table): one row a tenant, its tenant file's
        // JSON as it would be on disk (the same loader reads it; secrets as ${VAR} or KEY_file, never in the row).
        """
        CREATE TABLE tenant_configs (tenant text PRIMARY KEY, config text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
        """,
    ];
}
