// Command-line helpers every benchmark shares: "--name value" options and finding the built CLI.
using System.Globalization;

namespace OdooOptiply.Bench;

internal static class Args
{
    public static int Int(string[] args, string name, int fallback) =>
        Text(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>odoo-optiply.dll of a Release (else Debug) build of src/OdooOptiply.Cli.</summary>
    public static string FindCli()
    {
        foreach (var config in new[] { "Release", "Debug" })
        {
            var path = Path.Combine(RepoRoot(), "src", "OdooOptiply.Cli", "bin", config, "net10.0", "odoo-optiply.dll");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("build the CLI first: dotnet build -c Release src/OdooOptiply.Cli (or pass --cli)");
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OdooOptiply.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
