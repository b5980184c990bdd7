// Watches the host's wall clock against its monotonic clock (issue 10.10). Quartz computes each next firing on
// the wall clock: a clock that was a day ahead and is then set right leaves every trigger a day in the future, so
// no pull or export would run for a day. When the two clocks part by more than Tolerance, every tenant's jobs are
// put back on the schedule from the corrected clock (IScheduleReset: the fixed list's from each job's last run,
// the tenant folder's or table's at its jitter phase; ScheduleReset.cs).
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Cli.Hosting;

public sealed class ClockWatch(IScheduleReset reset, TimeProvider time, ILogger<ClockWatch> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(2);

    private (DateTimeOffset Wall, long Mark) _start;

    /// <summary>Both clocks are read as the host starts, not when ExecuteAsync gets a thread (since .NET 10 it runs on the
    /// thread pool, after StartAsync returns): a jump between the two would otherwise be taken for the baseline and missed.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _start = (time.GetUtcNow(), time.GetTimestamp());
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var (wall, mark) = _start;
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(Every, time, stop); }
            catch (OperationCanceledException) { return; }
            var (now, at) = (time.GetUtcNow(), time.GetTimestamp());
            var jump = now - (wall + time.GetElapsedTime(mark, at));
            (wall, mark) = (now, at);
            if (jump.Duration() <= Tolerance) continue;
            log.LogWarning("the clock moved by {Jump} against the time that passed; every tenant's next runs are set again from the corrected clock", jump);
            await reset.ResetAsync(now, stop);
        }
    }
}
