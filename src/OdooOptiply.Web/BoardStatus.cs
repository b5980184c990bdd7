// How the board judges one flow of one tenant from its run history (pure, no I/O). A flow is ok while its
// last success is younger than its interval plus half an interval; one missed interval (by age, or one
// failed run since the last success) makes it late, two make it failing. Paused and running come from the
// daemon; a flow that never ran is waiting, a disabled stream (a flag off) is off.
using OdooOptiply.Sync;

namespace OdooOptiply.Web;

public enum FlowState { Off, Waiting, Ok, Running, Late, Failing, Paused }

/// <summary>One cell of the board: a flow's last run (when, how long, counts), its state, why, and its next run.</summary>
public sealed record FlowCell(BoardFlow Flow, FlowState State, DateTime? LastAt, TimeSpan? Duration, long Read, long Written, long Rejected,
    string? Reason, DateTimeOffset? Next, DateTime? LastSuccess);

public static class BoardStatus
{
    /// <summary>The run report stream a pull that could not start carries (RunStart.Stream).</summary>
    public const string StartStream = OdooOptiply.Sync.RunStart.Stream;

    /// <param name="runs">the tenant's recent runs, newest first (pull and export runs together)</param>
    public static FlowCell Judge(BoardFlow flow, IReadOnlyList<RunReport> runs, Func<BoardJob, TimeSpan> interval, DateTime now,
        Func<BoardJob, bool> running, Func<BoardJob, DateTimeOffset?> next)
    {
        var parts = flow.Parts.Select(p => JudgePart(p.Job, p.Stream, runs, interval(p.Job), now, running(p.Job))).ToList();
        var worst = parts.MaxBy(p => Rank(p.State))!;
        var latest = parts.Where(p => p.LastAt is not null).MaxBy(p => p.LastAt);
        return new FlowCell(flow, worst.State, latest?.LastAt, latest?.Duration, parts.Sum(p => p.Read), parts.Sum(p => p.Written), parts.Sum(p => p.Rejected),
            worst.Reason ?? parts.Select(p => p.Reason).FirstOrDefault(r => r is not null),
            flow.Parts.Select(p => next(p.Job)).Where(n => n is not null).Min(), parts.Where(p => p.LastSuccess is not null).Max(p => p.LastSuccess));
    }

    private sealed record Part(FlowState State, DateTime? LastAt, TimeSpan? Duration, long Read, long Written, long Rejected, string? Reason, DateTime? LastSuccess);

    private static Part JudgePart(BoardJob job, string stream, IReadOnlyList<RunReport> runs, TimeSpan interval, DateTime now, bool isRunning)
    {
        // This part's history: runs that carried its stream, and (for the pull) runs that failed before any stream started.
        var history = runs.Where(r => !r.DryRun)
            .Select(r => (Run: r, Report: r.Streams.FirstOrDefault(s => s.Stream == stream)
                ?? (job == BoardJob.Pull && r.Streams.Count > 0 && r.Streams.All(s => s.Stream == StartStream) ? r.Streams[0] : null)))
            .Where(x => x.Report is not null).ToList();
        if (history.Count == 0) return new Part(isRunning ? FlowState.Running : FlowState.Waiting, null, null, 0, 0, 0, null, null);
        var (lastRun, last) = history[0];
        var failures = history.TakeWhile(x => x.Report!.Status is StreamStatus.Failed or StreamStatus.NotRun).Count();
        var success = history.FirstOrDefault(x => x.Report!.Status is StreamStatus.Ok or StreamStatus.Disabled);
        // Half an interval of grace: a run that starts a little late or takes a while is not "late".
        var sinceSuccess = now - (success.Run?.StartedAt ?? history[^1].Run.StartedAt);
        var missedByAge = interval > TimeSpan.Zero ? (int)Math.Floor((sinceSuccess - interval / 2) / interval) : 0;
        var missed = Math.Max(failures, success.Run is null ? Math.Max(1, missedByAge) : missedByAge);
        var state = isRunning ? FlowState.Running
            : last!.Status == StreamStatus.Disabled ? FlowState.Off
            : missed <= 0 ? FlowState.Ok : missed == 1 ? FlowState.Late : FlowState.Failing;
        var reason = last!.Status is StreamStatus.Failed or StreamStatus.NotRun ? $"{last.Stream}: {last.Errors.FirstOrDefault() ?? "failed"}"
            : last.Failed > 0 ? $"{last.Failed} rejected: {last.Errors.FirstOrDefault()}"
            : state is FlowState.Late or FlowState.Failing ? $"no successful run since {Format(success.Run?.StartedAt)}"
            : null;
        return new Part(state, lastRun.StartedAt, last.Duration, last.Read, last.Created + last.Updated + last.Deleted, last.Failed, reason,
            success.Run?.StartedAt);
    }

    /// <summary>How bad a state is, for the worst of a tenant's flows and for sorting (paused is decided at tenant level).</summary>
    public static int Rank(FlowState s) => s switch
    {
        FlowState.Off => 0, FlowState.Waiting => 1, FlowState.Ok => 2, FlowState.Running => 3, FlowState.Late => 4, FlowState.Failing => 5, _ => 6,
    };

    public static string Word(FlowState s) => s.ToString().ToLowerInvariant();

    public static string Format(DateTime? t) => t is { } v ? v.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC" : "never";
}
