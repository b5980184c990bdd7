// The crash suite with the tenant's state in PostgreSQL (issue 14): the same SIGKILLs at random moments of
// a full sync, an incremental sync and an export and at every pause point of the export, then runs again;
// the end state equals the uninterrupted run's and nothing is twice in either system. A killed run's lease
// is taken over at once by the next run on this machine (its pid is gone); its half-done transaction was
// rolled back by the server when the connection died.
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Cli.Tests.Crash;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashTests(PostgresServer server, ITestOutputHelper output)
{
    [Fact]
    public Task SyncAndExport_KilledAtManyPointsWithPostgresState_EndInTheUninterruptedRunsState() =>
        CrashTests.ScenarioAsync(output, async () => await server.CreateDatabaseAsync("crash"));
}
