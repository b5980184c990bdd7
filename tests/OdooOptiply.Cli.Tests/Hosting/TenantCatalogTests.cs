// Tests for the tenant folder (`run --tenants-dir`): files added, changed, renamed, broken and removed are
// seen at the next scan without a restart, a broken file or a second file for one tenant is reported and
// leaves the others alone; and the jitter that spreads each tenant's firing over its interval. Real files
// in a temp folder.
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Hosting;

namespace OdooOptiply.Cli.Tests.Hosting;

public sealed class TenantCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tenants-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private void Write(string file, string tenant, int pullMinutes = 30) =>
        File.WriteAllText(Path.Combine(_dir, file), new JsonObject
        {
            ["tenant"] = tenant,
            ["odoo"] = new JsonObject { ["url"] = "http://127.0.0.1:1/", ["db"] = "d", ["username"] = "u", ["password"] = "p", ["protocol"] = "xmlrpc" },
            ["optiply"] = new JsonObject { ["client_id"] = "c", ["client_secret"] = "s", ["username"] = "u", ["password"] = "p" },
            ["schedule"] = new JsonObject { ["pull_minutes"] = pullMinutes },
        }.ToJsonString());

    [Fact]
    public void Scan_FilesAddedChangedRenamedAndRemoved_AreSeenAtTheNextScan()
    {
        var catalog = new TenantCatalog { Folder = _dir };
        Write("a.json", "acme");
        Write("b.json", "beta");
        var first = catalog.Scan();
        Assert.Equal(["acme", "beta"], first.Added.Order());
        Assert.False(catalog.Scan().Any);

        Write("a.json", "acme", pullMinutes: 5);
        Assert.Equal(["acme"], catalog.Scan().Changed);
        Assert.Equal(5, catalog.Find("acme")!.Run.PullMinutes);

        Write("b.json", "gamma");
        var renamed = catalog.Scan();
        Assert.Equal(["gamma"], renamed.Added);
        Assert.Equal(["beta"], renamed.Removed);

        File.Delete(Path.Combine(_dir, "a.json"));
        Assert.Equal(["acme"], catalog.Scan().Removed);
        Assert.Equal(["gamma"], catalog.All.Select(t => t.Name));
    }

    [Fact]
    public void Scan_BrokenFileOrSecondFileOfATenant_IsReportedAndTheOthersRun()
    {
        var catalog = new TenantCatalog { Folder = _dir };
        Write("a.json", "acme");
        File.WriteAllText(Path.Combine(_dir, "broken.json"), "{ not json");
        Write("c.json", "acme");
        var scan = catalog.Scan();
        Assert.Equal(["acme"], scan.Added);
        Assert.Equal(2, scan.Problems.Count);
        Assert.Contains(scan.Problems, p => p.StartsWith("broken.json: ", StringComparison.Ordinal));
        Assert.Contains(scan.Problems, p => p.Contains("already defined by another file", StringComparison.Ordinal));
        // Fixing the broken file adds its tenant; the problem is not repeated while the file stays as it is.
        Write("broken.json", "delta");
        Assert.Equal(["delta"], catalog.Scan().Added);
        Assert.Empty(catalog.Scan().Problems);
    }

    [Fact]
    public void Jitter_IsStableWithinTheIntervalAndSpreadsAThousandTenants()
    {
        var interval = TimeSpan.FromMinutes(30);
        var offsets = Enumerable.Range(0, 1000).Select(i => FolderSchedule.Jitter($"tenant-{i}", JobKind.Pull, interval)).ToList();
        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, interval - TimeSpan.FromTicks(1)));
        Assert.Equal(offsets[7], FolderSchedule.Jitter("tenant-7", JobKind.Pull, interval));
        Assert.NotEqual(offsets[7], FolderSchedule.Jitter("tenant-7", JobKind.Export, interval));
        // 30 one-minute buckets of ~33 tenants each: none holds more than three times its share.
        Assert.True(offsets.GroupBy(o => (int)o.TotalMinutes).Max(g => g.Count()) < 100);
        Assert.Equal(30, offsets.Select(o => (int)o.TotalMinutes).Distinct().Count());
    }
}
