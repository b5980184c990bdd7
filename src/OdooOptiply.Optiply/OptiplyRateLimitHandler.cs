// Client-side politeness: at most N requests in any second, for every request this client sends (token
// requests and retries included). A permit from a ConcurrencyLimiter (System.Threading.RateLimiting)
// is taken before a request goes out and handed back one second (+ slack) later on the client's
// TimeProvider — a strict sliding window, so bursts never exceed N per second either.
using System.Threading.RateLimiting;

namespace OdooOptiply.Optiply;

internal sealed class OptiplyRateLimitHandler : DelegatingHandler
{
    private readonly ConcurrencyLimiter? _limiter;
    private readonly TimeProvider _time;
    private readonly TimeSpan _hold;

    public OptiplyRateLimitHandler(HttpMessageHandler inner, double requestsPerSecond, TimeProvider time) : base(inner)
    {
        _time = time;
        if (requestsPerSecond <= 0) return;
        // Fractional rates (0.5/s) are held proportionally longer with one permit.
        var permits = Math.Max(1, (int)Math.Floor(requestsPerSecond));
        _hold = TimeSpan.FromSeconds(permits / requestsPerSecond) + OptiplyConstants.RateLimitSlack;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    private readonly Dictionary<object, ITimer> _pending = new();

    public long Sent;

    private void Release(object key, RateLimitLease lease)
    {
        ITimer? timer;
        lock (_pending) _pending.Remove(key, out timer);
        timer?.Dispose();
        lease.Dispose();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_limiter is not null)
        {
            var lease = await _limiter.AcquireAsync(1, ct);
            if (!lease.IsAcquired) throw new InvalidOperationException("Optiply rate limiter refused a permit");
            // The pending timers are kept referenced here until they fire, so none can be collected early.
            var key = new object();
            lock (_pending) _pending[key] = _time.CreateTimer(_ => Release(key, lease), null, _hold, Timeout.InfiniteTimeSpan);
        }
        Interlocked.Increment(ref Sent);
        return await base.SendAsync(request, ct);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _limiter?.Dispose();
        base.Dispose(disposing);
    }
}
