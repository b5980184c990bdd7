// At start, reads each tenant's recent runs from its state store into the metrics' "age of the last success", so
// /metrics after a restart says how long ago each flow really last succeeded (issue 15), not only what this
// process has seen — in every host: the fixed list, the tenant folder or table, a cluster node (each node reads the
// shared store, so it knows the runs of the other nodes up to its start). Runs in the background; a tenant whose store
// cannot be read is skipped (its runs say why).
using Microsoft.Extensions.Hosting;
using OdooOptiply.Web;

namespace OdooOptiply.Cli.Hosting;

/// <param name="ready">awaited before the tenants are listed (TenantCatalog.Scanned: a folder or table is read by the first scan)</param>
public sealed class MetricsHistory(Func<IEnumerable<string>> tenants, ITenantWork work, SyncTelemetry telemetry, Task? ready = null) : IHostedService
{
    /// <summary>How many of a tenant's latest runs are looked at (enough to hold a success of each flow on a bad day).</summary>
    public const int Runs = 200;

    private Task? _reading;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _reading = Task.Run(async () =>
        {
            if (ready is not null) await ready;
            foreach (var tenant in tenants())
            {
                try
                {
                    var store = await work.StoreAsync(tenant, CancellationToken.None);
                    foreach (var run in await store.GetRecentRunsAsync(Runs, CancellationToken.None)) telemetry.RememberSuccesses(run);
                }
                catch (Exception) { /* an unreadable store: that tenant's runs fail and say why; the metric waits for them */ }
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Done once the history is read (tests wait for it).</summary>
    public Task Reading => _reading ?? Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
