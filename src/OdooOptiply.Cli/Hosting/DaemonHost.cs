// Builds the daemon: a .NET generic host (Ctrl-C / SIGTERM handling, logging) with Quartz.NET in memory
// (one scheduler, the host's TimeProvider so tests drive time), the coordinator, each tenant's jobs, and
// the work (real sessions, or a test's stand-in). Jobs are never interrupted by Quartz: the coordinator
// owns graceful stop (finish within the grace period, then cancel; state is saved as runs go). The work is
// observed (metrics, traces, what runs now); with a board (--http) the web server runs in the same host.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OdooOptiply.Sync.Config;
using OdooOptiply.Web;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

public static class DaemonHost
{
    public static IHost Build(IReadOnlyList<TenantConfig> tenants, DaemonOptions options, TimeProvider? time = null,
        Func<IServiceProvider, ITenantWork>? work = null, Action<ILoggingBuilder>? logging = null, BoardOptions? board = null)
    {
        var clock = time ?? TimeProvider.System;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        else Commands.DaemonLogging.Configure(builder.Logging, options.Log);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Grace + TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IReadOnlyList<TenantPlan>>(tenants.Select(t =>
            new TenantPlan(t.Name, options.Unit * t.Run.PullMinutes, options.Unit * t.Run.ExportMinutes)).ToList());
        var inner = work ?? (sp => new TenantWork(new TenantCatalog(tenants), sp.GetRequiredService<ILoggerFactory>(), clock, maxRunsPerOdooHost: options.MaxRunsPerOdooHost,
            maxConnectionsPerOdooHost: options.MaxConnectionsPerOdooHost) { TracePath = options.Log?.Trace });
        builder.Services.AddSyncTelemetry();
        builder.Services.AddSingleton(sp => new ObservedTenantWork(inner(sp), sp.GetRequiredService<SyncTelemetry>(), clock));
        builder.Services.AddSingleton<ITenantWork>(sp => sp.GetRequiredService<ObservedTenantWork>());
        builder.Services.AddSingleton<JobCoordinator>();
        builder.Services.AddTransient<TenantJob>();
        builder.Services.AddQuartz(q =>
        {
            // Quartz keeps schedulers in a process-wide repository keyed by their name: two daemons in one process (the
            // tests) must not share one. The in-memory daemon's name is its own, below (the cluster's,
            // ClusterHost.SchedulerName, must be shared by its nodes).
            q.UseTimeProvider(clock);
            // Every job may wait on its tenant's gate without starving the others' timing; the coordinator bounds real work.
            q.UseDefaultThreadPool(Math.Max(4, tenants.Count * 2));
            q.ConfigureScheduler(s =>
            {
                s.ShutdownJobInterruption = ShutdownJobInterruption.Never;
                s.InstanceName = $"odoo-optiply-daemon-{Guid.NewGuid():N}";
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<DaemonSchedule>();
        builder.Services.AddSingleton<IScheduleReset, PlanScheduleReset>();
        builder.Services.AddHostedService<ClockWatch>();
        builder.Services.AddSingleton(sp => new MetricsHistory(() => tenants.Select(t => t.Name), sp.GetRequiredService<ITenantWork>(), sp.GetRequiredService<SyncTelemetry>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsHistory>());
        // Under systemd: READY=1 once started, STOPPING=1 on stop, journal-friendly logs; the watchdog pings while the scheduler runs.
        builder.Services.AddSystemd();
        builder.Services.AddHostedService<SystemdWatchdog>();
        if (board is not null)
        {
            var rows = BoardBridge.Of(tenants, options.Unit);
            builder.Services.AddSingleton<IBoardDaemon>(sp => new BoardBridge(() => rows,
                sp.GetRequiredService<ObservedTenantWork>(), sp.GetRequiredService<ISchedulerFactory>(), clock));
            builder.Services.AddSyncBoard(board);
        }
        return builder.Build();
    }
}
