// The daemon's settings by .NET conventions: appsettings.json next to the program (then one in the working
// directory), then environment variables prefixed ODOO_OPTIPLY_ ("Daemon__Http", "Daemon__Configs__0"),
// then the command line, which wins. What `run` uses when an option is not on its command line.
using Microsoft.Extensions.Configuration;

namespace OdooOptiply.Cli.Hosting;

public sealed record DaemonSettings(IReadOnlyList<string> Configs, int? MaxParallel, int? ShutdownGraceSeconds, string? IntervalUnit, string? Http)
{
    public const string EnvironmentPrefix = "ODOO_OPTIPLY_";

    public static DaemonSettings Load(string? baseDirectory = null, string? workingDirectory = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(baseDirectory ?? AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(workingDirectory ?? Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
        return From(configuration.GetSection("Daemon"));
    }

    public static DaemonSettings From(IConfiguration daemon) => new(
        daemon.GetSection("Configs").GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList(),
        Int(daemon["MaxParallel"]), Int(daemon["ShutdownGraceSeconds"]), Empty(daemon["IntervalUnit"]), Empty(daemon["Http"]));

    private static int? Int(string? s) => int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
