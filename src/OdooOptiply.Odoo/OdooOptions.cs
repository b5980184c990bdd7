// How to reach one Odoo database and how patiently: connection, protocol, timeouts, retries, paging,
// language, fields to ignore and the trace file. Validate() says in plain words what is wrong.
using System.Text.RegularExpressions;

namespace OdooOptiply.Odoo;

/// <summary>Auto = JSON-2 when an API key is set and the server is 19 or newer, else JSON-RPC.</summary>
public enum OdooProtocol { Auto, XmlRpc, JsonRpc, Json2 }

public sealed partial record OdooOptions
{
    public required Uri Url { get; init; }
    public required string Database { get; init; }
    public string Username { get; init; } = "";
    /// <summary>The user's password; XML-RPC and JSON-RPC also accept an API key here.</summary>
    public string? Password { get; init; }
    /// <summary>An API key: required for JSON-2, used by the RPC transports when no password is set.</summary>
    public string? ApiKey { get; init; }
    public OdooProtocol Protocol { get; init; } = OdooProtocol.Auto;
    public TimeSpan Timeout { get; init; } = OdooDefaults.Timeout;
    /// <summary>How often a failed call is retried (reads always; writes only when the caller says it is safe).</summary>
    public int MaxRetries { get; init; } = OdooDefaults.MaxRetries;
    public double BackoffFactor { get; init; } = OdooDefaults.BackoffFactor;
    public TimeSpan BackoffBase { get; init; } = OdooDefaults.BackoffBase;
    public TimeSpan MaxTotalWait { get; init; } = OdooDefaults.MaxTotalWait;
    public int PageSize { get; init; } = OdooDefaults.PageSize;
    /// <summary>Largest answer body accepted, counted after decompression; a larger one is a Fatal error, not an out-of-memory.</summary>
    public long MaxResponseBytes { get; init; } = OdooDefaults.MaxResponseBytes;
    /// <summary>Default context language (xx_XX), checked against res.lang on Odoo 18+.</summary>
    public string? Lang { get; init; }
    /// <summary>Fields never requested, per model (fields known to break reads on some database).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> IgnoreFields { get; init; } = new Dictionary<string, IReadOnlySet<string>>();
    /// <summary>When set, every request and response body is appended to this file, secrets redacted.</summary>
    public string? TracePath { get; init; }
    /// <summary>Accept any TLS certificate for this one connection (a test server with a self-signed certificate).
    /// Off by default; the client logs a warning whenever it is on.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The secret the RPC transports send: the password, or else the API key.</summary>
    internal string RpcSecret => !string.IsNullOrEmpty(Password) ? Password : ApiKey ?? "";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            problems.Add($"url must be an absolute http(s) address, got '{Url}'");
        if (string.IsNullOrWhiteSpace(Database)) problems.Add("db (the database name) is required");
        if (string.IsNullOrEmpty(ApiKey) && (string.IsNullOrEmpty(Password) || string.IsNullOrWhiteSpace(Username)))
            problems.Add("give username and password, or an api_key");
        if (!string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(Username)) problems.Add("a password needs a username");
        if (Protocol == OdooProtocol.Json2 && string.IsNullOrEmpty(ApiKey)) problems.Add("protocol json2 needs an api_key");
        if (Protocol != OdooProtocol.Json2 && string.IsNullOrEmpty(Password) && !string.IsNullOrEmpty(ApiKey) && string.IsNullOrWhiteSpace(Username))
            problems.Add("XML-RPC and JSON-RPC need the username that owns the api_key");
        if (Timeout <= TimeSpan.Zero) problems.Add("timeout must be positive");
        if (MaxRetries < 0) problems.Add("max_retries must be 0 or more");
        if (BackoffFactor <= 0 || BackoffBase < TimeSpan.Zero) problems.Add("backoff factor must be positive and backoff base not negative");
        if (MaxTotalWait < TimeSpan.Zero) problems.Add("max total wait must not be negative");
        if (MaxResponseBytes < 1024) problems.Add("max_response_mb must be positive (at least 1 KiB)");
        if (PageSize is < 1 or > 100_000) problems.Add("page_size must be between 1 and 100000");
        if (Lang is not null && !IsLangCode(Lang)) problems.Add($"lang must look like xx_XX (e.g. nl_NL), got '{Lang}'");
        return problems;
    }

    /// <summary>Odoo language codes: xx_XX, optionally with a script suffix such as sr@latin.</summary>
    public static bool IsLangCode(string code) => LangPattern().IsMatch(code);

    [GeneratedRegex(@"^[a-z]{2,3}_[A-Z]{2}(@[a-z]+)?$|^[a-z]{2,3}@[a-z]+$")]
    private static partial Regex LangPattern();
}
