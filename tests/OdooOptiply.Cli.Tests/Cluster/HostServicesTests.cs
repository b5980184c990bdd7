// Every daemon host has the same services around its scheduler (issue 15): the fixed list (`run --config`,
// DaemonHost), the tenant folder alone (ClusterHost without a cluster) and a cluster node (ClusterHost on PostgreSQL).
// For each: ClockWatch runs with its host's kind of reset, and putting a trigger a day ahead (what a wrong clock does)
// then resetting from the corrected clock brings it back inside one interval; MetricsHistory reads the stored runs at
// start, so the board's /metrics says the last success was 50 minutes ago (a run written before the host started).
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Tests.TestSupport;
using OdooOptiply.Web;
using Quartz;

namespace OdooOptiply.Cli.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed partial class HostServicesTests(PostgresServer server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("host-services-").FullName;
    private static readonly HttpClient Http = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("list")]
    [InlineData("folder")]
    [InlineData("cluster")]
    public async Task Host_HasClockWatchAndMetricsHistory_OnItsBoard(string kind)
    {
        string? url = kind == "cluster" ? await server.CreateDatabaseAsync("hostsvc") : null;
        var tenants = Directory.CreateDirectory(Path.Combine(_dir, "tenants")).FullName;
        var file = Path.Combine(tenants, "acme.json");
        await File.WriteAllTextAsync(file, Tenant(url));
        var config = TenantConfigLoader.Load(file).GetOrThrow();
        var ago = DateTime.UtcNow.AddMinutes(-50);
        await using (var store = await StateStores.OpenAsync(config, CancellationToken.None))
            await store.SaveRunAsync(new RunReport("acme", ago, ago.AddSeconds(2), false,
                [new StreamReport("products", StreamStatus.Ok, 3, 0, 0, 0, 3, 0, 0, TimeSpan.FromSeconds(1), new Dictionary<string, long>(), [])]));

        var board = new BoardOptions("127.0.0.1:0", null);
        var options = new DaemonOptions(1, TimeSpan.FromSeconds(1));
        using var host = kind == "list"
            ? DaemonHost.Build([config], options, board: board)
            : await ClusterHost.BuildAsync(new TenantCatalog { Folder = tenants }, options,
                url is null ? null : new ClusterOptions(url, $"hostsvc-{Environment.ProcessId}"), CancellationToken.None, board);
        await host.StartAsync();
        try
        {
            var hosted = host.Services.GetServices<IHostedService>().ToList();
            Assert.Single(hosted.OfType<ClockWatch>());
            Assert.Single(hosted.OfType<MetricsHistory>());
            var reset = host.Services.GetRequiredService<IScheduleReset>();
            Assert.IsType(kind == "list" ? typeof(PlanScheduleReset) : typeof(FolderScheduleReset), reset);

            // The history was read from the store at start: the board's /metrics says 50 minutes.
            await host.Services.GetRequiredService<MetricsHistory>().Reading;
            var address = host.Services.GetRequiredService<BoardServer>().Address!;
            var age = Value(await Http.GetStringAsync(new Uri(address, "metrics")), "odoo_optiply_last_success_age_seconds", "flow=\"products\"");
            Assert.InRange(age, 50 * 60 - 5, 50 * 60 + 120);

            // A wrong clock leaves a trigger a day ahead; the clock watch's reset brings it back within one interval.
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var key = new TriggerKey(ScheduleKeys.Name(JobKind.Pull), "acme");
            await WaitAsync(async () => await scheduler.GetTrigger(key) is not null);
            var old = (await scheduler.GetTrigger(key))!;
            var ahead = TriggerBuilder.Create().WithIdentity(key).ForJob(old.JobKey).StartAt(DateTimeOffset.UtcNow.AddDays(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(30)).RepeatForever()).Build();
            await scheduler.RescheduleJob(key, ahead);
            Assert.True(NextFire((await scheduler.GetTrigger(key))!) > DateTimeOffset.UtcNow.AddHours(23));
            var now = DateTimeOffset.UtcNow;
            await reset.ResetAsync(now, CancellationToken.None);
            var next = NextFire((await scheduler.GetTrigger(key))!);
            Assert.NotNull(next);
            Assert.True(next <= now + TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(5), $"next pull {next:O}, corrected now {now:O}");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static DateTimeOffset? NextFire(ITrigger trigger) => trigger.NextFireTimeUtc;

    private static Task WaitAsync(Func<Task<bool>> done) => Eventually.TrueAsync(done, "the first scan to schedule a job", TimeSpan.FromMinutes(1));

    private string Tenant(string? url)
    {
        var config = new JsonObject
        {
            ["tenant"] = "acme", ["start_date"] = "2020-01-01",
            // Nothing answers here: a run that fires fails at once and changes no success.
            ["odoo"] = new JsonObject { ["url"] = "http://127.0.0.1:9/", ["db"] = "d", ["username"] = "u", ["password"] = "host-svc-pw", ["protocol"] = "xmlrpc" },
            ["optiply"] = new JsonObject { ["client_id"] = "c", ["client_secret"] = "s", ["username"] = "u", ["password"] = "p", ["base_url"] = "http://127.0.0.1:9/", ["token_url"] = "http://127.0.0.1:9/token" },
            ["schedule"] = new JsonObject { ["pull_minutes"] = 30, ["export_minutes"] = 30 },
        };
        if (url is null) config["state_path"] = Path.Combine(_dir, "acme.db"); else config["state"] = url;
        return config.ToJsonString();
    }

    private static double Value(string metrics, string name, string labels)
    {
        var m = Regex.Match(metrics, $@"^{Regex.Escape(name)}\{{[^}}]*{Regex.Escape(labels)}[^}}]*\}} (?<v>\S+)", RegexOptions.Multiline);
        Assert.True(m.Success, $"no {name}{{{labels}}} in\n{metrics}");
        return double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture);
    }
}
