// The state-store contract on PostgreSQL: a fresh database of the run's throwaway cluster per test,
// plus what only the PostgreSQL store has — the schema migrated once by workers opening it together,
// and a newer schema refused.
using Npgsql;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.State.Postgres;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.State;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStateStoreContract(PostgresServer server) : StateStoreContract
{
    private string _url = "";

    public override async Task InitializeAsync() => _url = await server.CreateDatabaseAsync("contract");

    protected override async Task<IStateStore> OpenStoreAsync(string tenant) => await PostgresStateStore.OpenAsync(_url, tenant);

    [Fact]
    public async Task Open_ManyWorkersAtOnceOnAnEmptyDatabase_MigrateOnceToTheLatestVersion()
    {
        var url = await server.CreateDatabaseAsync("migrate");
        // Distinct connection strings (application name) = distinct data sources, as separate processes would have.
        var opens = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => PostgresStateStore.DataSourceAsync(url + $"&pool_size={10 + i}"))));
        await using var db = await opens[0].OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*), MAX(version) FROM schema_version", db);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.Equal((PostgresStateStore.LatestSchemaVersion, PostgresStateStore.LatestSchemaVersion), ((int)r.GetInt64(0), r.GetInt32(1)));
    }

    [Fact]
    public async Task Open_NewerSchema_IsRefusedWithClearMessageAndNoPassword()
    {
        var url = await server.CreateDatabaseAsync("newer");
        await using (var db = new NpgsqlConnection(PostgresStateUrl.ToConnectionString(url) + ";Pooling=false"))
        {
            await db.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE TABLE schema_version (version integer NOT NULL); INSERT INTO schema_version VALUES (99)", db);
            await cmd.ExecuteNonQueryAsync();
        }
        var e = await Assert.ThrowsAsync<StateStoreException>(() => PostgresStateStore.OpenAsync(url + "&password=s3cret", "acme"));
        Assert.Contains("newer", e.Message);
        Assert.Contains("99", e.Message);
        Assert.DoesNotContain("s3cret", e.Message);
    }

    [Fact]
    public void Url_WithPasswordAndSocket_BecomesAConnectionStringAndIsRedacted()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresStateUrl.ToConnectionString("postgresql://sync:p%40ss@db.example:6543/optiply?sslmode=require"));
        Assert.Equal(("db.example", 6543, "optiply", "sync", "p@ss", SslMode.Require), (cs.Host, cs.Port, cs.Database, cs.Username, cs.Password, cs.SslMode));
        Assert.Equal("postgresql://sync:***@db.example:6543/optiply", PostgresStateUrl.Redact("postgresql://sync:p%40ss@db.example:6543/optiply"));
        var e = Assert.Throws<StateStoreException>(() => PostgresStateUrl.ToConnectionString("postgresql://u:secret@h/db?bogus=1"));
        Assert.Contains("bogus", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }
}
