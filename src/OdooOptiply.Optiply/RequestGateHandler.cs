// The lease gate (OptiplyClient.RequestGate) asked at the last step before the socket, after the rate limiter's wait:
// a daemon frozen while its request waited for a permit (SIGSTOP past its lease) wakes with the permit granted, and
// must still not send, because another node may run the tenant by then. Asked before the limiter, the gate let such a
// request through (the cluster test's traffic check caught one under load).
namespace OdooOptiply.Optiply;

internal sealed class RequestGateHandler(HttpMessageHandler inner, Func<Func<bool>?> gate) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (gate() is { } open && !open())
        {
            var method = request.Method.Method;
            var path = request.RequestUri?.AbsolutePath ?? "";
            throw new OptiplyException(0, Outcome.Fatal,
                $"{method} {path}: the tenant's lease may have expired while this process was frozen (longer than its TTL since the last renewal): no more requests in this run",
                method, path);
        }
        return base.SendAsync(request, ct);
    }
}
