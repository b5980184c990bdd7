// Finds the repository's reference/odoo captures from the test binaries' folder.
namespace OdooOptiply.Odoo.Tests.TestSupport;

internal static class Reference
{
    public static string Root { get; } = FindRoot();

    public static string Odoo(params string[] parts) => Path.Combine([Root, "reference", "odoo", .. parts]);

    /// <summary>Every file in reference/odoo/{version}/{folder} whose name matches, as (version, name, path).</summary>
    public static IEnumerable<object[]> Files(string folder, Func<string, bool> match) =>
        from version in new[] { "18", "19" }
        let dir = Odoo(version, folder)
        where Directory.Exists(dir)
        from path in Directory.GetFiles(dir).OrderBy(p => p, StringComparer.Ordinal)
        where match(Path.GetFileName(path))
        select new object[] { version, Path.GetFileName(path) };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OdooOptiply.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (OdooOptiply.slnx) not found above " + AppContext.BaseDirectory);
    }
}
