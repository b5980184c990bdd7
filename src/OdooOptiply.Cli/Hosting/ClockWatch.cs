// Watches the host's wall clock against its monotonic clock (issue 10.10). Quartz computes each next firing on
// the wall clock: a clock that was a day ahead and is then set right leaves every trigger a day in the future, so
// no pull or export would run for a day. When the two clocks part by more than Tolerance, every tenant's jobs are
// put back on the schedule from the corrected clock (what was due fires now, the cadence goes on from there).
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

public sealed class ClockWatch(ISchedulerFactory factory, IReadOnlyList<TenantPlan> plans, ITenantWork work, TimeProvider time,
    ILogger<ClockWatch> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var (wall, mark) = (time.GetUtcNow(), time.GetTimestamp());
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(Every, time, stop); }
            catch (OperationCanceledException) { return; }
            var (now, at) = (time.GetUtcNow(), time.GetTimestamp());
            var jump = now - (wall + time.GetElapsedTime(mark, at));
            (wall, mark) = (now, at);
            if (jump.Duration() <= Tolerance) continue;
            log.LogWarning("the clock moved by {Jump} against the time that passed; every tenant's next runs are set again from the corrected clock", jump);
            await RescheduleAsync(now, stop);
        }
    }

    private async Task RescheduleAsync(DateTimeOffset now, CancellationToken ct)
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
