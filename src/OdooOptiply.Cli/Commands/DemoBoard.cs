// `demo --http`: the demo's tenant on the web board while the demo runs, read from the demo's own state
// store (the same pages the daemon serves). The demo runs its steps itself: the board's actions answer
// that they are not available here.
using OdooOptiply.Sync;
using OdooOptiply.Sync.State;
using OdooOptiply.Web;

namespace OdooOptiply.Cli.Commands;

internal sealed class DemoBoard(Func<TenantSession> session) : IBoardDaemon
{
    public IReadOnlyList<BoardTenant> Tenants => [new BoardTenant(session().Config, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15))];

    public Task<IStateStore> StoreAsync(string tenant, CancellationToken ct) => Task.FromResult(session().Store);
    public bool IsRunning(string tenant, BoardJob job) => false;
    public Task<bool> SchedulerRunningAsync(CancellationToken ct) => Task.FromResult(true);
    public Task RunNowAsync(string tenant, BoardJob job, string requestedBy, CancellationToken ct) => throw NotHere();
    public Task SetPausedAsync(string tenant, bool paused, string requestedBy, CancellationToken ct) => throw NotHere();
    public Task<string?> PausedAsync(string tenant, CancellationToken ct) => Task.FromResult<string?>(null);
    public Task<DateTimeOffset?> NextRunAsync(string tenant, BoardJob job, CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);

    private static InvalidOperationException NotHere() => new("the demo runs its own steps; run the daemon (odoo-optiply run --http) to act on a tenant");
}
