// Push from Odoo, the daemon's side: webhook events of a tenant within the debounce window (10 s) coalesce
// into one run of its pull, started through the board's run-now door (IBoardDaemon.RunNowAsync: Quartz's
// TriggerJob, so in cluster mode through the shared store), of only the streams the events' models affect
// (PushRequest: named in the run's "requested by", with their dependencies). The window starts at the first event; time
// comes from the TimeProvider, so tests drive it. The scheduled poll is untouched and stays the safety net.
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Web;

public sealed class PushDebouncer(IBoardDaemon daemon, TimeProvider time, ILogger log, TimeSpan? window = null) : IDisposable
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);
    public const string RequestedBy = "odoo webhook";

    private readonly object _gate = new();
    private readonly Dictionary<string, (ITimer Timer, HashSet<string> Streams, int Events)> _pending = new(StringComparer.Ordinal);
    private long _runs;

    public TimeSpan Window { get; } = window ?? DefaultWindow;
    /// <summary>Runs started so far (observable by tests and the log).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Records one event; the first of a window arms the timer, later ones only add their streams.</summary>
    public void Notify(string tenant, IReadOnlyList<string> streams)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(tenant, out var p))
            {
                p.Streams.UnionWith(streams);
                _pending[tenant] = p with { Events = p.Events + 1 };
                return;
            }
            var timer = time.CreateTimer(_ => _ = FireAsync(tenant), null, Window, Timeout.InfiniteTimeSpan);
            _pending[tenant] = (timer, [.. streams], 1);
        }
    }

    public bool IsPending(string tenant) { lock (_gate) return _pending.ContainsKey(tenant); }

    private async Task FireAsync(string tenant)
    {
        (ITimer Timer, HashSet<string> Streams, int Events) p;
        lock (_gate)
        {
            if (!_pending.Remove(tenant, out p)) return;
        }
        p.Timer.Dispose();
        try
        {
            // The streams travel as the run's "requested by" (PushRequest): the run is narrowed to them and what they depend on.
            await daemon.RunNowAsync(tenant, BoardJob.Pull, OdooOptiply.Sync.Push.PushRequest.RequestedBy(p.Streams), CancellationToken.None);
            Interlocked.Increment(ref _runs);
            log.LogInformation("push: {Tenant}: {Events} webhook event(s) in {Window}s → pull run (streams {Streams})",
                tenant, p.Events, Window.TotalSeconds, string.Join(", ", p.Streams.Order(StringComparer.Ordinal)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning("push: {Tenant}: run now failed ({Error}); the scheduled poll still runs", tenant, e.GetType().Name);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var p in _pending.Values) p.Timer.Dispose();
            _pending.Clear();
        }
    }
}
