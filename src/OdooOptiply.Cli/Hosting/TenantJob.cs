// The one Quartz job type: "run this tenant's pull (or export)". Its job key is (kind, tenant), and
// [DisallowConcurrentExecution] makes Quartz never start a second firing of the same key while one runs.
// A firing asked for from the board carries who asked (RequestedByKey) and runs even when the tenant is
// paused; a scheduled firing of a paused tenant is skipped. A scheduled firing that finds the tenant's lease held by
// another process (a manual sync, another node running it) is skipped — the next one comes; a firing asked for from the
// board is not lost: it is put back into the scheduler's store a few seconds later (a one-shot trigger with the same
// request, in a cluster the shared store, so whichever node is free runs it), until the holder is done.
using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

[DisallowConcurrentExecution]
public sealed class TenantJob(JobCoordinator coordinator, ITenantWork work, TimeProvider time, ILogger<TenantJob> log) : IJob
{
    public const string TenantKey = "tenant";
    public const string KindKey = "kind";
    public const string RequestedByKey = "requestedBy";
    public const string AttemptKey = "attempt";
    /// <summary>A board request that finds the tenant busy elsewhere is tried again this much later, at most MaxAttempts times
    /// (longer than a lease's default TTL: a holder that died frees it within that).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    public const int MaxAttempts = 100;

    public static JobKey Key(string tenant, JobKind kind) => new(ScheduleKeys.Name(kind), tenant);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var tenant = context.MergedJobDataMap.GetString(TenantKey)!;
        var kind = Enum.Parse<JobKind>(context.MergedJobDataMap.GetString(KindKey)!);
        if (context.MergedJobDataMap.GetString(RequestedByKey) is null && await PausedAsync(tenant, cancellationToken) is { } paused)
        {
            log.LogInformation("{Tenant} {Job}: skipped, paused by {Who}", tenant, ScheduleKeys.Name(kind), paused);
            return;
        }
        // A pull pushed by Odoo webhooks names its streams in "requested by": the run is narrowed to them (PushRequest).
        using (OdooOptiply.Sync.Push.PushRequest.Begin(context.MergedJobDataMap.GetString(RequestedByKey)))
            if (await coordinator.RunAsync(tenant, kind, context.NextFireTimeUtc, cancellationToken)) return;
        if (context.MergedJobDataMap.GetString(RequestedByKey) is not { } requestedBy) return;
        var attempt = int.TryParse(context.MergedJobDataMap.GetString(AttemptKey), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
        if (attempt + 1 >= MaxAttempts)
        {
            log.LogWarning("{Tenant} {Job}: run now asked by {Who} given up after {Attempts} tries: the tenant stayed busy", tenant, ScheduleKeys.Name(kind), requestedBy, attempt + 1);
            return;
        }
        var retry = TriggerBuilder.Create(time).ForJob(context.JobDetail.Key)
            .UsingJobData(RequestedByKey, requestedBy).UsingJobData(AttemptKey, (attempt + 1).ToString(CultureInfo.InvariantCulture))
            .StartAt(time.GetUtcNow() + RetryDelay).Build();
        await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), cancellationToken);
        log.LogInformation("{Tenant} {Job}: run now asked by {Who} waits for the tenant's lease; tried again in {Seconds} s", tenant, ScheduleKeys.Name(kind), requestedBy, RetryDelay.TotalSeconds);
    }

    private async Task<string?> PausedAsync(string tenant, CancellationToken ct)
    {
        // A state that cannot be read is no reason to skip: the run then fails and says why.
        try { return await work.GetValueAsync(tenant, ScheduleKeys.Paused, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; }
    }
}
