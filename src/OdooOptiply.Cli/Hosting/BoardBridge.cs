// The daemon as the web board sees it (IBoardDaemon): tenants and their schedule, their state stores, what
// runs now, and the actions. Run now triggers the tenant's Quartz job at once (one at a time per job, as
// scheduled firings); pause and resume write ScheduleKeys.Paused into the tenant's state store, which every
// node running that tenant reads before each scheduled firing.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;
using OdooOptiply.Web;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

public sealed class BoardBridge(IReadOnlyList<TenantConfig> configs, IReadOnlyList<TenantPlan> plans, ObservedTenantWork work,
    ISchedulerFactory factory, TimeProvider time) : IBoardDaemon
{
    public IReadOnlyList<BoardTenant> Tenants { get; } = configs.Select(c =>
        plans.First(p => p.Tenant == c.Name) is var p ? new BoardTenant(c, p.Pull, p.Export) : null!).ToList();

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
