// How the `optiply` commands find their Optiply: flags (--client-id, …), else a --config JSON file's
// "optiply" object (base_url, token_url, client_id, client_secret, username, password, account_id,
// coupling_id), else OPTIPLY_* environment variables — in that order, per key.
using System.CommandLine;
using System.Globalization;
using OdooOptiply.Optiply;

namespace OdooOptiply.Cli.Commands;

internal static class OptiplyCommandConnection
{
    public static readonly Option<FileInfo?> Config = new("--config") { Description = "JSON file with an \"optiply\" object: base_url, token_url, client_id, client_secret, username, password, account_id, coupling_id", Recursive = true };
    public static readonly Option<string?> BaseUrl = new("--base-url") { Description = "API base (default https://api.optiply.com/v1; env OPTIPLY_BASE_URL)", Recursive = true };
    public static readonly Option<string?> TokenUrl = new("--token-url") { Description = "OAuth token URL (default https://dashboard.optiply.nl/api/auth/oauth/token; env OPTIPLY_TOKEN_URL)", Recursive = true };
    public static readonly Option<string?> ClientId = new("--client-id") { Description = "client id, the webshop handle (env OPTIPLY_CLIENT_ID)", Recursive = true };
    public static readonly Option<string?> ClientSecret = new("--client-secret") { Description = "client secret; prefer the env var OPTIPLY_CLIENT_SECRET", Recursive = true };
    public static readonly Option<string?> Username = new("--username") { Description = "API user (env OPTIPLY_USERNAME)", Recursive = true };
    public static readonly Option<string?> Password = new("--password") { Description = "password; prefer the env var OPTIPLY_PASSWORD", Recursive = true };
    public static readonly Option<string?> AccountId = new("--account-id") { Description = "Optiply account id (env OPTIPLY_ACCOUNT_ID)", Recursive = true };
    public static readonly Option<string?> CouplingId = new("--coupling-id") { Description = "coupling id (env OPTIPLY_COUPLING_ID)", Recursive = true };
    public static readonly Option<double?> RequestsPerSecond = new("--rps") { Description = "most requests per second (default 5; 0 = no limit)", Recursive = true };
    public static readonly Option<double?> Timeout = new("--timeout") { Description = "seconds per attempt (default 60)", Recursive = true };
    public static readonly Option<string?> Trace = new("--trace") { Description = "append every request and response body to this file (secrets redacted)", Recursive = true };
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "log every call (method, path, status, duration, bytes) to stderr", Recursive = true };

    public static IEnumerable<Option> All => [Config, BaseUrl, TokenUrl, ClientId, ClientSecret, Username, Password, AccountId, CouplingId, RequestsPerSecond, Timeout, Trace, Verbose];

    /// <summary>Options from flags, then the config file, then the environment; throws ArgumentException naming every problem.</summary>
    public static OptiplyOptions Resolve(ParseResult p, Func<string, string?> env)
    {
        var file = ReadConfig(p.GetValue(Config));
        string? Pick(Option<string?> flag, string key) =>
            p.GetValue(flag) ?? (file.TryGetValue(key, out var v) ? v : null) ?? env("OPTIPLY_" + key.ToUpperInvariant());
        var options = new OptiplyOptions
        {
            ClientId = Pick(ClientId, "client_id") ?? "", ClientSecret = Pick(ClientSecret, "client_secret") ?? "",
            Username = Pick(Username, "username") ?? "", Password = Pick(Password, "password") ?? "",
            AccountId = Id(Pick(AccountId, "account_id"), "account_id"), CouplingId = Id(Pick(CouplingId, "coupling_id"), "coupling_id"),
            TracePath = p.GetValue(Trace),
            // A debugging command must fail within seconds, not after the sync's patient back-off.
            MaxRetries = 2, MaxRetryDelay = TimeSpan.FromSeconds(2),
        };
        if (Pick(BaseUrl, "base_url") is { } b) options = options with { BaseUrl = Url(b, "base_url") };
        if (Pick(TokenUrl, "token_url") is { } t) options = options with { TokenUrl = Url(t, "token_url") };
        if (p.GetValue(RequestsPerSecond) is double rps) options = options with { RequestsPerSecond = rps };
        if (p.GetValue(Timeout) is double seconds) options = options with { Timeout = TimeSpan.FromSeconds(seconds) };
        var problems = options.Validate().Select(x => $"{x} (flag, config \"optiply\" object, or OPTIPLY_ variable)").ToList();
        return problems.Count == 0 ? options : throw new ArgumentException(string.Join("; ", problems));
    }

    private static Uri Url(string text, string key) =>
        Uri.TryCreate(text, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : throw new ArgumentException($"{key} '{text}' is not an http(s) URL");

    private static long? Id(string? text, string key) =>
        text is null ? null : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new ArgumentException($"{key} must be a whole number, not '{text}'");

    // The tenant file read by the same loader as `sync` (${VAR}, KEY_file, the current tap's flat config), "optiply" section only.
    private static IReadOnlyDictionary<string, string> ReadConfig(FileInfo? file)
    {
        if (file is null) return new Dictionary<string, string>();
        if (!file.Exists) throw new ArgumentException($"config file '{file.FullName}' does not exist");
        var (values, problems) = OdooOptiply.Sync.Config.TenantConfigLoader.LoadSection(file.FullName, "optiply");
        if (problems.Count > 0) throw new ArgumentException($"config file '{file.Name}': {string.Join("; ", problems)}");
        return values.Count > 0 ? values : throw new ArgumentException($"config file '{file.Name}' has no \"optiply\" object");
    }
}
