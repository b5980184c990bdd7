// The daemon's settings by .NET conventions: appsettings.json next to the program (then one in the working
// directory), then environment variables prefixed ODOO_OPTIPLY_ ("Daemon__Http", "Daemon__Configs__0"),
// then the command line, which wins. What `run` uses when an option is not on its command line — the per-node
// limits of a cluster node included (Daemon:MaxParallel, Daemon:MaxRunsPerOdooHost, Daemon:MaxConnectionsPerOdooHost, Daemon:LeaseSeconds,
// Daemon:RescanSeconds), so every node of a deployment can share one settings file.
using Microsoft.Extensions.Configuration;

namespace OdooOptiply.Cli.Hosting;

public sealed record DaemonSettings(IReadOnlyList<string> Configs, int? MaxParallel, int? ShutdownGraceSeconds, string? IntervalUnit, string? Http)
{
    /// <summary>Daemon:MaxRunsPerOdooHost — runs at once against one Odoo host on this node.</summary>
    public int? MaxRunsPerOdooHost { get; init; }
    /// <summary>Daemon:MaxConnectionsPerOdooHost — sockets open at once to one Odoo host on this node, every tenant together.</summary>
    public int? MaxConnectionsPerOdooHost { get; init; }
    /// <summary>Daemon:LeaseSeconds — how long a tenant's run lease counts without renewal.</summary>
    public int? LeaseSeconds { get; init; }
    /// <summary>Daemon:RescanSeconds — how often the tenant folder or table is read again.</summary>
    public int? RescanSeconds { get; init; }

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
        Int(daemon["MaxParallel"]), Int(daemon["ShutdownGraceSeconds"]), Empty(daemon["IntervalUnit"]), Empty(daemon["Http"]))
    {
        MaxRunsPerOdooHost = Int(daemon["MaxRunsPerOdooHost"]), MaxConnectionsPerOdooHost = Int(daemon["MaxConnectionsPerOdooHost"]), LeaseSeconds = Int(daemon["LeaseSeconds"]), RescanSeconds = Int(daemon["RescanSeconds"]),
    };

    private static int? Int(string? s) => int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
