// What ClockWatch does when the wall clock jumped: every tenant's triggers are built again from the corrected clock.
// For a fixed list of tenants (run --config) the first firing is one interval after the job's last run (what was due
// fires now), as at start-up (DaemonSchedule); for a tenant folder or table (run --tenants-dir/--tenants-table, alone
// or in a cluster) each trigger restarts at its tenant's jitter phase, as FolderSchedule made it — in a cluster that
// rewrites the shared job store, so every node fires on the corrected schedule.
using Quartz;

namespace OdooOptiply.Cli.Hosting;

public interface IScheduleReset
{
    Task ResetAsync(DateTimeOffset now, CancellationToken ct);
}

public sealed class PlanScheduleReset(ISchedulerFactory factory, IReadOnlyList<TenantPlan> plans, ITenantWork work, TimeProvider time) : IScheduleReset
{
    public async Task ResetAsync(DateTimeOffset now, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        foreach (var plan in plans)
            foreach (var kind in new[] { JobKind.Pull, JobKind.Export })
            {
                var key = new TriggerKey(ScheduleKeys.Name(kind), plan.Tenant);
                if (await scheduler.GetTrigger(key, ct) is not { } old) continue;
                DateTimeOffset? last = null;
                try { last = ScheduleKeys.Parse(await work.GetValueAsync(plan.Tenant, ScheduleKeys.Last(kind), ct)); }
                catch (Exception e) when (e is not OperationCanceledException) { /* an unreadable state: fire now, the run says why */ }
                // A last run stamped ahead of the corrected clock counts as due (FirstFire): it fires now.
                var first = ScheduleKeys.FirstFire(last, plan.Interval(kind), now);
                var trigger = TriggerBuilder.Create(time).WithIdentity(key).ForJob(old.JobKey).StartAt(first)
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(plan.Interval(kind)).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount))
                    .Build();
                await scheduler.RescheduleJob(key, trigger, ct);
                try { await work.SetValueAsync(plan.Tenant, ScheduleKeys.Next(kind), ScheduleKeys.Format(first), ct); }
                catch (Exception e) when (e is not OperationCanceledException) { }
            }
    }
}

public sealed class FolderScheduleReset(ISchedulerFactory factory, TenantCatalog catalog, DaemonOptions options, TimeProvider time) : IScheduleReset
{
    public async Task ResetAsync(DateTimeOffset now, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        foreach (var config in catalog.All)
            foreach (var kind in new[] { JobKind.Pull, JobKind.Export })
            {
                var key = new TriggerKey(ScheduleKeys.Name(kind), config.Name);
                if (await scheduler.GetTrigger(key, ct) is not { } old) continue;
                var interval = FolderSchedule.Interval(config, kind, options);
                await scheduler.RescheduleJob(key, FolderSchedule.Trigger(time, key, old.JobKey, config.Name, kind, interval, now), ct);
            }
    }
}
