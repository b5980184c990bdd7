// The one Quartz job type: "run this tenant's pull (or export)". Its job key is (kind, tenant), and
// [DisallowConcurrentExecution] makes Quartz never start a second firing of the same key while one runs.
// A firing asked for from the board carries who asked (RequestedByKey) and runs even when the tenant is
// paused; a scheduled firing of a paused tenant is skipped.
using Microsoft.Extensions.Logging;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

[DisallowConcurrentExecution]
public sealed class TenantJob(JobCoordinator coordinator, ITenantWork work, ILogger<TenantJob> log) : IJob
{
    public const string TenantKey = "tenant";
    public const string KindKey = "kind";
    public const string RequestedByKey = "requestedBy";

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
        using var pushed = OdooOptiply.Sync.Push.PushRequest.Begin(context.MergedJobDataMap.GetString(RequestedByKey));
        await coordinator.RunAsync(tenant, kind, context.NextFireTimeUtc, cancellationToken);
    }

    private async Task<string?> PausedAsync(string tenant, CancellationToken ct)
    {
        // A state that cannot be read is no reason to skip: the run then fails and says why.
        try { return await work.GetValueAsync(tenant, ScheduleKeys.Paused, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; }
    }
}
