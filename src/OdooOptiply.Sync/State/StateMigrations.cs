// The state database's schema, as an ordered list of migrations. Version N is reached by running
// migrations 1..N; the applied version lives in schema_version. Add migrations; never edit one.
namespace OdooOptiply.Sync.State;

internal static class StateMigrations
{
    public static readonly IReadOnlyList<string> All =
    [
        // 1: bindings, bookmarks, runs, per-stream run reports, key/value.
        """
        CREATE TABLE bindings (
            tenant TEXT NOT NULL, stream TEXT NOT NULL, source_id TEXT NOT NULL,
            target_id TEXT NOT NULL, hash TEXT NOT NULL, synced_at TEXT NOT NULL,
            PRIMARY KEY (tenant, stream, source_id)) WITHOUT ROWID;
        CREATE TABLE bookmarks (
            tenant TEXT NOT NULL, stream TEXT NOT NULL, write_date TEXT NOT NULL, last_id INTEGER NOT NULL,
            PRIMARY KEY (tenant, stream));
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL, dry_run INTEGER NOT NULL, succeeded INTEGER NOT NULL);
        CREATE INDEX runs_tenant ON runs (tenant, id);
        CREATE TABLE run_streams (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, stream TEXT NOT NULL, status TEXT NOT NULL,
            read INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL,
            unchanged INTEGER NOT NULL, skipped INTEGER NOT NULL, failed INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
            full_read INTEGER NOT NULL, skip_reasons TEXT NOT NULL, errors TEXT NOT NULL,
            PRIMARY KEY (run_id, stream));
        CREATE TABLE kv (tenant TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (tenant, key));
        """,
        // 2: tenant-job leases, so two processes (a manual sync/export and the daemon) never run one tenant at once.
        """
        CREATE TABLE leases (
            tenant TEXT NOT NULL, job TEXT NOT NULL, holder TEXT NOT NULL, acquired_at TEXT NOT NULL, expires_at TEXT NOT NULL,
            PRIMARY KEY (tenant, job));
        """,
        // 3: the adoption report of a stream's run (JSON, null when the run adopted nothing).
        """
        ALTER TABLE run_streams ADD COLUMN adoption TEXT;
        """,
        // 4: the lease's epoch (fencing token): a new acquisition gets a higher one, writes of a fenced run check it (issue 14).
        """
        ALTER TABLE leases ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
        """,
    ];
}
