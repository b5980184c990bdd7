// Issue 10.10 in the daemon: the host's clock a day ahead, then set right. Quartz had computed the next firings
// on the wrong clock (a day away); ClockWatch sees the wall clock part from the monotonic one and puts every job
// back on the schedule, so the pull and export that are due run at once instead of a day later. Time is driven:
// a DrivenTime for the timers and the monotonic clock, a wall clock that can be set back on top of it; each
// 30 s step is taken once ClockWatch waits for its next look.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Cli.Tests.Hosting;

public sealed class ClockJumpTests
{
    /// <summary>The fake's timers and monotonic clock, with a wall clock offset a test can change (a clock set by hand).</summary>
    private sealed class SettableWallClock(DrivenTime fake) : TimeProvider
    {
        public TimeSpan Offset { get; set; }
        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow() + Offset;
        public override long GetTimestamp() => fake.GetTimestamp();
        public override long TimestampFrequency => fake.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => fake.CreateTimer(callback, state, dueTime, period);
    }

    [Fact]
    public async Task HostClockADayAheadThenSetRight_TheDueRunsFireAtOnceNotADayLater()
    {
        var fake = new DrivenTime(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var clock = new SettableWallClock(fake) { Offset = TimeSpan.FromDays(1) }; // a day ahead at start
        var work = new FakeTenantWork(fake);
        var tenant = new TenantConfig("acme", new OdooConnection(new Uri("http://127.0.0.1:9/"), "db", "u", "p", null, "xmlrpc", null),
            new OptiplyConnection("c", "s", "u", "p", 1, 1, new Uri("http://127.0.0.1:9/v1/"), new Uri("http://127.0.0.1:9/token")),
            new SyncFlags(), new RunSettings { PullMinutes = 5, ExportMinutes = 15 });
        var log = new OdooOptiply.TestKit.ListLogger();
        using var host = DaemonHost.Build([tenant], new DaemonOptions(), clock, _ => work, l => l.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
        await host.StartAsync();
        try
        {
            await work.Changes.UntilAsync(() => work.Runs.Count == 2, "the first pull and export at start");
            clock.Offset = TimeSpan.Zero; // the clock is set right: a day back
            // Time passes in ClockWatch's 30 s looks until the pull has run again: the reset puts it at the tenant's jitter
            // phase, within one or two 5-minute intervals; at most 12 minutes of looks (a day later is the bug).
            for (var i = 0; i < 24 && work.Count("acme", JobKind.Pull) < 2; i++)
            {
                var look = fake.GetUtcNow() + ClockWatch.Every;
                await fake.ArmedAsync(due => due == look, "ClockWatch waiting for its next look");
                fake.Advance(ClockWatch.Every);
            }
            // Quartz's scheduler thread may take a moment of real time to pick the reset trigger up (its own waits).
            try { await work.Changes.UntilAsync(() => work.Count("acme", JobKind.Pull) >= 2, "the pull that fell due after the clock was set right"); }
            catch (TimeoutException e)
            {
                // What the scheduler holds: a trigger left a day away (ClockWatch missed the jump) or one Quartz did not wake for.
                var scheduler = await host.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
                var triggers = new List<string>();
                foreach (var kind in new[] { JobKind.Pull, JobKind.Export })
                {
                    var key = new Quartz.TriggerKey(ScheduleKeys.Name(kind), "acme");
                    triggers.Add($"{key}: next {(await scheduler.GetTrigger(key))?.NextFireTimeUtc:O}, {await scheduler.GetTriggerState(key)}");
                }
                throw new TimeoutException($"{e.Message}; driven now {fake.GetUtcNow():O}, wall {clock.GetUtcNow():O}\n" +
                    $"runs: {string.Join("; ", work.Runs.Select(r => $"{r.Kind} at {r.At:O}"))}\ntriggers:\n{string.Join("\n", triggers)}\nlog:\n" +
                    string.Join("\n", log.Lines.TakeLast(60)), e);
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
