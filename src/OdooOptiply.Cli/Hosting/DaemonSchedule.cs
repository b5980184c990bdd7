// Puts every tenant's two jobs on the Quartz scheduler when the daemon starts: pull every
// schedule.pull_minutes (30), export every schedule.export_minutes (15). The first firing comes one
// interval after the job's last run as the state store remembers it, or at once when that moment passed
// while the daemon was down — once, not once per missed interval. While running, a firing missed because
// the machine slept or the pool was busy fires once when possible (NowWithRemainingCount), then the
// cadence goes on. Ctrl-C/SIGTERM hands over to the coordinator's graceful stop.
using Microsoft.Extensions.Hosting;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

/// <summary>One tenant's schedule.</summary>
public sealed record TenantPlan(string Tenant, TimeSpan Pull, TimeSpan Export)
{
    public TimeSpan Interval(JobKind kind) => kind == JobKind.Pull ? Pull : Export;
}

public sealed class DaemonSchedule(ISchedulerFactory factory, IReadOnlyList<TenantPlan> plans, ITenantWork work, JobCoordinator coordinator,
    TimeProvider time, IHostApplicationLifetime lifetime) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(coordinator.BeginShutdown);
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var plan in plans)
            foreach (var kind in new[] { JobKind.Pull, JobKind.Export })
            {
                var interval = plan.Interval(kind);
                var last = ScheduleKeys.Parse(await work.GetValueAsync(plan.Tenant, ScheduleKeys.Last(kind), cancellationToken));
                var first = ScheduleKeys.FirstFire(last, interval, time.GetUtcNow());
                await work.SetValueAsync(plan.Tenant, ScheduleKeys.Next(kind), ScheduleKeys.Format(first), cancellationToken);
                var job = JobBuilder.Create<TenantJob>().WithIdentity(TenantJob.Key(plan.Tenant, kind)).DisallowConcurrentExecution(true)
                    .UsingJobData(TenantJob.TenantKey, plan.Tenant).UsingJobData(TenantJob.KindKey, kind.ToString()).Build();
                var trigger = TriggerBuilder.Create(time).WithIdentity(ScheduleKeys.Name(kind), plan.Tenant).ForJob(job).StartAt(first)
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount))
                    .Build();
                await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions(), cancellationToken);
            }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        coordinator.BeginShutdown();
        return Task.CompletedTask;
    }
}
