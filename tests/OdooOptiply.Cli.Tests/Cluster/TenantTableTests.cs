// Tenants from a table (`run --tenants-table`): rows of tenant_configs in the PostgreSQL state database, inserted,
// updated and deleted while the daemon runs, are seen at the next scan like files in a tenant folder; a broken row
// is reported and leaves the others alone; a database that cannot be read removes no tenant. Real PostgreSQL.
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Sync.State.Postgres;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Cli.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed class TenantTableTests(PostgresServer server)
{
    private static string Config(string tenant, int pullMinutes = 30) => new JsonObject
    {
        ["tenant"] = tenant,
        ["odoo"] = new JsonObject { ["url"] = "http://127.0.0.1:1/", ["db"] = "d", ["username"] = "u", ["password"] = "${TENANT_TABLE_TEST_PW}", ["protocol"] = "xmlrpc" },
        ["optiply"] = new JsonObject { ["client_id"] = "c", ["client_secret"] = "s", ["username"] = "u", ["password"] = "p" },
        ["schedule"] = new JsonObject { ["pull_minutes"] = pullMinutes },
    }.ToJsonString();

    [Fact]
    public async Task Scan_RowsInsertedUpdatedDeletedAndBroken_AreSeenAtTheNextScan()
    {
        Environment.SetEnvironmentVariable("TENANT_TABLE_TEST_PW", "from-the-environment");
        var url = await server.CreateDatabaseAsync("tenants");
        var catalog = new TenantCatalog { Table = url };
        Assert.False(catalog.Scan().Any); // a new database: the table exists (migrated) and is empty

        await PostgresTenantTable.PutAsync(url, "acme", Config("acme"));
        await PostgresTenantTable.PutAsync(url, "beta", Config("beta"));
        Assert.Equal(["acme", "beta"], catalog.Scan().Added.Order());
        Assert.Equal("from-the-environment", catalog.Find("acme")!.Odoo.Password); // the same loader: ${VAR} works in a row
        Assert.False(catalog.Scan().Any);

        await PostgresTenantTable.PutAsync(url, "acme", Config("acme", pullMinutes: 5));
        Assert.Equal(["acme"], catalog.Scan().Changed);
        Assert.Equal(5, catalog.Find("acme")!.Run.PullMinutes);

        await PostgresTenantTable.PutAsync(url, "beta", "{ not json");
        var broken = catalog.Scan();
        Assert.Contains(broken.Problems, p => p.StartsWith("tenant_configs row beta:", StringComparison.Ordinal));
        Assert.NotNull(catalog.Find("beta")); // kept at its last good configuration

        await PostgresTenantTable.DeleteAsync(url, "beta");
        Assert.Equal(["beta"], catalog.Scan().Removed);
        Assert.Null(catalog.Find("beta"));
        Assert.NotNull(catalog.Find("acme"));
    }

    [Fact]
    public async Task Scan_DatabaseUnreachable_RemovesNoTenant()
    {
        Environment.SetEnvironmentVariable("TENANT_TABLE_TEST_PW", "from-the-environment");
        var url = await server.CreateDatabaseAsync("tenants_down");
        await PostgresTenantTable.PutAsync(url, "acme", Config("acme"));
        var catalog = new TenantCatalog { Table = url };
        Assert.Equal(["acme"], catalog.Scan().Added);
        var gone = new TenantCatalog { Table = url.Replace($"port={server.Port}", "port=1", StringComparison.Ordinal) };
        var changes = gone.Scan();
        Assert.False(changes.Any);
        Assert.Contains(changes.Problems, p => p.Contains("cannot be read", StringComparison.Ordinal));
    }
}
