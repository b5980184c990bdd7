// The daemon's schedule when its tenants come from a folder of tenant files (`run --tenants-dir`), alone
// or as one node of a cluster (Quartz's clustered AdoJobStore on PostgreSQL, DaemonHost.BuildCluster):
// the folder is read again every rescan interval and each tenant × flow (pull, export) gets one job whose
// trigger starts at a stable offset inside its interval (jitter: a thousand tenants do not all fire at
// :00), is changed when the tenant's interval changes and deleted when its file is gone. Misfires (every
// node down, or the pool full) fire at the next slot in the tenant's own phase (NextWithRemainingCount),
// so a restart does not bunch every tenant together. Jobs ask for recovery: a run on a node that died is
// run again by another node. In a cluster every node does this against the shared store; creating a job
// another node just created is a no-op.
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

public sealed class FolderSchedule(ISchedulerFactory factory, TenantCatalog catalog, DaemonOptions options, JobCoordinator coordinator,
    TimeProvider time, IHostApplicationLifetime lifetime, ILogger<FolderSchedule> log) : BackgroundService
{
    /// <summary>Where in its interval a tenant's job fires: the same on every node and every restart, spread evenly.</summary>
    public static TimeSpan Jitter(string tenant, JobKind kind, TimeSpan interval) =>
        interval <= TimeSpan.Zero ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)(BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}/{ScheduleKeys.Name(kind)}"))) % (ulong)interval.Ticks));

    public static TimeSpan Interval(OdooOptiply.Sync.Config.TenantConfig config, JobKind kind, DaemonOptions options) =>
        options.Unit * (kind == JobKind.Pull ? config.Run.PullMinutes : config.Run.ExportMinutes);

    /// <summary>A tenant job's trigger from <paramref name="now"/>: first at its jitter phase, then every interval; a misfire
    /// fires at the next slot of that phase. Used at scheduling and when the clock jumped (FolderScheduleReset).</summary>
    public static ITrigger Trigger(TimeProvider time, TriggerKey key, JobKey job, string tenant, JobKind kind, TimeSpan interval, DateTimeOffset now) =>
        TriggerBuilder.Create(time).WithIdentity(key).ForJob(job).StartAt(now + Jitter(tenant, kind, interval))
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lifetime.ApplicationStopping.Register(coordinator.BeginShutdown);
        var scheduler = await factory.GetScheduler(stoppingToken);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var changes = catalog.Scan();
                foreach (var p in changes.Problems) log.LogError("tenant file {Problem}", p);
                if (first || changes.Any)
                {
                    var touched = first ? catalog.All.Select(t => t.Name).ToList() : changes.Added.Concat(changes.Changed).ToList();
                    foreach (var tenant in touched) await EnsureJobsAsync(scheduler, tenant, stoppingToken);
                    await RemoveGoneAsync(scheduler, stoppingToken);
                    log.LogInformation("tenants: {Count} scheduled ({Added} added, {Changed} changed, {Removed} removed)",
                        catalog.All.Count, changes.Added.Count, changes.Changed.Count, changes.Removed.Count);
                    first = false;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The shared store unreachable for a moment, a folder being rewritten: the next scan tries again.
                log.LogError("tenant scan failed: {Reason}", e.Message);
            }
            try { await Task.Delay(options.Rescan, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task EnsureJobsAsync(IScheduler scheduler, string tenant, CancellationToken ct)
    {
        if (catalog.Find(tenant) is not { } config) return;
        foreach (var kind in new[] { JobKind.Pull, JobKind.Export })
        {
            var interval = Interval(config, kind, options);
            var triggerKey = new TriggerKey(ScheduleKeys.Name(kind), tenant);
            if (await scheduler.GetTrigger(triggerKey, ct) is ISimpleTrigger existing && existing.RepeatInterval == interval) continue;
            var job = JobBuilder.Create<TenantJob>().WithIdentity(TenantJob.Key(tenant, kind)).DisallowConcurrentExecution(true).RequestRecovery(true)
                .UsingJobData(TenantJob.TenantKey, tenant).UsingJobData(TenantJob.KindKey, kind.ToString()).StoreDurably(false).Build();
            var trigger = Trigger(time, triggerKey, job.Key, tenant, kind, interval, time.GetUtcNow());
            try { await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct); }
            catch (ObjectAlreadyExistsException) { /* another node made it a moment ago */ }
        }
    }

    private async Task RemoveGoneAsync(IScheduler scheduler, CancellationToken ct)
    {
        if (!catalog.Dynamic || catalog.Folder is not null && !Directory.Exists(catalog.Folder)) return;
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct))
            if (catalog.Find(key.Group) is null && await scheduler.DeleteJob(key, ct))
                log.LogInformation("{Tenant} {Job}: unscheduled, its tenant file (or row) is gone", key.Group, key.Name);
    }
}
