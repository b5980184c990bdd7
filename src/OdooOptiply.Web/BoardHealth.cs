// /healthz: the process answers (no check). /readyz: every tenant's state store answers a read, and the
// scheduler is running. Both answer in plain text, one line per check with its reason; 503 when unhealthy.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Web;

public static class BoardHealth
{
    private const string Ready = "ready";

    public static void Add(IServiceCollection services) => services.AddHealthChecks()
        .AddCheck<StoreCheck>("state store", tags: [Ready])
        .AddCheck<SchedulerCheck>("scheduler", tags: [Ready]);

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext ctx, HealthReport report)
    {
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        var lines = new List<string> { report.Status.ToString().ToLowerInvariant() };
        lines.AddRange(report.Entries.Select(e => $"{e.Key}: {e.Value.Status.ToString().ToLowerInvariant()}{(e.Value.Description is { } d ? " — " + d : "")}"));
        return ctx.Response.WriteAsync(string.Join('\n', lines) + "\n");
    }

    internal sealed class StoreCheck(IBoardDaemon daemon) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var problems = new List<string>();
            foreach (var t in daemon.Tenants)
            {
                try { await (await daemon.StoreAsync(t.Name, ct)).GetValueAsync("daemon.pull.last", ct); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    problems.Add($"{t.Name}: {(e is StateStoreException ? e.Message : e.GetType().Name + ": " + e.Message)}");
                }
            }
            return problems.Count == 0 ? HealthCheckResult.Healthy($"{daemon.Tenants.Count} tenants' stores answer")
                : HealthCheckResult.Unhealthy(string.Join("; ", problems));
        }
    }

    internal sealed class SchedulerCheck(IBoardDaemon daemon) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            await daemon.SchedulerRunningAsync(ct) ? HealthCheckResult.Healthy("running") : HealthCheckResult.Unhealthy("the scheduler is not running");
    }
}
