// How to reach one Optiply account: URLs, OAuth credentials, the account and coupling ids, and the
// client's politeness and retry settings. Defaults live in OptiplyConstants.
namespace OdooOptiply.Optiply;

public sealed record OptiplyOptions
{
    public Uri BaseUrl { get; init; } = OptiplyConstants.DefaultBaseUrl;
    public Uri TokenUrl { get; init; } = OptiplyConstants.DefaultTokenUrl;
    /// <summary>The webshop handle Optiply issued (sent with the secret as HTTP Basic to the token endpoint).</summary>
    public string ClientId { get; init; } = "";
    public string ClientSecret { get; init; } = "";
    /// <summary>The API user, e.g. api_imports_&lt;shop&gt;_1.</summary>
    public string Username { get; init; } = "";
    public string Password { get; init; } = "";
    /// <summary>Sent as ?accountId= on writes and as filter[accountId] on lists of account-scoped resources.</summary>
    public long? AccountId { get; init; }
    /// <summary>Sent as ?couplingId= on writes; Optiply keys remoteIdMap by it.</summary>
    public long? CouplingId { get; init; }
    /// <summary>Most requests sent in any second (token requests and retries included). 0 = no limit.</summary>
    public double RequestsPerSecond { get; init; } = OptiplyConstants.DefaultRequestsPerSecond;
    /// <summary>Per attempt.</summary>
    public TimeSpan Timeout { get; init; } = OptiplyConstants.DefaultTimeout;
    /// <summary>The most one token request may take, its retries included (a token endpoint that never answers fails within it).</summary>
    public TimeSpan TokenBudget { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Retries of a transient failure (429, 502–504, timeouts, broken connections); POST only on 429.</summary>
    public int MaxRetries { get; init; } = OptiplyConstants.DefaultMaxRetries;
    public TimeSpan RetryBaseDelay { get; init; } = OptiplyConstants.DefaultRetryBaseDelay;
    /// <summary>Upper bound for one back-off delay, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = OptiplyConstants.DefaultMaxRetryDelay;
    /// <summary>page[limit] of lists, at most 100.</summary>
    public int PageLimit { get; init; } = OptiplyConstants.MaxPageLimit;
    /// <summary>Largest answer body accepted (after decompression, when the handler decompresses); a larger one is a Fatal error.</summary>
    public long MaxResponseBytes { get; init; } = OptiplyConstants.DefaultMaxResponseBytes;
    /// <summary>When set, every request and response body is appended here, with tokens and credentials redacted.</summary>
    public string? TracePath { get; init; }
    /// <summary>Accept any TLS certificate for this one connection (a test server with a self-signed certificate).
    /// Off by default; the client logs a warning whenever it is on.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Problems that make these options unusable, each naming the option; empty when fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!BaseUrl.IsAbsoluteUri) problems.Add("base_url must be an absolute URL");
        if (!TokenUrl.IsAbsoluteUri) problems.Add("token_url must be an absolute URL");
        if (string.IsNullOrWhiteSpace(ClientId)) problems.Add("client_id is required");
        if (string.IsNullOrWhiteSpace(ClientSecret)) problems.Add("client_secret is required");
        if (string.IsNullOrWhiteSpace(Username)) problems.Add("username is required");
        if (string.IsNullOrWhiteSpace(Password)) problems.Add("password is required");
        if (RequestsPerSecond < 0) problems.Add("requests_per_second must be 0 (no limit) or more");
        if (Timeout <= TimeSpan.Zero) problems.Add("timeout must be positive");
        if (MaxRetries < 0) problems.Add("max_retries must be 0 or more");
        if (MaxResponseBytes < 1024) problems.Add("max_response_mb must be positive (at least 1 KiB)");
        if (PageLimit is < 1 or > OptiplyConstants.MaxPageLimit) problems.Add($"page_limit must be between 1 and {OptiplyConstants.MaxPageLimit}");
        return problems;
    }

    /// <summary>Never prints the secret or the password (records print every property by default).</summary>
    public override string ToString() =>
        $"OptiplyOptions {{ BaseUrl = {BaseUrl}, TokenUrl = {TokenUrl}, ClientId = {ClientId}, Username = {Username}, " +
        $"AccountId = {AccountId}, CouplingId = {CouplingId}, RequestsPerSecond = {RequestsPerSecond} }}";
}
