// Scheduler tests that DRIVE time (FakeTimeProvider given to Quartz) instead of waiting for it: the 30/15
// minute cadence, no overlapping runs, a long gap fires once, a restart after downtime runs once at start,
// bounded parallelism across tenants, and shutdown in the middle of a run. Nothing waits on the wall clock:
// runs are awaited as the stand-in work reports them, "no extra firing" is checked once Quartz's own store
// says nothing is due or in flight, and the grace period is advanced once its timer is armed.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Sync.Config;
using Quartz;

namespace OdooOptiply.Cli.Tests.Hosting;

public sealed class DaemonScheduleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private readonly DrivenTime _time = new(T0);
    private readonly FakeTenantWork _work;
    private IHost? _host;

    public DaemonScheduleTests() => _work = new FakeTenantWork(_time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _work.Hold?.TrySetResult();
        if (_host is not null) { await _host.StopAsync(); _host.Dispose(); }
    }

    private async Task StartAsync(DaemonOptions? options = null, params TenantConfig[] tenants)
    {
        _host = DaemonHost.Build(tenants.Length > 0 ? tenants : [Tenant("acme")], options ?? new DaemonOptions(), _time, _ => _work, _ => { });
        await _host.StartAsync();
    }

    private static TenantConfig Tenant(string name, int pull = 30, int export = 15) => new(name,
        new OdooConnection(new Uri("http://127.0.0.1:9/"), "db", "u", "p", null, "xmlrpc", null),
        new OptiplyConnection("c", "s", "u", "p", 1, 1, new Uri("http://127.0.0.1:9/v1/"), new Uri("http://127.0.0.1:9/token")),
        new SyncFlags(), new RunSettings { PullMinutes = pull, ExportMinutes = export });

    private Task Until(Func<bool> condition, string what) => _work.Changes.UntilAsync(condition, what);

    /// <summary>
    /// Quartz has dealt with the current time: every trigger waits for a later time, except <paramref name="blocked"/>
    /// triggers whose job is executing (running, or waiting for the tenant's gate) or blocked behind it. Nothing can start until the clock moves, so an extra
    /// (wrong) firing would already be in the counts. Quartz's store cannot notify, so this looks again until it holds.
    /// </summary>
    private async Task Settle(int blocked = 0)
    {
        var scheduler = await _host!.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var seen = "";
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                var (held, quiet, states) = (0, true, new List<string>());
                foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup()))
                {
                    var state = await scheduler.GetTriggerState(key);
                    var next = (await scheduler.GetTrigger(key))?.NextFireTimeUtc;
                    states.Add($"{key} {state} next {next:HH:mm:ss}");
                    if (state is TriggerState.Blocked or TriggerState.Executing) held++;
                    else if (state != TriggerState.Normal || next <= _time.GetUtcNow()) quiet = false;
                }
                seen = string.Join(", ", states);
                return quiet && held == blocked;
            }, "the scheduler to be quiet");
        }
        catch (TimeoutException) { Assert.Fail($"the scheduler never got quiet with {blocked} blocked trigger(s) at {_time.GetUtcNow():HH:mm:ss}: {seen}"); }
    }

    private async Task AdvanceAsync(TimeSpan by, int pulls, int exports)
    {
        _time.Advance(by);
        await Until(() => _work.Count("acme", JobKind.Pull) >= pulls && _work.Count("acme", JobKind.Export) >= exports, $"{pulls} pulls and {exports} exports");
    }

    [Fact]
    public async Task Start_FreshTenant_PullsEvery30AndExportsEvery15Minutes()
    {
        await StartAsync();
        await Until(() => _work.Runs.Count == 2, "the first runs at start");
        for (var step = 1; step <= 4; step++) await AdvanceAsync(TimeSpan.FromMinutes(15), 1 + step / 2, 1 + step);
        await Settle();
        Assert.Equal(3, _work.Count("acme", JobKind.Pull));
        Assert.Equal(5, _work.Count("acme", JobKind.Export));
        Assert.Equal([T0, T0.AddMinutes(30), T0.AddMinutes(60)], _work.Runs.Where(r => r.Kind == JobKind.Pull).Select(r => r.At));
    }

    [Fact]
    public async Task Start_ConfiguredIntervals_ArePerTenant()
    {
        await StartAsync(null, Tenant("acme", pull: 60, export: 10));
        await Until(() => _work.Runs.Count == 2, "the first runs");
        for (var step = 1; step <= 6; step++) { _time.Advance(TimeSpan.FromMinutes(10)); await Until(() => _work.Count("acme", JobKind.Export) == 1 + step, "exports"); }
        await Until(() => _work.Count("acme", JobKind.Pull) == 2, "the hourly pull");
        await Settle();
        Assert.Equal(2, _work.Count("acme", JobKind.Pull));
        Assert.Equal(7, _work.Count("acme", JobKind.Export));
    }

    [Fact]
    public async Task Misfire_FiveHourGap_FiresOnceNotTenTimes()
    {
        await StartAsync();
        await Until(() => _work.Runs.Count == 2, "the first runs");
        await AdvanceAsync(TimeSpan.FromHours(5), 2, 2);
        await Settle();
        Assert.Equal(2, _work.Count("acme", JobKind.Pull));
        Assert.Equal(2, _work.Count("acme", JobKind.Export));
        await AdvanceAsync(TimeSpan.FromMinutes(15), 2, 3); // and the cadence goes on from there
    }

    [Fact]
    public async Task Start_MissedWhileDown_RunsOnceAtStartElseWaitsForTheRestOfTheInterval()
    {
        await _work.SetValueAsync("acme", ScheduleKeys.Last(JobKind.Pull), ScheduleKeys.Format(T0.AddHours(-3)), default);
        await _work.SetValueAsync("acme", ScheduleKeys.Last(JobKind.Export), ScheduleKeys.Format(T0.AddMinutes(-5)), default);
        await StartAsync();
        await Until(() => _work.Count("acme", JobKind.Pull) == 1, "the overdue pull");
        await Settle();
        Assert.Equal(1, _work.Count("acme", JobKind.Pull));
        Assert.Equal(0, _work.Count("acme", JobKind.Export));
        Assert.Equal(ScheduleKeys.Format(T0.AddMinutes(10)), await _work.GetValueAsync("acme", ScheduleKeys.Next(JobKind.Export), default));
        await AdvanceAsync(TimeSpan.FromMinutes(10), 1, 1);
        Assert.Equal(T0.AddMinutes(10), _work.Runs.Single(r => r.Kind == JobKind.Export).At);
    }

    [Fact]
    public async Task SlowRun_IntervalsPass_NeverTwoRunsOfATenantAtOnce()
    {
        _work.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync();
        await Until(() => _work.Runs.Count == 1, "the first run to start");
        // Both triggers are blocked: the pull behind its held run, the export behind the tenant's gate.
        for (var i = 0; i < 6; i++) { _time.Advance(TimeSpan.FromMinutes(15)); await Settle(blocked: 2); }
        Assert.Single(_work.Runs); // the other job waits for the tenant; the same job is never started twice
        _work.Hold.SetResult();
        await Until(() => _work.Runs.Count >= 2, "the waiting job");
        Assert.Equal(1, _work.MaxRunningPerTenant);
    }

    [Fact]
    public async Task ManyTenants_MaxParallelOne_RunOneAtATime()
    {
        _work.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync(new DaemonOptions(MaxParallelTenants: 1), Tenant("acme"), Tenant("beta"), Tenant("gamma"));
        await Until(() => _work.Runs.Count == 1, "one run");
        await Settle(blocked: 6); // every tenant's two jobs fired: one runs, five wait for their turn
        Assert.Single(_work.Runs);
        _work.Hold.SetResult();
        await Until(() => _work.Runs.Count == 6, "every tenant's two jobs");
    }

    [Fact]
    public async Task Shutdown_MidRun_RunStopsAtItsNextSafePointAndNothingNewStarts()
    {
        _work.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync();
        await Until(() => _work.Runs.Count == 1, "a run in progress");
        var stop = _host!.StopAsync();
        await stop.WaitAsync(Changes.DefaultHang); // a hang bound only
        Assert.Equal(1, _work.Stopped);
        Assert.Equal(0, _work.Aborted);
        Assert.Single(_work.Runs); // the export that was waiting for the tenant never started
        Assert.NotNull(await _work.GetValueAsync("acme", ScheduleKeys.Last(_work.Runs.Single().Kind), default));
        _host.Dispose();
        _host = null;
    }

    [Fact]
    public async Task Shutdown_RunIgnoresStop_IsAbortedAfterTheGracePeriod()
    {
        _work.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.HonoursStop = false;
        await StartAsync(new DaemonOptions(ShutdownGrace: TimeSpan.FromMinutes(2)));
        await Until(() => _work.Runs.Count == 1, "a run in progress");
        var stop = _host!.StopAsync();
        await Until(() => _work.StopsAsked == 1, "the stop request to reach the run");
        var graceEnds = _time.GetUtcNow() + TimeSpan.FromMinutes(2);
        await _time.ArmedAsync(due => due == graceEnds, "the grace period's timer");
        Assert.False(stop.IsCompleted); // still inside the grace period
        _time.Advance(TimeSpan.FromMinutes(2));
        await stop.WaitAsync(Changes.DefaultHang); // a hang bound only
        Assert.Equal(1, _work.Aborted);
        _host.Dispose();
        _host = null;
    }

    [Theory]
    [InlineData(null, 0, 0)]        // never ran: now
    [InlineData(-10, 30, 20)]       // ran 10 min ago, every 30: in 20
    [InlineData(-300, 30, 0)]       // ran 5 h ago: now, once
    [InlineData(1440, 30, 0)]       // "ran" a day from now (the clock was ahead, since corrected): now, not in a day
    public void FirstFire_LastRun_IsOneIntervalLaterOrNow(int? lastMinutesAgo, int every, int expectedIn)
    {
        var last = lastMinutesAgo is { } m ? T0.AddMinutes(m) : (DateTimeOffset?)null;
        Assert.Equal(T0.AddMinutes(expectedIn), ScheduleKeys.FirstFire(last, TimeSpan.FromMinutes(every), T0));
    }
}
