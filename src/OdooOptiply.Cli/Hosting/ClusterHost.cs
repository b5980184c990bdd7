// Builds the daemon for a folder of tenant files: alone (Quartz in memory) or as one node of a cluster —
// Quartz.NET's AdoJobStore on the state's PostgreSQL database with clustering on, its tables installed by
// the program's migrations (PostgresMigrations 2). Each node runs at most MaxParallelTenants runs at once
// and its Quartz pool is that size, so a node never takes firings it cannot start. Whatever Quartz does on
// recovery or misfire, a tenant never runs on two nodes at once: every run holds the tenant's lease in
// PostgreSQL (database clock, epoch) and its writes are fenced by it (TenantWork, TenantLease).
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OdooOptiply.Sync.State.Postgres;
using OdooOptiply.Web;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

/// <param name="StateUrl">the postgresql:// URL of the shared state (and Quartz's job store)</param>
/// <param name="Node">this node's name in logs and in Quartz's scheduler state (unique per process)</param>
public sealed record ClusterOptions(string StateUrl, string Node, TimeSpan? CheckinInterval = null)
{
    public TimeSpan Checkin => CheckinInterval ?? TimeSpan.FromSeconds(7);
}

public static class ClusterHost
{
    public const string SchedulerName = "odoo-optiply";

    public static async Task<IHost> BuildAsync(TenantCatalog catalog, DaemonOptions options, ClusterOptions? cluster, CancellationToken ct,
        OdooOptiply.Web.BoardOptions? board = null)
    {
        string? connectionString = null;
        if (cluster is not null)
        {
            // Migrates the state schema and Quartz's tables before Quartz looks at them.
            await PostgresStateStore.DataSourceAsync(cluster.StateUrl, ct);
            connectionString = PostgresStateUrl.ToConnectionString(cluster.StateUrl);
        }
        var clock = TimeProvider.System;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Commands.DaemonLogging.Configure(builder.Logging, options.Log);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Grace + TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSyncTelemetry();
        builder.Services.AddSingleton(sp => new ObservedTenantWork(
            new TenantWork(catalog, sp.GetRequiredService<ILoggerFactory>(), clock, options.LeaseTtl, options.MaxRunsPerOdooHost, options.MaxConnectionsPerOdooHost) { TracePath = options.Log?.Trace },
            sp.GetRequiredService<OdooOptiply.Web.SyncTelemetry>(), clock));
        builder.Services.AddSingleton<ITenantWork>(sp => sp.GetRequiredService<ObservedTenantWork>());
        builder.Services.AddSingleton<JobCoordinator>();
        builder.Services.AddTransient<TenantJob>();
        builder.Services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(Math.Max(1, options.MaxParallelTenants));
            q.ConfigureScheduler(s =>
            {
                s.ShutdownJobInterruption = ShutdownJobInterruption.Never;
                s.InstanceName = SchedulerName;
                if (cluster is not null) s.InstanceId = cluster.Node;
            });
            if (cluster is null) return;
            q.UsePersistentStore(s =>
            {
                s.ConfigureStore(o =>
                {
                    o.StoreJobDataAsStrings = true;
                    // The tables are the program's migration (PostgresMigrations 2): Quartz only checks them.
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                    o.TablePrefix = "qrtz_";
                    // A firing later than this counts as missed and follows its misfire instruction (the next slot in its phase).
                    o.MisfireThreshold = options.Unit * 2 < TimeSpan.FromSeconds(60) ? options.Unit * 2 : TimeSpan.FromSeconds(60);
                });
                s.UsePostgres(connectionString!);
                s.UseSystemTextJsonSerializer();
                s.UseClustering(c =>
                {
                    c.CheckinInterval = cluster.Checkin;
                    c.CheckinMisfireThreshold = cluster.Checkin * 2;
                });
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<FolderSchedule>();
        // As the fixed-list host: the clock watch (triggers set again after a wall-clock jump, at each tenant's phase),
        // the metrics' age of the last success read from the (shared) store at start, and systemd's notify and watchdog.
        builder.Services.AddSingleton<IScheduleReset, FolderScheduleReset>();
        builder.Services.AddHostedService<ClockWatch>();
        builder.Services.AddSingleton(sp => new MetricsHistory(() => catalog.All.Select(t => t.Name), sp.GetRequiredService<ITenantWork>(),
            sp.GetRequiredService<OdooOptiply.Web.SyncTelemetry>(), catalog.Scanned));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsHistory>());
        builder.Services.AddSystemd();
        builder.Services.AddHostedService<SystemdWatchdog>();
        if (board is not null)
        {
            // The board reads the shared store; its rows follow the tenant folder or table as last scanned.
            builder.Services.AddSingleton<OdooOptiply.Web.IBoardDaemon>(sp => new BoardBridge(() => BoardBridge.Of(catalog.All, options.Unit),
                sp.GetRequiredService<ObservedTenantWork>(), sp.GetRequiredService<ISchedulerFactory>(), clock));
            builder.Services.AddSyncBoard(board);
        }
        return builder.Build();
    }
}
