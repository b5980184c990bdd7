// Issue 10 item 17: a state path that cannot hold the state — /dev/null, a directory, a path under a file, a
// read-only file, a full disk — is refused with one StateStoreException that says which and what to do, never
// SQLite's bare "disk I/O error"; a lease release the file refuses does not hide the run's outcome.
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.State;

public sealed class UnusableStatePathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("state-unusable-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("/dev/null", "is a device, not a file")]
    [InlineData("/dev/full", "is a device, not a file")]
    public async Task Open_ADevice_IsRefusedInWords(string path, string words)
    {
        var e = await Assert.ThrowsAsync<StateStoreException>(() => SqliteStateStore.OpenAsync(path, "t"));
        Assert.Contains(words, e.Message);
    }

    [Fact]
    public async Task Open_ADirectory_SaysToNameAFile()
    {
        var e = await Assert.ThrowsAsync<StateStoreException>(() => SqliteStateStore.OpenAsync(_dir, "t"));
        Assert.Contains("is a directory", e.Message);
    }

    [Fact]
    public async Task Open_UnderAFile_NamesTheFile()
    {
        var file = Path.Combine(_dir, "plain.txt");
        await File.WriteAllTextAsync(file, "x");
        var e = await Assert.ThrowsAsync<StateStoreException>(() => SqliteStateStore.OpenAsync(Path.Combine(file, "sub", "state.db"), "t"));
        Assert.Contains($"lies under {file}, which is a file", e.Message);
        Assert.Equal("x", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Write_OnAFullDisk_IsOneClearErrorAndTheLeaseReleaseDoesNotThrow()
    {
        var path = Path.Combine(_dir, "full.db");
        await using var store = await SqliteStateStore.OpenAsync(path, "t");
        var lease = await TenantLease.AcquireAsync(store, "sync");
        var pages = new FileInfo(path).Length / 4096 + 8;
        await store.LimitPagesForTestsAsync(pages);
        var bindings = Enumerable.Range(0, 5000).Select(i => new Binding("products", i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
            "t" + i, new string('h', 64), DateTime.UtcNow)).ToList();
        var e = await Assert.ThrowsAsync<StateStoreException>(() => store.SaveBindingsAsync(bindings));
        Assert.Contains("is full", e.Message);
        Assert.Contains(path, e.Message);
        await lease.DisposeAsync(); // the release may be refused too: it must not throw
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Open_AReadOnlyFile_SaysItIsReadOnly()
    {
        var path = Path.Combine(_dir, "ro.db");
        await (await SqliteStateStore.OpenAsync(path, "t")).DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var extra in new[] { "-wal", "-shm" }) File.Delete(path + extra);
        using var readOnly = ReadOnlyFile.Make(path);
        var e = await Record.ExceptionAsync(async () =>
        {
            await using var store = await SqliteStateStore.OpenAsync(path, "t");
            await store.SetValueAsync("k", "v");
        });
        Assert.IsType<StateStoreException>(e);
        Assert.Contains("read-only", e.Message);
    }
}

/// <summary>Makes a file unwritable for this process: mode 0444 for an ordinary user; as root (CI), whom modes do not stop,
/// the immutable attribute (chattr +i). Undone on dispose.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly bool _immutable;

    private ReadOnlyFile(string path, bool immutable) => (_path, _immutable) = (path, immutable);

    public static ReadOnlyFile Make(string path)
    {
        if (Environment.UserName != "root")
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead);
            return new ReadOnlyFile(path, false);
        }
        Chattr("+i", path);
        return new ReadOnlyFile(path, true);
    }

    private static void Chattr(string flag, string path)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"chattr {flag} {path} failed: {err} (the test needs a file system with the immutable attribute when run as root)");
    }

    public void Dispose()
    {
        if (_immutable) Chattr("-i", _path);
        else File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
