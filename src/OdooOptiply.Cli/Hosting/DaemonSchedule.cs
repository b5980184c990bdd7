// Puts every tenant's two jobs on the Quartz scheduler when the daemon starts: pull every
// schedule.pull_minutes (5), export every schedule.export_minutes (15). The first firing comes one
// interval after the job's last run as the state store remembers it, or at once when that moment passed
// while the daemon was down — once, not once per missed interval. While running, a firing missed because
// the machine slept or the pool was busy fires once when possible (NowWithRemainingCount), then the
// cadence goes on. Ctrl-C/SIGTERM hands over to the coordinator's graceful stop. A tenant whose state
// cannot be read (a corrupt file) is scheduled at once all the same: its runs fail and say why, the
// other tenants run as usual.
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

/// <summary>One tenant's schedule.</summary>
public sealed record TenantPlan(string Tenant, TimeSpan Pull, TimeSpan Export)
{
    public TimeSpan Interval(JobKind kind) => kind == JobKind.Pull ? Pull : Export;
}

public sealed class DaemonSchedule(ISchedulerFactory factory, IReadOnlyList<TenantPlan> plans, ITenantWork work, JobCoordinator coordinator,
    TimeProvider time, IHostApplicationLifetime lifetime, ILogger<DaemonSchedule> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(coordinator.BeginShutdown);
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var plan in plans)
            foreach (var kind in new[] { JobKind.Pull, JobKind.Export })
            {
                var interval = plan.Interval(kind);
                DateTimeOffset first;
                try
                {
                    var last = ScheduleKeys.Parse(await work.GetValueAsync(plan.Tenant, ScheduleKeys.Last(kind), cancellationToken));
                    first = ScheduleKeys.FirstFire(last, interval, time.GetUtcNow());
                    await work.SetValueAsync(plan.Tenant, ScheduleKeys.Next(kind), ScheduleKeys.Format(first), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One tenant's unusable state must not stop the daemon for every tenant (issue 11).
                    log.LogError("{Tenant} {Kind}: its state cannot be read ({Reason}); its runs will fail until it is fixed, the other tenants run",
                        plan.Tenant, kind.ToString().ToLowerInvariant(), e.Message);
                    first = time.GetUtcNow();
                }
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
