// The console logging of every command: one line per event, all on stderr so that stdout carries only
// results (tables, JSON a script can pipe). Warning level by default, debug with --verbose; --log-format
// json writes one JSON object a line (with its scopes: tenant, run, stream). Levels per category follow the
// Microsoft.Extensions.Logging conventions from the environment, e.g. Logging__LogLevel__OdooOptiply.Odoo=Debug.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Cli.Commands;

internal static class CliLogging
{
    public static readonly System.CommandLine.Option<bool> Verbose = new("--verbose") { Description = "log every call (model, method, paging, duration, bytes) and each retry's cause and wait to stderr" };
    public static readonly System.CommandLine.Option<string?> Trace = new("--trace") { Description = "append every request and response body to FILE.odoo and FILE.optiply (secrets redacted, created 0600)" };
    public static readonly System.CommandLine.Option<string> Format = new("--log-format")
    {
        Description = "plain (default) or json: one JSON object a line on stderr, with tenant, run and stream", DefaultValueFactory = _ => "plain",
    };

    static CliLogging() => Format.AcceptOnlyFromAmong("plain", "json");

    /// <summary>The three logging options of the run commands (sync, export, run).</summary>
    public static IEnumerable<System.CommandLine.Option> RunOptions => [Verbose, Trace, Format];

    public static LogSettings From(System.CommandLine.ParseResult p) => new(p.GetValue(Verbose), p.GetValue(Trace), p.GetValue(Format) ?? "plain");

    public static ILoggerFactory ToStandardError(bool verbose, string format = "plain") => LoggerFactory.Create(b =>
    {
        b.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (format == "json") b.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; o.UseUtcTimestamp = true; });
        else b.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = true; });
        // Per-category levels from the environment (Logging__LogLevel__<Category>=<Level>) override the above.
        b.AddConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection("Logging"));
    });
}

/// <summary>The daemon's logging (run): Information by default with timestamps, Debug with --verbose, JSON lines with their
/// scopes with --log-format json, per-category levels from Logging__ variables; the same rules as the one-shot commands.</summary>
internal static class DaemonLogging
{
    public static void Configure(ILoggingBuilder b, LogSettings? log)
    {
        log ??= new LogSettings();
        b.ClearProviders();
        b.SetMinimumLevel(log.Verbose ? LogLevel.Debug : LogLevel.Information)
            .AddFilter("Quartz", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning);
        if (log.Format == "json") b.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; o.UseUtcTimestamp = true; });
        else b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff "; o.IncludeScopes = log.Verbose; });
        b.AddConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection("Logging"));
    }
}

/// <summary>How a run command logs: --verbose, --trace FILE, --log-format plain|json.</summary>
public sealed record LogSettings(bool Verbose = false, string? Trace = null, string Format = "plain")
{
    public ILoggerFactory Loggers() => CliLogging.ToStandardError(Verbose, Format);
}
