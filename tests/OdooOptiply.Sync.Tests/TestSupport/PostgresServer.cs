// A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, pg_ctl start on a free port
// with its unix socket in that folder (no TCP), once per test run (an xunit collection fixture); each
// test class asks for a fresh database. PostgreSQL refuses to run as root: as root (CI) the cluster runs
// as the `postgres` system user through runuser (the user is created when missing). When PostgreSQL is
// not installed or does not start, every test of the collection FAILS with the reason — never a skip.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OdooOptiply.Sync.Tests.TestSupport;

public sealed class PostgresServer : IAsyncLifetime
{
    private string _dir = "";
    private string? _failure;
    private int _databases;

    public string SocketDir => _dir;
    public int Port { get; private set; }

    /// <summary>Why the cluster could not start (null when it runs): tests call <see cref="CreateDatabaseAsync"/>, which throws it.</summary>
    public string? Failure => _failure;

    public async Task InitializeAsync()
    {
        try { await StartAsync(); }
        catch (Exception e) { _failure = $"PostgreSQL test cluster did not start: {e.Message}"; }
    }

    private async Task StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        bin ??= Environment.GetEnvironmentVariable("PG_BIN");
        if (bin is null || !File.Exists(Path.Combine(bin, "initdb")))
            throw new InvalidOperationException("initdb not found under /usr/lib/postgresql/*/bin (install Debian's postgresql package; .ci/run does)");
        // Short path: a unix socket path must stay under ~100 characters.
        _dir = Path.Combine("/tmp", "pgt-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            if (await RunAsync("id", ["-u", "postgres"], throwOnError: false) != 0)
                await RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
            await RunAsync("chown", ["postgres", _dir]);
        }
        Port = FreePort();
        var data = Path.Combine(_dir, "data");
        await AsServerUser(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        await AsServerUser(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_dir, "log"), "-w", "-t", "120", "-o",
            $"-p {Port} -k {_dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400", "start"]);
        _bin = bin;
        _asRoot = asRoot;
    }

    private string _bin = "";
    private bool _asRoot;

    /// <summary>The admin connection string (database postgres).</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder { Host = _dir, Port = Port, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString;

    /// <summary>A new, empty database; returns its postgresql:// URL (what `state:` and ODOO_OPTIPLY_STATE take).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        if (_failure is not null) throw new InvalidOperationException(_failure);
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();
        await using var db = new NpgsqlConnection(AdminConnectionString);
        await db.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", db)) await cmd.ExecuteNonQueryAsync();
        return Url(name);
    }

    public string Url(string database) => $"postgresql:///{database}?host={Uri.EscapeDataString(_dir)}&port={Port}&user=postgres";

    public async Task DisposeAsync()
    {
        if (_bin.Length > 0)
            try { await AsServerUser(_asRoot, Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"]); }
            catch (Exception) { /* the folder goes anyway */ }
        if (_dir.Length > 0) try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static Task AsServerUser(bool asRoot, string exe, IReadOnlyList<string> args) =>
        asRoot ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args]) : RunAsync(exe, args);

    private static async Task<int> RunAsync(string exe, IReadOnlyList<string> args, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{exe} did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0 && throwOnError)
            throw new InvalidOperationException($"{Path.GetFileName(exe)} {string.Join(' ', args.Take(3))} exited {p.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
        return p.ExitCode;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>The test classes that share the one PostgreSQL cluster of the run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
