// The daemon as the web board sees it (IBoardDaemon): tenants and their schedule, their state stores, what
// runs now, and the actions. Run now triggers the tenant's Quartz job at once (in cluster mode through the shared
// job store, so whichever node is free runs it) (one at a time per job, as
// scheduled firings); pause and resume write ScheduleKeys.Paused into the tenant's state store, which every
// node running that tenant reads before each scheduled firing.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;
using OdooOptiply.Web;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

public sealed class BoardBridge(Func<IReadOnlyList<BoardTenant>> tenants, ObservedTenantWork work, ISchedulerFactory factory, TimeProvider time) : IBoardDaemon
{
    /// <summary>The tenants as they are now: a fixed list (run --config), or the tenant folder or table as last scanned.</summary>
    public IReadOnlyList<BoardTenant> Tenants => tenants();

    /// <summary>Board rows for tenants whose schedule numbers count <paramref name="unit"/>s.</summary>
    public static IReadOnlyList<BoardTenant> Of(IEnumerable<TenantConfig> configs, TimeSpan unit) =>
        configs.Select(c => new BoardTenant(c, unit * c.Run.PullMinutes, unit * c.Run.ExportMinutes)).ToList();

    private static JobKind Kind(BoardJob job) => job == BoardJob.Pull ? JobKind.Pull : JobKind.Export;

    public Task<IStateStore> StoreAsync(string tenant, CancellationToken ct) => work.StoreAsync(tenant, ct);

    public bool IsRunning(string tenant, BoardJob job) => work.IsRunning(tenant, Kind(job));

    public async Task<bool> SchedulerRunningAsync(CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        return await scheduler.GetStatus(ct) == SchedulerStatus.Running;
    }

    public async Task RunNowAsync(string tenant, BoardJob job, string requestedBy, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.TriggerJob(TenantJob.Key(tenant, Kind(job)), new JobDataMap { [TenantJob.RequestedByKey] = requestedBy }, ct);
    }

    public Task SetPausedAsync(string tenant, bool paused, string requestedBy, CancellationToken ct) =>
        work.SetValueAsync(tenant, ScheduleKeys.Paused, paused ? $"{requestedBy} at {ScheduleKeys.Format(time.GetUtcNow())}" : null, ct);

    public Task<string?> PausedAsync(string tenant, CancellationToken ct) => work.GetValueAsync(tenant, ScheduleKeys.Paused, ct);

    public async Task<DateTimeOffset?> NextRunAsync(string tenant, BoardJob job, CancellationToken ct) =>
        ScheduleKeys.Parse(await work.GetValueAsync(tenant, ScheduleKeys.Next(Kind(job)), ct));
}
