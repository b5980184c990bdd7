// The default state store: one SQLite file (WAL mode) per tenant, opened once per process, schema
// migrated on open. A file that is not a database, is corrupt, or was written by a newer program
// (higher schema version) is refused with a message that says which and what to do. Writes of a fenced
// run (FenceWrites) check the lease row inside their own write transaction (BEGIN IMMEDIATE: SQLite's
// write lock makes the check and the write one step across processes).
using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using OdooOptiply.Sync.Bindings;

namespace OdooOptiply.Sync.State;

public sealed class SqliteStateStore : IStateStore
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fffffff";
    private readonly SqliteConnection _db;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Lease? _fence;

    private readonly string _path;

    private SqliteStateStore(SqliteConnection db, string tenant, string path) { _db = db; Tenant = tenant; _path = path; }

    public string Tenant { get; }

    /// <summary>Opens (creating when absent) and migrates the state database at <paramref name="path"/>.</summary>
    public static async Task<SqliteStateStore> OpenAsync(string path, string tenant, CancellationToken ct = default)
    {
        CheckPath(path);
        CreateOwnerOnly(path);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            await db.OpenAsync(ct);
            await db.ExecuteAsync("PRAGMA busy_timeout=5000;");
            // Checked and migrated before WAL is switched on, so a file that is refused is left byte for byte as it was.
            await MigrateAsync(db, path);
            await db.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
            await EnsureIdIndexAsync(db);
            return new SqliteStateStore(db, tenant, path);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11)
        {
            await db.DisposeAsync();
            throw new StateStoreException($"The state database {path} is not a SQLite database or is corrupt ({e.Message}). " + NewFileNote, e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 14)
        {
            await db.DisposeAsync();
            throw new StateStoreException($"The state database {path} cannot be opened ({e.Message}): is it a directory, or is its folder not writable?", e);
        }
        catch (SqliteException e) when (Unwritable(e, path) is { } refused)
        {
            await db.DisposeAsync();
            throw refused;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    // state_path must name a regular file in a folder that is (or can be made) a folder: /dev/null, a directory or a path
    // under a file are refused here, in words, before SQLite fails on them with "disk I/O error".
    private static void CheckPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new StateStoreException($"The state path {path} is a directory; state_path must name a file (e.g. {Path.Combine(path, "state.db")}).");
        if (File.Exists(full) && (File.GetAttributes(full) & (FileAttributes.Device | FileAttributes.Directory)) != 0
            || full.StartsWith("/dev/", StringComparison.Ordinal))
            throw new StateStoreException($"The state path {path} is a device, not a file: the state (bindings, bookmarks, runs) must be kept; point state_path at a file.");
        if (Path.GetDirectoryName(full) is not { } dir) return;
        for (var up = dir; !string.IsNullOrEmpty(up); up = Path.GetDirectoryName(up))
            if (File.Exists(up))
                throw new StateStoreException($"The state path {path} lies under {up}, which is a file, not a folder; point state_path elsewhere.");
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateStoreException($"The folder of the state database {path} cannot be created ({e.Message}).", e);
        }
    }

    /// <summary>A write the file or its disk refuses (read-only file, full disk, I/O error) as a StateStoreException: one line that
    /// says which and what to do; null for other SQLite errors.</summary>
    private static StateStoreException? Unwritable(SqliteException e, string path) => e.SqliteErrorCode switch
    {
        8 => new($"The state database {path} is read-only ({e.Message}): make it writable by the user running odoo-optiply, or point state_path at a writable file.", e),
        13 => new($"The disk holding the state database {path} is full ({e.Message}): free space there; nothing was lost, the next run goes on from the last saved state.", e),
        10 => new($"The state database {path} cannot be read or written ({e.Message}): check the disk and the file (is it a regular file on a local disk?).", e),
        _ => null,
    };

    /// <summary>What a user may do about an unusable file: never "move it aside" without saying what the next run does then.</summary>
    public const string NewFileNote = "Move it aside: a new state file is safe, the next sync adopts what Optiply already holds (by remote id or a unique natural key) and creates nothing twice (see README, Taking over from the current integration).";

    public static int LatestSchemaVersion => StateMigrations.All.Count;

    // The whole check-and-migrate runs in ONE write transaction taken up front (BEGIN IMMEDIATE): two first-ever opens of one
    // file at once (two syncs, a sync and the daemon) are serialised by SQLite (busy_timeout waits), and the second sees the
    // schema the first made instead of creating the same tables again.
    /// <summary>The index SpanOfIdsAsync counts over (the bindings' keys read as Odoo ids). Not a numbered migration: an index
    /// changes no data, older programs ignore it, and a file it cannot be added to (read-only) only makes the count a scan.</summary>
    private static async Task EnsureIdIndexAsync(SqliteConnection db)
    {
        try { await db.ExecuteAsync("CREATE INDEX IF NOT EXISTS bindings_odoo_id ON bindings (tenant, stream, CAST(source_id AS INTEGER))"); }
        catch (SqliteException e) when (e.SqliteErrorCode is 8 or 5 or 6) { } // read-only, busy, locked
    }

    private static async Task MigrateAsync(SqliteConnection db, string path)
    {
        using var tx = db.BeginTransaction(deferred: false);
        var tables = (await db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type='table'", transaction: tx)).ToHashSet();
        if (!tables.Contains("schema_version") && tables.Count > 0)
            throw new StateStoreException($"The state database {path} holds tables ({string.Join(", ", tables.Order())}) but no schema version: it was written by an older or another program. " + NewFileNote);
        if (tables.Count == 0) await db.ExecuteAsync("CREATE TABLE schema_version (version INTEGER NOT NULL)", transaction: tx);
        var version = await db.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM schema_version", transaction: tx) ?? 0;
        if (version == LatestSchemaVersion) return;
        if (version > LatestSchemaVersion)
            throw new StateStoreException($"The state database {path} has schema version {version}, but this program knows only up to {LatestSchemaVersion}: it was written by a newer odoo-optiply. Upgrade the program.");
        for (var v = (int)version; v < LatestSchemaVersion; v++)
        {
            await db.ExecuteAsync(StateMigrations.All[v], transaction: tx);
            await db.ExecuteAsync("INSERT INTO schema_version (version) VALUES (@v)", new { v = v + 1 }, tx);
        }
        tx.Commit();
    }

    /// <summary>A new state file is made readable and writable by its owner only (0600) before SQLite opens it: it holds the
    /// tenant's bindings and run reports. SQLite gives its -wal and -shm files the database file's mode.</summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path) || Directory.Exists(path)) return;
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path)) { /* another process created it first: fine, it did the same */ }
        catch (UnauthorizedAccessException) { /* an unwritable folder: SQLite's own open reports it with the path */ }
    }

    private const int BindingPage = 5000;

    public async IAsyncEnumerable<Binding> GetBindingsAsync(string stream, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = "";
        while (true)
        {
            var page = await Locked(async () => (await _db.QueryAsync<BindingRow>(
                "SELECT stream, source_id AS SourceId, target_id AS TargetId, hash, synced_at AS SyncedAt FROM bindings " +
                "WHERE tenant=@Tenant AND stream=@stream AND source_id > @after ORDER BY source_id LIMIT @BindingPage",
                new { Tenant, stream, after, BindingPage })).AsList(), ct);
            foreach (var row in page) yield return row.ToBinding();
            if (page.Count < BindingPage) yield break;
            after = page[^1].SourceId;
        }
    }

    public Task<Binding?> GetBindingAsync(string stream, string sourceId, CancellationToken ct = default) => Locked(async () =>
        (await _db.QueryFirstOrDefaultAsync<BindingRow>(
            "SELECT stream, source_id AS SourceId, target_id AS TargetId, hash, synced_at AS SyncedAt FROM bindings WHERE tenant=@Tenant AND stream=@stream AND source_id=@sourceId",
            new { Tenant, stream, sourceId }))?.ToBinding(), ct);

    public Task SaveBindingsAsync(IReadOnlyCollection<Binding> bindings, CancellationToken ct = default) => Locked(async () =>
    {
        using var tx = await FencedTransactionAsync();
        await _db.ExecuteAsync(
            "INSERT OR REPLACE INTO bindings (tenant, stream, source_id, target_id, hash, synced_at) VALUES (@Tenant, @Stream, @SourceId, @TargetId, @Hash, @SyncedAt)",
            bindings.Select(b => new { Tenant, b.Stream, b.SourceId, b.TargetId, b.Hash, SyncedAt = Format(b.SyncedAt) }), tx);
        tx.Commit();
        return 0;
    }, ct);

    public Task DeleteBindingsAsync(string stream, IReadOnlyCollection<string> sourceIds, CancellationToken ct = default) => Locked(async () =>
    {
        using var tx = await FencedTransactionAsync();
        await _db.ExecuteAsync("DELETE FROM bindings WHERE tenant=@Tenant AND stream=@stream AND source_id=@id",
            sourceIds.Select(id => new { Tenant, stream, id }), tx);
        tx.Commit();
        return 0;
    }, ct);

    public Task<IReadOnlyDictionary<string, long>> CountBindingsAsync(CancellationToken ct = default) => Locked(async () =>
        (IReadOnlyDictionary<string, long>)(await _db.QueryAsync<(string, long)>(
            "SELECT stream, COUNT(*) FROM bindings WHERE tenant=@Tenant GROUP BY stream", new { Tenant }))
            .ToDictionary(r => r.Item1, r => r.Item2), ct);

    public Task<IdSpan> SpanOfIdsAsync(string stream, string prefix = "", CancellationToken ct = default) => Locked(async () =>
    {
        (long, long, long?, long?) row;
        if (prefix.Length == 0)
            // Over the expression index bindings_odoo_id: MIN and MAX are two seeks, the counts range scans of the index
            // (≈ 7 ms for 100,000 keys), nothing loaded. SQLite's CAST reads a leading number ("12x" → 12, "x" → 0).
            row = await _db.QueryFirstAsync<(long, long, long?, long?)>(
                """
                SELECT (SELECT COUNT(*) FROM bindings WHERE tenant=@Tenant AND stream=@stream AND CAST(source_id AS INTEGER) <= 0),
                       (SELECT COUNT(*) FROM bindings WHERE tenant=@Tenant AND stream=@stream AND CAST(source_id AS INTEGER) > 0),
                       (SELECT MIN(CAST(source_id AS INTEGER)) FROM bindings WHERE tenant=@Tenant AND stream=@stream AND CAST(source_id AS INTEGER) > 0),
                       (SELECT MAX(CAST(source_id AS INTEGER)) FROM bindings WHERE tenant=@Tenant AND stream=@stream AND CAST(source_id AS INTEGER) > 0)
                """, new { Tenant, stream });
        else
            row = await _db.QueryFirstAsync<(long, long, long?, long?)>(
                """
                SELECT COUNT(*) - COALESCE(SUM(ok), 0), COALESCE(SUM(ok), 0), MIN(CASE WHEN ok THEN n END), MAX(CASE WHEN ok THEN n END) FROM (
                  SELECT n, (substr(source_id, 1, @len) = @prefix AND n > 0) AS ok FROM (
                    SELECT source_id, CAST(substr(source_id, @len + 1) AS INTEGER) AS n FROM bindings WHERE tenant=@Tenant AND stream=@stream))
                """, new { Tenant, stream, prefix, len = prefix.Length });
        var (others, ids) = (row.Item1, row.Item2);
        return ids > 0 ? new IdSpan(others + ids, ids, row.Item3!.Value, row.Item4!.Value) : new IdSpan(others, 0, 0, 0);
    }, ct);

    public Task<Bookmark?> GetBookmarkAsync(string stream, CancellationToken ct = default) => Locked(async () =>
    {
        var row = await _db.QueryFirstOrDefaultAsync<(string, long)?>(
            "SELECT write_date, last_id FROM bookmarks WHERE tenant=@Tenant AND stream=@stream", new { Tenant, stream });
        return row is { } r ? new Bookmark(Parse(r.Item1), r.Item2) : null;
    }, ct);

    public Task<IReadOnlyDictionary<string, Bookmark>> GetBookmarksAsync(CancellationToken ct = default) => Locked(async () =>
        (IReadOnlyDictionary<string, Bookmark>)(await _db.QueryAsync<(string, string, long)>(
            "SELECT stream, write_date, last_id FROM bookmarks WHERE tenant=@Tenant", new { Tenant }))
            .ToDictionary(r => r.Item1, r => new Bookmark(Parse(r.Item2), r.Item3)), ct);

    public Task SaveBookmarkAsync(string stream, Bookmark? bookmark, CancellationToken ct = default) => Locked(async () =>
    {
        using var tx = await FencedTransactionAsync();
        await (bookmark is null
            ? _db.ExecuteAsync("DELETE FROM bookmarks WHERE tenant=@Tenant AND stream=@stream", new { Tenant, stream }, tx)
            : _db.ExecuteAsync("INSERT OR REPLACE INTO bookmarks (tenant, stream, write_date, last_id) VALUES (@Tenant, @stream, @date, @id)",
                new { Tenant, stream, date = Format(bookmark.WriteDate), id = bookmark.LastId }, tx));
        tx.Commit();
        return 0;
    }, ct);

    public Task<long> SaveRunAsync(RunReport report, CancellationToken ct = default) => Locked(async () =>
    {
        using var tx = await FencedTransactionAsync();
        var id = await _db.ExecuteScalarAsync<long>(
            "INSERT INTO runs (tenant, started_at, finished_at, dry_run, succeeded) VALUES (@Tenant, @s, @f, @d, @ok); SELECT last_insert_rowid();",
            new { Tenant, s = Format(report.StartedAt), f = Format(report.FinishedAt), d = report.DryRun, ok = report.Succeeded }, tx);
        await _db.ExecuteAsync(
            """
            INSERT INTO run_streams (run_id, stream, status, read, created, updated, deleted, unchanged, skipped, failed, duration_ms, full_read, skip_reasons, errors, adoption)
            VALUES (@id, @Stream, @Status, @Read, @Created, @Updated, @Deleted, @Unchanged, @Skipped, @Failed, @Ms, @FullRead, @Reasons, @Errors, @Adoption)
            """,
            report.Streams.Select(s => new
            {
                id, s.Stream, Status = s.Status.ToString(), s.Read, s.Created, s.Updated, s.Deleted, s.Unchanged, s.Skipped, s.Failed,
                Ms = (long)s.Duration.TotalMilliseconds, s.FullRead, Reasons = JsonSerializer.Serialize(s.SkipReasons), Errors = JsonSerializer.Serialize(s.Errors),
                Adoption = s.Adoption is null ? null : JsonSerializer.Serialize(s.Adoption),
            }), tx);
        tx.Commit();
        return id;
    }, ct);

    public Task<IReadOnlyList<RunReport>> GetRecentRunsAsync(int count, CancellationToken ct = default) => Locked(async () =>
    {
        var runs = (await _db.QueryAsync<RunRow>(
            "SELECT id, started_at AS StartedAt, finished_at AS FinishedAt, dry_run AS DryRun FROM runs WHERE tenant=@Tenant ORDER BY id DESC LIMIT @count",
            new { Tenant, count })).ToList();
        var result = new List<RunReport>();
        foreach (var run in runs)
        {
            var streams = (await _db.QueryAsync<StreamRow>(
                "SELECT stream, status, read, created, updated, deleted, unchanged, skipped, failed, duration_ms AS DurationMs, full_read AS FullRead, skip_reasons AS SkipReasons, errors, adoption FROM run_streams WHERE run_id=@Id ORDER BY rowid",
                new { run.Id })).Select(s => s.ToReport()).ToList();
            result.Add(new RunReport(Tenant, Parse(run.StartedAt), Parse(run.FinishedAt), run.DryRun != 0, streams, run.Id));
        }
        return (IReadOnlyList<RunReport>)result;
    }, ct);

    public Task<string?> GetValueAsync(string key, CancellationToken ct = default) => Locked(() =>
        _db.QueryFirstOrDefaultAsync<string?>("SELECT value FROM kv WHERE tenant=@Tenant AND key=@key", new { Tenant, key }), ct);

    public Task SetValueAsync(string key, string? value, CancellationToken ct = default) => Locked(async () =>
    {
        using var tx = await FencedTransactionAsync();
        await (value is null
            ? _db.ExecuteAsync("DELETE FROM kv WHERE tenant=@Tenant AND key=@key", new { Tenant, key }, tx)
            : _db.ExecuteAsync("INSERT OR REPLACE INTO kv (tenant, key, value) VALUES (@Tenant, @key, @value)", new { Tenant, key, value }, tx));
        tx.Commit();
        return 0;
    }, ct);

    public Task<Lease> AcquireLeaseAsync(string job, string holder, DateTime now, TimeSpan ttl, CancellationToken ct = default, string? replacing = null) => Locked(async () =>
    {
        // BEGIN IMMEDIATE takes SQLite's write lock first, so read-then-write is atomic across processes.
        using var tx = _db.BeginTransaction(deferred: false);
        var row = await _db.QueryFirstOrDefaultAsync<LeaseRow>(
            "SELECT job, holder, acquired_at AS AcquiredAt, expires_at AS ExpiresAt, epoch FROM leases WHERE tenant=@Tenant AND job=@job", new { Tenant, job }, tx);
        if (row is not null && row.Holder != holder && row.Holder != replacing && Parse(row.ExpiresAt) > now) return row.ToLease();
        var ours = row is not null && row.Holder == holder;
        var acquired = ours ? row!.AcquiredAt : Format(now);
        // A new acquisition gets an epoch above every one this file handed out (released leases keep their row, see Release).
        var epoch = ours ? row!.Epoch : 1 + await _db.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(epoch), 0) FROM leases", transaction: tx);
        await _db.ExecuteAsync("INSERT OR REPLACE INTO leases (tenant, job, holder, acquired_at, expires_at, epoch) VALUES (@Tenant, @job, @holder, @acquired, @expires, @epoch)",
            new { Tenant, job, holder, acquired, expires = Format(now + ttl), epoch }, tx);
        tx.Commit();
        return new Lease(job, holder, Parse(acquired), Parse(Format(now + ttl)), epoch);
    }, ct);

    public Task<bool> RenewLeaseAsync(string job, string holder, DateTime now, TimeSpan ttl, CancellationToken ct = default) => Locked(async () =>
        await _db.ExecuteAsync("UPDATE leases SET expires_at=@expires WHERE tenant=@Tenant AND job=@job AND holder=@holder",
            new { Tenant, job, holder, expires = Format(now + ttl) }) == 1, ct);

    // A released lease keeps its row (no holder, long expired) so that the epoch never goes back.
    public Task ReleaseLeaseAsync(string job, string holder, CancellationToken ct = default) => Locked(() =>
        _db.ExecuteAsync("UPDATE leases SET holder='', expires_at=@past WHERE tenant=@Tenant AND job=@job AND holder=@holder",
            new { Tenant, job, holder, past = Format(DateTime.UnixEpoch) }), ct);

    public void FenceWrites(Lease? lease) => _fence = lease;

    /// <summary>A write transaction (BEGIN IMMEDIATE) that, when this store is fenced, first checks the lease is still ours.</summary>
    private async Task<SqliteTransaction> FencedTransactionAsync()
    {
        var tx = _db.BeginTransaction(deferred: false);
        if (_fence is not { } fence) return tx;
        var held = await _db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM leases WHERE tenant=@Tenant AND job=@Job AND holder=@Holder AND epoch=@Epoch",
            new { Tenant, fence.Job, fence.Holder, fence.Epoch }, tx);
        if (held == 1) return tx;
        tx.Dispose();
        throw new LeaseLostException(Tenant, fence);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        _gate.Dispose();
    }

    // One connection serves the whole process; the gate keeps concurrent callers from interleaving transactions.
    /// <summary>For tests: caps the database at <paramref name="pages"/> pages, so the next growing write fails as on a full disk.</summary>
    internal Task LimitPagesForTestsAsync(long pages) => Locked(() => _db.ExecuteAsync($"PRAGMA max_page_count = {pages}"), CancellationToken.None);

    private async Task<T> Locked<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return await work(); }
        catch (SqliteException e) when (Unwritable(e, _path) is { } refused) { throw refused; }
        finally { _gate.Release(); }
    }

    internal static string Format(DateTime t) => t.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);
    internal static DateTime Parse(string s) => DateTime.ParseExact(s, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private sealed record BindingRow(string Stream, string SourceId, string TargetId, string Hash, string SyncedAt)
    {
        public Binding ToBinding() => new(Stream, SourceId, TargetId, Hash, Parse(SyncedAt));
    }

    private sealed record LeaseRow(string Job, string Holder, string AcquiredAt, string ExpiresAt, long Epoch)
    {
        public Lease ToLease() => new(Job, Holder, Parse(AcquiredAt), Parse(ExpiresAt), Epoch);
    }

    private sealed record RunRow(long Id, string StartedAt, string FinishedAt, long DryRun);

    private sealed record StreamRow(string Stream, string Status, long Read, long Created, long Updated, long Deleted, long Unchanged,
        long Skipped, long Failed, long DurationMs, long FullRead, string SkipReasons, string Errors, string? Adoption)
    {
        public StreamReport ToReport() => new(Stream, Enum.Parse<StreamStatus>(Status), Read, Created, Updated, Deleted, Unchanged, Skipped, Failed,
            TimeSpan.FromMilliseconds(DurationMs), JsonSerializer.Deserialize<Dictionary<string, long>>(SkipReasons)!,
            JsonSerializer.Deserialize<List<string>>(Errors)!, FullRead != 0,
            Adoption is null ? null : JsonSerializer.Deserialize<Adoption.AdoptionReport>(Adoption));
    }
}
