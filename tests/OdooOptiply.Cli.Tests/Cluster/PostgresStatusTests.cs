// `status` of a tenant whose state is in PostgreSQL (`state: "postgresql://…"`): it reads the runs from the
// database instead of looking for a SQLite file, and never prints the URL's password.
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Sync;
using OdooOptiply.Sync.State.Postgres;
using OdooOptiply.Sync.Tests.TestSupport;
using Spectre.Console.Testing;

namespace OdooOptiply.Cli.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStatusTests(PostgresServer server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pg-status-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Status_StateInPostgres_ShowsTheRunsFromTheDatabase()
    {
        var url = await server.CreateDatabaseAsync("status") + "&password=pg-s3cret";
        var at = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        long id;
        await using (var store = await PostgresStateStore.OpenAsync(url, "acme"))
            id = await store.SaveRunAsync(new RunReport("acme", at, at.AddSeconds(3), false, []));
        var config = Path.Combine(_dir, "acme.json");
        await File.WriteAllTextAsync(config, new JsonObject
        {
            ["tenant"] = "acme", ["state"] = url,
            ["odoo"] = new JsonObject { ["url"] = "http://127.0.0.1:1/", ["db"] = "d", ["username"] = "u", ["password"] = "p", ["protocol"] = "xmlrpc" },
            ["optiply"] = new JsonObject { ["client_id"] = "c", ["client_secret"] = "s", ["username"] = "u", ["password"] = "p" },
        }.ToJsonString());
        var console = new TestConsole { Profile = { Width = 200 } };
        Assert.Equal(0, await StatusCommand.RunAsync(config, 5, console, _ => null, CancellationToken.None));
        Assert.Contains("2026-12-01 09:00:00", console.Output);
        Assert.DoesNotContain("no state yet", console.Output);
        Assert.DoesNotContain("pg-s3cret", console.Output);
        console = new TestConsole { Profile = { Width = 200 } };
        Assert.Equal(0, await StatusCommand.RunAsync(config, 5, console, _ => null, CancellationToken.None, runId: id));
        Assert.Contains($"run {id}", console.Output);
    }
}
