// /metrics after a known real run (names, labels per job/flow/outcome only, values equal to the run's
// report), /healthz and /readyz when all is well, with a tenant's state store unusable, and with the
// scheduler stopped.
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OdooOptiply.Web;
using Quartz;

namespace OdooOptiply.Web.Tests;

[Collection(BoardCollection.Name)]
public sealed partial class MetricsHealthTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Metrics_AfterARealPull_CountTheRunAndItsRecordsPerFlow()
    {
        await using var w = await BoardWorld.StartAsync();
        await w.Host.Services.GetRequiredService<IBoardDaemon>().RunNowAsync("acme", BoardJob.Pull, "test", default);
        await BoardWorld.Until(async () => (await w.RunsAsync("acme")).Count == 1, "acme's pull");
        var run = (await w.RunsAsync("acme")).Single();
        Assert.True(run.Succeeded, run.Reason);

        var text = await Http.GetStringAsync(new Uri(w.Board, "metrics"));
        Assert.Equal(1, Value(text, "odoo_optiply_runs_total", "job=\"pull\",outcome=\"ok\""));
        Assert.Equal(1, Value(text, "odoo_optiply_run_duration_seconds_count", "job=\"pull\",outcome=\"ok\""));
        var products = run.Streams.Single(s => s.Stream == "products");
        Assert.True(products.Created > 0);
        Assert.Equal(products.Created + products.Updated + products.Deleted, Value(text, "odoo_optiply_records_written_total", "flow=\"products\""));
        var buyOrders = run.Streams.Where(s => s.Stream is "buyOrders" or "buyOrderLines").Sum(s => s.Created + s.Updated + s.Deleted);
        Assert.Equal(buyOrders, Value(text, "odoo_optiply_records_written_total", "flow=\"buyOrders\""));
        Assert.Equal(0, Value(text, "odoo_optiply_records_rejected_total", "flow=\"products\""));
        // The age is the oldest tenant's: slowco's last pull, 50 minutes ago in its state store (brokenco's products stream
        // last succeeded 5 minutes ago, in a pull that failed later), read at start (MetricsHistory), not only the runs this
        // process has seen.
        await w.Host.Services.GetRequiredService<OdooOptiply.Cli.Hosting.MetricsHistory>().Reading;
        text = await Http.GetStringAsync(new Uri(w.Board, "metrics"));
        Assert.Equal(50 * 60, Value(text, "odoo_optiply_last_success_age_seconds", "flow=\"products\""));

        // Ten fake minutes later the age of the last success says so.
        w.Clock.Advance(TimeSpan.FromMinutes(10));
        text = await Http.GetStringAsync(new Uri(w.Board, "metrics"));
        Assert.Equal(60 * 60, Value(text, "odoo_optiply_last_success_age_seconds", "flow=\"products\""));
        // Per-tenant detail stays out of the labels.
        Assert.DoesNotContain("tenant=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("acme", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AllWell_AliveAndReady()
    {
        await using var w = await BoardWorld.StartAsync();
        var alive = await Http.GetAsync(new Uri(w.Board, "healthz"));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var ready = await Http.GetAsync(new Uri(w.Board, "readyz"));
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("state store: healthy", body, StringComparison.Ordinal);
        Assert.Contains("scheduler: healthy", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_AStateStoreUnusable_Is503WithTheReason_HealthzStillAlive()
    {
        await using var w = await BoardWorld.StartAsync(prepare: world => File.WriteAllText(world.StatePath("brokenco"), "this is not a database, it is a note"));
        var ready = await Http.GetAsync(new Uri(w.Board, "readyz"));
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("state store: unhealthy", body, StringComparison.Ordinal);
        Assert.Contains("brokenco: The state database", body, StringComparison.Ordinal);
        Assert.Contains("scheduler: healthy", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(w.Board, "healthz"))).StatusCode);
        // The board shows the tenant as failing and says why; the others as before.
        var board = await Http.GetStringAsync(w.Board);
        Assert.Contains("state store cannot be read", board, StringComparison.Ordinal);
        Assert.Contains("data-tenant=\"slowco\" data-state=\"late\"", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_SchedulerInStandby_Is503()
    {
        await using var w = await BoardWorld.StartAsync();
        await (await w.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Standby();
        var ready = await Http.GetAsync(new Uri(w.Board, "readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("scheduler: unhealthy — the scheduler is not running", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The value of one sample of the Prometheus text: name{labels} value.</summary>
    private static double Value(string text, string name, string labels)
    {
        foreach (Match m in Sample().Matches(text))
            if (m.Groups["name"].Value == name && m.Groups["labels"].Value.Split(',').Where(l => !l.StartsWith("otel_scope", StringComparison.Ordinal)).SequenceEqual(labels.Split(',')))
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        Assert.Fail($"no sample {name}{{{labels}}} in:\n{text}");
        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
