// How the `odoo` commands find their Odoo: --url/--db/--username/--password/--api-key/--protocol,
// else a --config JSON file's "odoo" object, else ODOO_* environment variables (in that order, per key).
using System.CommandLine;
using System.Globalization;
using OdooOptiply.Odoo;

namespace OdooOptiply.Cli.Commands;

internal static class OdooCommandConnection
{
    public static readonly Option<string?> Url = new("--url") { Description = "Odoo base address, e.g. https://acme.odoo.com (env ODOO_URL)", Recursive = true };
    public static readonly Option<string?> Db = new("--db") { Description = "database name (env ODOO_DB)", Recursive = true };
    public static readonly Option<string?> Username = new("--username") { Description = "login (env ODOO_USERNAME)", Recursive = true };
    public static readonly Option<string?> Password = new("--password") { Description = "password; prefer the env var ODOO_PASSWORD", Recursive = true };
    public static readonly Option<string?> ApiKey = new("--api-key") { Description = "API key; prefer the env var ODOO_API_KEY", Recursive = true };
    public static readonly Option<string?> Protocol = new("--protocol") { Description = "auto | xmlrpc | jsonrpc | json2 (env ODOO_PROTOCOL)", Recursive = true };
    public static readonly Option<FileInfo?> Config = new("--config") { Description = "JSON file with an \"odoo\" object: url, db, username, password, api_key, protocol", Recursive = true };
    public static readonly Option<string?> Trace = new("--trace") { Description = "append every request and response body to this file (secrets redacted)", Recursive = true };
    public static readonly Option<double?> Timeout = new("--timeout") { Description = "seconds per call (default 120)", Recursive = true };
    public static readonly Option<int?> MaxRetries = new("--max-retries") { Description = "retries of a failed read (default 2, at most 5 s of waiting in all)", Recursive = true };
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "log every call (model, method, domain, paging, duration, bytes) to stderr", Recursive = true };

    /// <summary>Retries and total wait of one call from a debugging command (the sync keeps OdooDefaults).</summary>
    public const int CliMaxRetries = 2;
    public static readonly TimeSpan CliMaxTotalWait = TimeSpan.FromSeconds(5);

    public static IEnumerable<Option> All => [Url, Db, Username, Password, ApiKey, Protocol, Config, Trace, Timeout, MaxRetries, Verbose];

    /// <summary>Options from flags, then the config file, then the environment; throws ArgumentException with every problem.</summary>
    public static OdooOptions Resolve(ParseResult p, Func<string, string?> env)
    {
        var file = ReadConfig(p.GetValue(Config));
        string? Pick(Option<string?> flag, string key, string envName) =>
            p.GetValue(flag) ?? (file.TryGetValue(key, out var v) ? v : null) ?? env(envName);
        var url = Pick(Url, "url", "ODOO_URL");
        var db = Pick(Db, "db", "ODOO_DB");
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw new ArgumentException("no valid Odoo url: give --url, a --config file with odoo.url, or ODOO_URL");
        var protocolText = Pick(Protocol, "protocol", "ODOO_PROTOCOL") ?? "auto";
        if (!Enum.TryParse<OdooProtocol>(protocolText.Replace("-", ""), ignoreCase: true, out var protocol))
            throw new ArgumentException($"unknown protocol '{protocolText}' (auto, xmlrpc, jsonrpc, json2)");
        var options = new OdooOptions
        {
            Url = uri, Database = db ?? "", Username = Pick(Username, "username", "ODOO_USERNAME") ?? "",
            Password = Pick(Password, "password", "ODOO_PASSWORD"), ApiKey = Pick(ApiKey, "api_key", "ODOO_API_KEY"),
            Protocol = protocol, TracePath = p.GetValue(Trace),
            // A debugging command must fail within seconds, not after the sync's patient 10-minute back-off.
            MaxRetries = CliMaxRetries, MaxTotalWait = CliMaxTotalWait,
        };
        if (p.GetValue(Timeout) is double seconds) options = options with { Timeout = TimeSpan.FromSeconds(seconds) };
        if (p.GetValue(MaxRetries) is int retries) options = options with { MaxRetries = retries };
        var problems = options.Validate();
        return problems.Count == 0 ? options : throw new ArgumentException(string.Join("; ", problems));
    }

    // The tenant file read by the same loader as `sync` (${VAR}, KEY_file, the current tap's flat config), "odoo" section only.
    private static IReadOnlyDictionary<string, string> ReadConfig(FileInfo? file)
    {
        if (file is null) return new Dictionary<string, string>();
        if (!file.Exists) throw new ArgumentException($"config file '{file.FullName}' does not exist");
        var (values, problems) = OdooOptiply.Sync.Config.TenantConfigLoader.LoadSection(file.FullName, "odoo");
        if (problems.Count > 0) throw new ArgumentException($"config file '{file.Name}': {string.Join("; ", problems)}");
        return values.Count > 0 ? values : throw new ArgumentException($"config file '{file.Name}' has no \"odoo\" object");
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
