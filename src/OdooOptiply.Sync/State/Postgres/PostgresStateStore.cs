// The state store for many tenants on several workers: one PostgreSQL database, one schema, the tenant key
// on every row; pooled connections (one NpgsqlDataSource per database per process, migrated once).
// Leases are taken on the DATABASE's clock (now() in SQL; the caller's `now` is ignored), every new
// acquisition gets a higher epoch from a sequence, and a fenced store (FenceWrites) makes each write
// check, in the write's own transaction, that the lease row still holds its holder and epoch — with the
// row locked FOR SHARE, so a takeover waits for the write and a write after a takeover is refused.
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Npgsql;
using OdooOptiply.Sync.Bindings;

namespace OdooOptiply.Sync.State.Postgres;

public sealed class PostgresStateStore : IStateStore
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<NpgsqlDataSource>>> Sources = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource _db;
    private volatile Lease? _fence;

    private PostgresStateStore(NpgsqlDataSource db, string tenant) { _db = db; Tenant = tenant; }

    public string Tenant { get; }

    public static int LatestSchemaVersion => PostgresMigrations.All.Count;

    /// <summary>A store for <paramref name="tenant"/> in the database at <paramref name="url"/> (postgresql://…), migrated on first use.</summary>
    public static async Task<PostgresStateStore> OpenAsync(string url, string tenant, CancellationToken ct = default) =>
        new(await DataSourceAsync(url, ct), tenant);

    /// <summary>The process's pooled data source for <paramref name="url"/>, the schema migrated once. A failed open is retried next time.</summary>
    public static async Task<NpgsqlDataSource> DataSourceAsync(string url, CancellationToken ct = default)
    {
        var connectionString = PostgresStateUrl.ToConnectionString(url);
        var lazy = Sources.GetOrAdd(connectionString, cs => new Lazy<Task<NpgsqlDataSource>>(() => CreateAsync(cs, url)));
        try { return await lazy.Value.WaitAsync(ct); }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            Sources.TryRemove(new KeyValuePair<string, Lazy<Task<NpgsqlDataSource>>>(connectionString, lazy));
            throw;
        }
    }

    private static async Task<NpgsqlDataSource> CreateAsync(string connectionString, string url)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await MigrateAsync(source, url);
            return source;
        }
        catch (NpgsqlException e)
        {
            await source.DisposeAsync();
            throw new StateStoreException($"The PostgreSQL state database {PostgresStateUrl.Redact(url)} cannot be used: {e.Message}", e);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    // One transaction under a transaction-scoped advisory lock: workers that start together wait for the first to migrate.
    private static async Task MigrateAsync(NpgsqlDataSource source, string url)
    {
        await using var db = await source.OpenConnectionAsync();
        await using var tx = await db.BeginTransactionAsync();
        await db.ExecuteAsync("SELECT pg_advisory_xact_lock(7140014)", transaction: tx);
        await db.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", transaction: tx);
        var version = await db.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_version", transaction: tx) ?? 0;
        if (version > LatestSchemaVersion)
            throw new StateStoreException($"The PostgreSQL state database {PostgresStateUrl.Redact(url)} has schema version {version}, but this program knows only up to {LatestSchemaVersion}: it was written by a newer odoo-optiply. Upgrade the program.");
        for (var v = version; v < LatestSchemaVersion; v++)
        {
            await db.ExecuteAsync(PostgresMigrations.All[v], transaction: tx);
            await db.ExecuteAsync("INSERT INTO schema_version (version) VALUES (@v)", new { v = v + 1 }, tx);
        }
        await tx.CommitAsync();
    }

    private const int BindingPage = 5000;

    public async IAsyncEnumerable<Binding> GetBindingsAsync(string stream, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = "";
        while (true)
        {
            List<Binding> page;
            await using (var db = await _db.OpenConnectionAsync(ct))
                page = (await db.QueryAsync<Binding>(new CommandDefinition(
                    "SELECT stream, source_id AS SourceId, target_id AS TargetId, hash, synced_at AS SyncedAt FROM bindings " +
                    "WHERE tenant=@Tenant AND stream=@stream AND source_id > @after ORDER BY source_id LIMIT @BindingPage",
                    new { Tenant, stream, after, BindingPage }, cancellationToken: ct))).AsList();
            foreach (var b in page) yield return b;
            if (page.Count < BindingPage) yield break;
            after = page[^1].SourceId;
        }
    }

    public async Task<Binding?> GetBindingAsync(string stream, string sourceId, CancellationToken ct = default)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        return await db.QueryFirstOrDefaultAsync<Binding>(new CommandDefinition(
            "SELECT stream, source_id AS SourceId, target_id AS TargetId, hash, synced_at AS SyncedAt FROM bindings WHERE tenant=@Tenant AND stream=@stream AND source_id=@sourceId",
            new { Tenant, stream, sourceId }, cancellationToken: ct));
    }

    public Task SaveBindingsAsync(IReadOnlyCollection<Binding> bindings, CancellationToken ct = default)
    {
        if (bindings.Count == 0) return Task.CompletedTask;
        // The last of two bindings of one key wins, as with SQLite's INSERT OR REPLACE (ON CONFLICT refuses duplicates in one statement).
        var rows = bindings.GroupBy(b => (b.Stream, b.SourceId)).Select(g => g.Last()).ToList();
        return WriteAsync((db, tx) => db.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bindings (tenant, stream, source_id, target_id, hash, synced_at)
            SELECT @Tenant, * FROM unnest(@streams, @sources, @targets, @hashes, @at)
            ON CONFLICT (tenant, stream, source_id) DO UPDATE SET target_id=excluded.target_id, hash=excluded.hash, synced_at=excluded.synced_at
            """,
            new
            {
                Tenant, streams = rows.Select(b => b.Stream).ToArray(), sources = rows.Select(b => b.SourceId).ToArray(),
                targets = rows.Select(b => b.TargetId).ToArray(), hashes = rows.Select(b => b.Hash).ToArray(), at = rows.Select(b => Utc(b.SyncedAt)).ToArray(),
            }, tx, cancellationToken: ct)), ct);
    }

    public Task DeleteBindingsAsync(string stream, IReadOnlyCollection<string> sourceIds, CancellationToken ct = default) =>
        sourceIds.Count == 0 ? Task.CompletedTask : WriteAsync((db, tx) => db.ExecuteAsync(new CommandDefinition(
            "DELETE FROM bindings WHERE tenant=@Tenant AND stream=@stream AND source_id = ANY(@ids)",
            new { Tenant, stream, ids = sourceIds.ToArray() }, tx, cancellationToken: ct)), ct);

    public async Task<IdSpan> SpanOfIdsAsync(string stream, string prefix = "", CancellationToken ct = default)
    {
        // An id is the rest of the key after the prefix when it is digits without a leading zero that fit a bigint (a scan of the
        // tenant's space, on the database server).
        await using var db = await _db.OpenConnectionAsync(ct);
        var row = await db.QueryFirstAsync<(long, long, long?, long?)>(new CommandDefinition(
            """
            SELECT COUNT(*), COUNT(n), MIN(n), MAX(n) FROM (
              SELECT CASE WHEN left(source_id, @len) = @prefix AND substr(source_id, @len + 1) ~ '^[1-9][0-9]{0,17}$'
                          THEN substr(source_id, @len + 1)::bigint END AS n
              FROM bindings WHERE tenant=@Tenant AND stream=@stream) s
            """, new { Tenant, stream, prefix, len = prefix.Length }, cancellationToken: ct));
        return row.Item2 > 0 ? new IdSpan(row.Item1, row.Item2, row.Item3!.Value, row.Item4!.Value) : new IdSpan(row.Item1, 0, 0, 0);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountBindingsAsync(CancellationToken ct = default)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        return (await db.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT stream, COUNT(*) FROM bindings WHERE tenant=@Tenant GROUP BY stream", new { Tenant }, cancellationToken: ct)))
            .ToDictionary(r => r.Item1, r => r.Item2);
    }

    public async Task<Bookmark?> GetBookmarkAsync(string stream, CancellationToken ct = default)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        var row = await db.QueryFirstOrDefaultAsync<(DateTime, long)?>(new CommandDefinition(
            "SELECT write_date, last_id FROM bookmarks WHERE tenant=@Tenant AND stream=@stream", new { Tenant, stream }, cancellationToken: ct));
        return row is { } r ? new Bookmark(r.Item1, r.Item2) : null;
    }

    public async Task<IReadOnlyDictionary<string, Bookmark>> GetBookmarksAsync(CancellationToken ct = default)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        return (await db.QueryAsync<(string, DateTime, long)>(new CommandDefinition(
            "SELECT stream, write_date, last_id FROM bookmarks WHERE tenant=@Tenant", new { Tenant }, cancellationToken: ct)))
            .ToDictionary(r => r.Item1, r => new Bookmark(r.Item2, r.Item3));
    }

    public Task SaveBookmarkAsync(string stream, Bookmark? bookmark, CancellationToken ct = default) => WriteAsync((db, tx) => bookmark is null
        ? db.ExecuteAsync(new CommandDefinition("DELETE FROM bookmarks WHERE tenant=@Tenant AND stream=@stream", new { Tenant, stream }, tx, cancellationToken: ct))
        : db.ExecuteAsync(new CommandDefinition(
            "INSERT INTO bookmarks (tenant, stream, write_date, last_id) VALUES (@Tenant, @stream, @date, @id) " +
            "ON CONFLICT (tenant, stream) DO UPDATE SET write_date=excluded.write_date, last_id=excluded.last_id",
            new { Tenant, stream, date = Utc(bookmark.WriteDate), id = bookmark.LastId }, tx, cancellationToken: ct)), ct);

    public Task<long> SaveRunAsync(RunReport report, CancellationToken ct = default)
    {
        var fence = _fence;
        return WriteAsync((db, tx) => db.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO runs (tenant, started_at, finished_at, dry_run, succeeded, streams, holder, epoch) " +
            "VALUES (@Tenant, @s, @f, @d, @ok, @streams::jsonb, @holder, @epoch) RETURNING id",
            new
            {
                Tenant, s = Utc(report.StartedAt), f = Utc(report.FinishedAt), d = report.DryRun, ok = report.Succeeded,
                streams = JsonSerializer.Serialize(report.Streams), holder = fence?.Holder, epoch = fence?.Epoch,
            }, tx, cancellationToken: ct)), ct);
    }

    public async Task<IReadOnlyList<RunReport>> GetRecentRunsAsync(int count, CancellationToken ct = default)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        var rows = await db.QueryAsync<(long Id, DateTime StartedAt, DateTime FinishedAt, bool DryRun, string Streams)>(new CommandDefinition(
            "SELECT id, started_at, finished_at, dry_run, streams::text FROM runs WHERE tenant=@Tenant ORDER BY id DESC LIMIT @count",
            new { Tenant, count }, cancellationToken: ct));
        return rows.Select(r => new RunReport(Tenant, r.StartedAt, r.FinishedAt, r.DryRun,
            JsonSerializer.Deserialize<List<StreamReport>>(r.Streams)!, r.Id)).ToList();
    }

    public async Task<string?> GetValueAsync(string key, CancellationToken ct = default)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        return await db.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT value FROM kv WHERE tenant=@Tenant AND key=@key", new { Tenant, key }, cancellationToken: ct));
    }

    public Task SetValueAsync(string key, string? value, CancellationToken ct = default) => WriteAsync((db, tx) => value is null
        ? db.ExecuteAsync(new CommandDefinition("DELETE FROM kv WHERE tenant=@Tenant AND key=@key", new { Tenant, key }, tx, cancellationToken: ct))
        : db.ExecuteAsync(new CommandDefinition(
            "INSERT INTO kv (tenant, key, value) VALUES (@Tenant, @key, @value) ON CONFLICT (tenant, key) DO UPDATE SET value=excluded.value",
            new { Tenant, key, value }, tx, cancellationToken: ct)), ct);

    // One statement: insert the lease, or take over the row when it is ours (renewed, same epoch), held by the holder known
    // dead, or expired — all judged by the database's now(). When it is another's, the row as it stands is returned; a
    // row that appeared after the statement's snapshot (a concurrent first acquisition) is read again.
    public async Task<Lease> AcquireLeaseAsync(string job, string holder, DateTime now, TimeSpan ttl, CancellationToken ct = default, string? replacing = null)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var lease = await db.QueryFirstOrDefaultAsync<Lease>(new CommandDefinition(
                """
                WITH taken AS (
                    INSERT INTO leases AS l (tenant, job, holder, acquired_at, expires_at, epoch)
                    VALUES (@Tenant, @job, @holder, now(), now() + @ttlMs * interval '1 millisecond', nextval('lease_epochs'))
                    ON CONFLICT (tenant, job) DO UPDATE SET
                        holder = excluded.holder,
                        acquired_at = CASE WHEN l.holder = excluded.holder THEN l.acquired_at ELSE excluded.acquired_at END,
                        expires_at = excluded.expires_at,
                        epoch = CASE WHEN l.holder = excluded.holder THEN l.epoch ELSE excluded.epoch END
                    WHERE l.holder = excluded.holder OR l.holder = @replacing OR l.expires_at <= now()
                    RETURNING job, holder, acquired_at, expires_at, epoch)
                SELECT job AS Job, holder AS Holder, acquired_at AS AcquiredAt, expires_at AS ExpiresAt, epoch AS Epoch FROM taken
                UNION ALL
                SELECT job, holder, acquired_at, expires_at, epoch FROM leases
                WHERE tenant=@Tenant AND job=@job AND NOT EXISTS (SELECT 1 FROM taken)
                """,
                new { Tenant, job, holder, ttlMs = (long)ttl.TotalMilliseconds, replacing }, cancellationToken: ct));
            if (lease is not null) return lease;
            if (attempt == 5) throw new StateStoreException($"tenant {Tenant}: the {job} lease could not be read after 5 attempts");
        }
    }

    public async Task<bool> RenewLeaseAsync(string job, string holder, DateTime now, TimeSpan ttl, CancellationToken ct = default)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        return await db.ExecuteAsync(new CommandDefinition(
            "UPDATE leases SET expires_at = now() + @ttlMs * interval '1 millisecond' WHERE tenant=@Tenant AND job=@job AND holder=@holder",
            new { Tenant, job, holder, ttlMs = (long)ttl.TotalMilliseconds }, cancellationToken: ct)) == 1;
    }

    public async Task ReleaseLeaseAsync(string job, string holder, CancellationToken ct = default)
    {
        await using var db = await _db.OpenConnectionAsync(ct);
        await db.ExecuteAsync(new CommandDefinition(
            "DELETE FROM leases WHERE tenant=@Tenant AND job=@job AND holder=@holder", new { Tenant, job, holder }, cancellationToken: ct));
    }

    public void FenceWrites(Lease? lease) => _fence = lease;

    /// <summary>One write in one transaction; when fenced, the lease row is first locked FOR SHARE and must still be ours.</summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, CancellationToken ct)
    {
        var fence = _fence;
        await using var db = await _db.OpenConnectionAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        if (fence is not null)
        {
            var held = await db.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM (SELECT 1 FROM leases WHERE tenant=@Tenant AND job=@Job AND holder=@Holder AND epoch=@Epoch FOR SHARE) l",
                new { Tenant, fence.Job, fence.Holder, fence.Epoch }, tx, cancellationToken: ct));
            if (held != 1) throw new LeaseLostException(Tenant, fence);
        }
        var result = await write(db, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : t.ToUniversalTime();

    /// <summary>The data source is shared by every store of the process (pooled): nothing to close per tenant.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
