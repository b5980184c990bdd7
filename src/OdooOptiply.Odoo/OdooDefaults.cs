// Every default of the Odoo client in one place, each with the reason it has that value.
namespace OdooOptiply.Odoo;

public static class OdooDefaults
{
    /// <summary>Odoo's own limit_time_real is 120 s: a call running longer has been killed server-side anyway.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    /// <summary>What the current tap does (backoff.expo, max_tries=8, factor 3): 8 tries in all = 7 retries.</summary>
    public const int MaxRetries = 7;
    public const double BackoffFactor = 3.0;
    /// <summary>Wait before retry n (0-based) = BackoffBase × BackoffFactor × 2^n: 3 s, 6 s, 12 s, … like backoff.expo(factor=3).</summary>
    public static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(1);
    /// <summary>All waits of one call together never exceed this; a call that would wait longer fails.</summary>
    public static readonly TimeSpan MaxTotalWait = TimeSpan.FromMinutes(10);
    /// <summary>Invalid answers (HTML page, truncated body) are retried at most this often: more rarely helps.</summary>
    public const int MaxInvalidResponseRetries = 2;
    /// <summary>Large enough to amortise a round trip, small enough to stay well under server time and memory limits.</summary>
    public const int PageSize = 1000;
    /// <summary>Requests at once to one tenant's Odoo on a full read: a customer's server is not ours to flood, so 1
    /// unless the tenant opts in (odoo.max_connections), and never more than MaxConnectionsCap.</summary>
    public const int MaxConnections = 1;
    public const int MaxConnectionsCap = 8;
    /// <summary>Paging order when the caller gives none: offsets are only stable under a total order.</summary>
    public const string Order = "id asc";
    /// <summary>Largest answer read (after decompression): far above any page of 1000 records, far below what
    /// would exhaust the process (a 500 MB string or a gzip bomb otherwise took it past 2 GB).</summary>
    public const long MaxResponseBytes = 256L * 1024 * 1024;
    /// <summary>Longest server message kept in an exception (tracebacks are cut to their last line first).</summary>
    public const int MaxMessageLength = 400;
}
