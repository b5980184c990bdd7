// The node's cap on HTTP connections per Odoo host (run --max-connections-per-odoo-host, Daemon:MaxConnectionsPerOdooHost):
// one SocketsHttpHandler per Odoo host (scheme://host:port, and its TLS choice) for the whole process, with
// MaxConnectionsPerServer = the cap, shared by every tenant's OdooClient on that host and by the start-of-run probe.
// However many tenants and runs (and odoo.max_connections chunked reads) the node has, it never opens more sockets
// to one Odoo than the cap: requests beyond it wait in the handler's queue (inside their own call timeout).
// Settings match OdooHttp's own handler (no redirects, decompression, connection lifetime, connect timeout).
using System.Collections.Concurrent;
using System.Net;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Cli.Hosting;

public sealed class OdooHostHandlers(int maxConnectionsPerHost) : IDisposable
{
    private readonly ConcurrentDictionary<(string Host, bool Insecure), Lazy<SocketsHttpHandler>> _handlers = new();

    public int MaxConnectionsPerHost { get; } = maxConnectionsPerHost;

    /// <summary>The shared handler for this tenant's Odoo host; null when no cap is set (each client keeps its own).</summary>
    public HttpMessageHandler? For(TenantConfig config)
    {
        if (MaxConnectionsPerHost <= 0) return null;
        var key = (config.Odoo.Url.GetLeftPart(UriPartial.Authority).ToLowerInvariant(), config.Odoo.InsecureSkipTlsVerify);
        return _handlers.GetOrAdd(key, k => new Lazy<SocketsHttpHandler>(() => Create(MaxConnectionsPerHost, k.Insecure))).Value;
    }

    /// <summary>Hosts with a shared handler so far.</summary>
    public int Hosts => _handlers.Count;

    private static SocketsHttpHandler Create(int max, bool insecure) => new()
    {
        MaxConnectionsPerServer = max,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        // As OdooHttp: a redirect from an API endpoint is a login page or a wrong url, never followed.
        AllowAutoRedirect = false,
        SslOptions = insecure ? new() { RemoteCertificateValidationCallback = (_, _, _, _) => true } : new(),
    };

    public void Dispose()
    {
        foreach (var h in _handlers.Values.Where(h => h.IsValueCreated)) h.Value.Dispose();
        _handlers.Clear();
    }
}
