// Wraps the daemon's work (ITenantWork) with what the board and /metrics need: which runs are in progress
// right now, and for each run its metrics and its trace (SyncTelemetry: one activity per run, one per
// stream, the HTTP calls under it). It changes nothing in what runs do.
using System.Collections.Concurrent;
using System.Diagnostics;
using OdooOptiply.Sync;
using OdooOptiply.Sync.State;
using OdooOptiply.Web;

namespace OdooOptiply.Cli.Hosting;

public sealed class ObservedTenantWork(ITenantWork inner, SyncTelemetry telemetry, TimeProvider time) : ITenantWork, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<(string, JobKind), int> _running = new();

    public bool IsRunning(string tenant, JobKind kind) => _running.GetValueOrDefault((tenant, kind)) > 0;

    public async Task<RunReport> RunAsync(string tenant, JobKind kind, CancellationToken stop, CancellationToken ct)
    {
        var job = kind == JobKind.Pull ? BoardJob.Pull : BoardJob.Export;
        _running.AddOrUpdate((tenant, kind), 1, (_, n) => n + 1);
        using var activity = SyncTelemetry.Source.StartActivity($"{ScheduleKeys.Name(kind)} run", ActivityKind.Internal);
        activity?.SetTag("tenant", tenant).SetTag("job", ScheduleKeys.Name(kind));
        var started = time.GetTimestamp();
        try
        {
            var run = await inner.RunAsync(tenant, kind, stop, ct);
            telemetry.RecordRun(job, run);
            SyncTelemetry.TraceStreams(activity, run);
            activity?.SetTag("run.id", run.Id).SetTag("outcome", SyncTelemetry.Outcome(run));
            if (!run.Succeeded) activity?.SetStatus(ActivityStatusCode.Error, run.Reason);
            return run;
        }
        catch (TenantBusyException)
        {
            telemetry.RecordEnded(job, "skipped", time.GetElapsedTime(started));
            throw;
        }
        catch (Exception e)
        {
            telemetry.RecordEnded(job, "failed", time.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally { _running.AddOrUpdate((tenant, kind), 0, (_, n) => n - 1); }
    }

    public Task<string?> GetValueAsync(string tenant, string key, CancellationToken ct) => inner.GetValueAsync(tenant, key, ct);
    public Task SetValueAsync(string tenant, string key, string? value, CancellationToken ct) => inner.SetValueAsync(tenant, key, value, ct);
    public Task<IStateStore> StoreAsync(string tenant, CancellationToken ct) => inner.StoreAsync(tenant, ct);

    public async ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable a) await a.DisposeAsync();
        else if (inner is IDisposable d) d.Dispose();
    }

    /// <summary>A host disposed synchronously (tests) still disposes what it wraps.</summary>
    public void Dispose()
    {
        if (inner is IDisposable d) d.Dispose();
        else if (inner is IAsyncDisposable a) a.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
