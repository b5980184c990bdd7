// Tests for JobCoordinator: a firing that finds its tenant leased by another process (a manual sync or
// export) is skipped with one warning line naming the holder, and the next firing runs as usual.
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Cli.Tests.Reliability;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Cli.Tests.Hosting;

public sealed class JobCoordinatorTests
{
    [Fact]
    public async Task RunAsync_TenantLeasedByAnotherProcess_SkipsTheFiringWithAWarning()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var work = new FakeTenantWork(time) { LeasedBy = new Lease(TenantLease.Job, "4242@box/abcdef (export)", time.GetUtcNow().UtcDateTime, time.GetUtcNow().UtcDateTime.AddMinutes(3)) };
        var logs = new ListLogger();
        using var coordinator = new JobCoordinator(work, new DaemonOptions(), time, logs.CreateLogger<JobCoordinator>());

        await coordinator.RunAsync("acme", JobKind.Export, null, default);
        var line = Assert.Single(logs.Lines, l => l.Text.Contains("skipped", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Contains("acme export: skipped, tenant acme is being synced by 4242@box/abcdef (export) since 2026-11-27 09:00:00 UTC; try again later", line.Text);
        Assert.DoesNotContain(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error);

        work.LeasedBy = null;
        await coordinator.RunAsync("acme", JobKind.Export, null, default);
        Assert.Single(logs.Lines, l => l.Text.Contains("acme export: ok", StringComparison.Ordinal));
    }
}
