// Where the daemon keeps each tenant's schedule facts: in the tenant's state store (key/value table), so
// a restart knows when each job last ran (a run missed while down happens once at start) and `status`
// can show the last and next runs without the daemon.
using System.Globalization;

namespace OdooOptiply.Cli.Hosting;

public static class ScheduleKeys
{
    public static string Last(JobKind kind) => $"daemon.{Name(kind)}.last";
    public static string Next(JobKind kind) => $"daemon.{Name(kind)}.next";
    /// <summary>Set (to "who at when") while the tenant is paused from the board: scheduled firings are skipped, run-now still runs.</summary>
    public const string Paused = "daemon.paused";
    public static string Name(JobKind kind) => kind == JobKind.Pull ? "pull" : "export";

    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    /// <summary>When a job should first fire after a (re)start: one interval after its last run, or now when that
    /// moment passed while the daemon was down (once, however many intervals were missed), or now when it never ran.</summary>
    /// <summary>A last run in the future (recorded while this host's clock was ahead, since corrected) is not believed:
    /// waiting for it would run nothing for as long as the clock was off (issue 10.10); the job fires at once.</summary>
    public static DateTimeOffset FirstFire(DateTimeOffset? lastRun, TimeSpan interval, DateTimeOffset now) =>
        lastRun is { } last && last <= now && last + interval > now ? last + interval : now;
}
