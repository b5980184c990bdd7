// The console logging of the one-shot debugging commands: one line per event, all on stderr so that
// stdout carries only results (JSON lines a script can pipe), debug level with --verbose.
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Cli.Commands;

internal static class CliLogging
{
    public static ILoggerFactory ToStandardError(bool verbose) => LoggerFactory.Create(b => b
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddFilter("Microsoft", LogLevel.Warning));
}
