// The daemon's OpenTelemetry instruments. Metrics (Meter "OdooOptiply", scraped on /metrics) aggregate per
// job, flow and outcome only: per-tenant detail belongs in the page and the runs table, not in labels.
//   odoo_optiply_runs_total{job,outcome}              runs finished (outcome ok | rejected | failed | skipped)
//   odoo_optiply_run_duration_seconds{job,outcome}    how long they took (histogram)
//   odoo_optiply_records_written_total{flow}          records created, updated or deleted
//   odoo_optiply_records_rejected_total{flow}         records the other side (or a mapper) rejected
//   odoo_optiply_failures_total{flow}                 stream runs that failed
//   odoo_optiply_last_success_age_seconds{flow}       age of the oldest tenant's last success of the flow
// Traces (ActivitySource "OdooOptiply"): one activity per run, one per stream under it (placed from the
// stream's measured duration), and the HTTP calls under the run (System.Net.Http's own activities).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OdooOptiply.Sync;

namespace OdooOptiply.Web;

public sealed class SyncTelemetry : IDisposable
{
    public const string Name = "OdooOptiply";
    public static readonly ActivitySource Source = new(Name);

    private readonly TimeProvider _time;
    private readonly Meter _meter = new(Name);
    private readonly Counter<long> _runs, _written, _rejected, _failures;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<(string Tenant, string Flow), DateTime> _lastSuccess = new();

    public SyncTelemetry(TimeProvider time)
    {
        _time = time;
        _runs = _meter.CreateCounter<long>("odoo_optiply.runs", description: "runs finished, by job and outcome");
        _duration = _meter.CreateHistogram<double>("odoo_optiply.run.duration", "s", "how long runs took, by job and outcome");
        _written = _meter.CreateCounter<long>("odoo_optiply.records.written", description: "records created, updated or deleted, by flow");
        _rejected = _meter.CreateCounter<long>("odoo_optiply.records.rejected", description: "records rejected, by flow");
        _failures = _meter.CreateCounter<long>("odoo_optiply.failures", description: "stream runs that failed, by flow");
        _meter.CreateObservableGauge("odoo_optiply.last_success.age", ObserveAges, "s", "seconds since the last successful run of the flow (its oldest tenant)");
    }

    public static string Outcome(RunReport run) => !run.Succeeded ? "failed" : run.Rejected > 0 ? "rejected" : "ok";

    /// <summary>A run that finished with a report (succeeded or not).</summary>
    public void RecordRun(BoardJob job, RunReport run)
    {
        var outcome = Outcome(run);
        var tags = new TagList { { "job", BoardFlows.Name(job) }, { "outcome", outcome } };
        _runs.Add(1, tags);
        _duration.Record(run.Duration.TotalSeconds, tags);
        foreach (var s in run.Streams)
        {
            if (BoardFlows.OfStream(s.Stream) is not { } flow)
            {
                // A pull that could not start failed every flow it carries.
                if (s.Status == StreamStatus.Failed)
                    foreach (var f in BoardFlows.All.Where(f => f.Parts.Any(p => p.Job == job))) _failures.Add(1, new KeyValuePair<string, object?>("flow", f.Id));
                continue;
            }
            var flowTag = new KeyValuePair<string, object?>("flow", flow.Id);
            _written.Add(s.Created + s.Updated + s.Deleted, flowTag);
            _rejected.Add(s.Failed, flowTag);
            if (s.Status is StreamStatus.Failed or StreamStatus.NotRun) _failures.Add(1, flowTag);
            else if (s.Status == StreamStatus.Ok) _lastSuccess[(run.Tenant, flow.Id)] = run.StartedAt;
        }
    }

    /// <summary>Takes a run from before this process started (the state store's history) for the age of the last success only:
    /// a restarted daemon reports how old each flow's last success really is, not "since I started". Counters are untouched.</summary>
    public void RememberSuccesses(RunReport run)
    {
        foreach (var s in run.Streams.Where(s => s.Status == StreamStatus.Ok))
            if (BoardFlows.OfStream(s.Stream) is { } flow)
                _lastSuccess.AddOrUpdate((run.Tenant, flow.Id), run.StartedAt, (_, known) => known > run.StartedAt ? known : run.StartedAt);
    }

    /// <summary>A run that ended without a report: it threw (failed) or was skipped (tenant busy elsewhere).</summary>
    public void RecordEnded(BoardJob job, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "job", BoardFlows.Name(job) }, { "outcome", outcome } };
        _runs.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Adds one child activity per stream under the run's activity, from the report's measured durations.</summary>
    public static void TraceStreams(Activity? run, RunReport report)
    {
        if (run is null) return;
        var at = new DateTimeOffset(DateTime.SpecifyKind(report.StartedAt, DateTimeKind.Utc));
        foreach (var s in report.Streams)
        {
            using var a = Source.StartActivity("stream " + s.Stream, ActivityKind.Internal, run.Context, startTime: at);
            if (a is null) continue;
            a.SetTag("stream", s.Stream).SetTag("status", s.Status.ToString()).SetTag("read", s.Read).SetTag("written", s.Created + s.Updated + s.Deleted).SetTag("rejected", s.Failed);
            if (s.Status == StreamStatus.Failed) a.SetStatus(ActivityStatusCode.Error, s.Errors.FirstOrDefault());
            at += s.Duration;
            a.SetEndTime(at.UtcDateTime);
        }
    }

    private IEnumerable<Measurement<double>> ObserveAges()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _lastSuccess.GroupBy(kv => kv.Key.Flow)
            .Select(g => new Measurement<double>((now - g.Min(kv => kv.Value)).TotalSeconds, new KeyValuePair<string, object?>("flow", g.Key)))
            .ToList();
    }

    public void Dispose() => _meter.Dispose();
}
