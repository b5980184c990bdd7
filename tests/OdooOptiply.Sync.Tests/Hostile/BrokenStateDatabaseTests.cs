// State databases a user may hand the program: written by an older (pre-versioning) or newer program,
// not a database at all, cut off, or damaged inside. Each is refused with a message naming the file and
// what to do, and the file is left byte for byte as it was (no "repair" that loses bindings).
using Microsoft.Data.Sqlite;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.Hostile;

public sealed class BrokenStateDatabaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hostile-state-").FullName;
    private string DbPath => Path.Combine(_dir, "acme.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    private async Task<StateStoreException> RefusedUnchanged(string expected)
    {
        var before = await File.ReadAllBytesAsync(DbPath);
        var e = await Assert.ThrowsAsync<StateStoreException>(() => SqliteStateStore.OpenAsync(DbPath, "acme"));
        Assert.Contains(DbPath, e.Message);
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(DbPath));
        return e;
    }

    private async Task WriteValidDatabaseWithBindings(int count)
    {
        await using (var store = await SqliteStateStore.OpenAsync(DbPath, "acme"))
            await store.SaveBindingsAsync(Enumerable.Range(1, count).Select(i => new Binding("products", $"{i}", $"{1000 + i}", new string('h', 64), DateTime.UtcNow)).ToList());
        SqliteConnection.ClearAllPools();
        // Fold the WAL into the main file so the file alone is the whole database.
        await using var db = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task Sql(string sql)
    {
        await using var db = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task TextFileInsteadOfADatabase_IsRefusedUntouched()
    {
        await File.WriteAllTextAsync(DbPath, "these are my notes, not a database\n");
        await RefusedUnchanged("not a SQLite database");
    }

    [Fact]
    public async Task DatabaseCutOffHalfway_IsRefusedUntouched()
    {
        await WriteValidDatabaseWithBindings(3000);
        var bytes = await File.ReadAllBytesAsync(DbPath);
        await File.WriteAllBytesAsync(DbPath, bytes[..(bytes.Length / 2)]);
        await RefusedUnchanged("corrupt");
    }

    [Fact]
    public async Task DatabaseWithGarbledPages_IsRefusedUntouched()
    {
        await WriteValidDatabaseWithBindings(3000);
        var bytes = await File.ReadAllBytesAsync(DbPath);
        new Random(6).NextBytes(bytes.AsSpan(4096, bytes.Length - 8192)); // keep the header page, garble the b-trees
        await File.WriteAllBytesAsync(DbPath, bytes);
        await RefusedUnchanged("corrupt");
    }

    [Fact]
    public async Task DatabaseFromANewerProgram_IsRefusedSayingUpgrade()
    {
        await WriteValidDatabaseWithBindings(2);
        await Sql($"INSERT INTO schema_version (version) VALUES ({SqliteStateStore.LatestSchemaVersion + 1})");
        await RefusedUnchanged("newer odoo-optiply");
    }

    [Fact]
    public async Task DatabaseFromAnOlderProgramWithoutSchemaVersion_IsRefusedNotHalfMigrated()
    {
        // An older program wrote its tables but kept no schema version: migrating would collide with them.
        await Sql("CREATE TABLE bindings (stream TEXT, source_id TEXT, target_id TEXT); INSERT INTO bindings VALUES ('products', '1', '1001');");
        await RefusedUnchanged("schema");
    }

    [Fact]
    public async Task DatabaseAtTheCurrentSchema_OpensWithItsBindingsIntact()
    {
        await WriteValidDatabaseWithBindings(5);
        await using var store = await SqliteStateStore.OpenAsync(DbPath, "acme");
        Assert.Equal(5, (await store.GetBindingsAsync("products").ToListAsync()).Count);
    }

    [Fact]
    public async Task DirectoryWhereTheFileShouldBe_IsRefusedWithThePath()
    {
        Directory.CreateDirectory(DbPath);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => SqliteStateStore.OpenAsync(DbPath, "acme"));
        Assert.Contains(DbPath, e.Message);
    }
}
