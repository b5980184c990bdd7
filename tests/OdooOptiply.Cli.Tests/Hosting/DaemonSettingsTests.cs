// The daemon's settings from appsettings.json and ODOO_OPTIPLY_Daemon__* variables: the per-node limits of a
// cluster node (runs at once, runs per Odoo host, lease, rescan) are read there too, so one settings file serves
// every node; the command line still wins (RunCommand).
using OdooOptiply.Cli.Hosting;

namespace OdooOptiply.Cli.Tests.Hosting;

public sealed class DaemonSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("daemon-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Load_PerNodeLimitsFromAppsettings_AreRead()
    {
        File.WriteAllText(Path.Combine(_dir, "appsettings.json"), """
            { "Daemon": { "MaxParallel": 8, "MaxRunsPerOdooHost": 2, "LeaseSeconds": 120, "RescanSeconds": 30, "Http": "127.0.0.1:5080" } }
            """);
        var settings = DaemonSettings.Load(baseDirectory: _dir, workingDirectory: Path.Combine(_dir, "elsewhere"));
        Assert.Equal((8, 2, 120, 30, "127.0.0.1:5080"), (settings.MaxParallel, settings.MaxRunsPerOdooHost, settings.LeaseSeconds, settings.RescanSeconds, settings.Http));
    }

    [Fact]
    public void Load_NothingSet_LeavesTheDefaultsToTheCommandLine()
    {
        var settings = DaemonSettings.Load(baseDirectory: _dir, workingDirectory: _dir);
        Assert.Null(settings.MaxRunsPerOdooHost);
        Assert.Null(settings.LeaseSeconds);
        Assert.Empty(settings.Configs);
    }
}
