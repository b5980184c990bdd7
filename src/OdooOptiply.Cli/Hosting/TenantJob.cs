// The one Quartz job type: "run this tenant's pull (or export)". Its job key is (kind, tenant), and
// [DisallowConcurrentExecution] makes Quartz never start a second firing of the same key while one runs.
using Quartz;

namespace OdooOptiply.Cli.Hosting;

[DisallowConcurrentExecution]
public sealed class TenantJob(JobCoordinator coordinator) : IJob
{
    public const string TenantKey = "tenant";
    public const string KindKey = "kind";

    public static JobKey Key(string tenant, JobKind kind) => new(ScheduleKeys.Name(kind), tenant);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var tenant = context.MergedJobDataMap.GetString(TenantKey)!;
        var kind = Enum.Parse<JobKind>(context.MergedJobDataMap.GetString(KindKey)!);
        await coordinator.RunAsync(tenant, kind, context.NextFireTimeUtc, cancellationToken);
    }
}
