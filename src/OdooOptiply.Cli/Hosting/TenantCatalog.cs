// The tenants a daemon node knows right now: a fixed list (`run --config …`), the tenant files of a folder
// (`run --tenants-dir`) or the rows of the state database's tenant_configs table (`run --tenants-table`), read
// again on every scan so that a file (or row) added, changed or removed while the daemon runs is picked up
// without a restart. A file that does not load is reported once per change and
// leaves that tenant out (or at its last good configuration); the others go on.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Cli.Hosting;

public sealed class TenantCatalog
{
    private readonly ConcurrentDictionary<string, TenantConfig> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Hash, string? Tenant)> _files = new(StringComparer.Ordinal);
    private readonly object _scan = new();
    private readonly TaskCompletionSource _scanned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once the folder or table was scanned once (at once for a fixed list): what reads "every tenant" at start waits for.</summary>
    public Task Scanned => Dynamic ? _scanned.Task : Task.CompletedTask;

    public TenantCatalog(IEnumerable<TenantConfig>? tenants = null)
    {
        foreach (var t in tenants ?? []) _tenants[t.Name] = t;
    }

    /// <summary>The folder of tenant files (*.json), or null for a fixed list.</summary>
    public string? Folder { get; init; }

    /// <summary>The postgresql:// state database whose tenant_configs rows are the tenants, or null.</summary>
    public string? Table { get; init; }

    /// <summary>True when the tenants can change while the daemon runs (a folder or a table).</summary>
    public bool Dynamic => Folder is not null || Table is not null;

    // One tenant definition as a scan sees it: where it comes from, how to name it in a message, its JSON text,
    // the folder its relative paths count from, and the tenant name when the JSON gives none.
    private sealed record Source(string Key, string Label, string Text, string BaseDirectory, string DefaultName);

    private IEnumerable<Source> Sources()
    {
        if (Table is not null)
        {
            foreach (var row in OdooOptiply.Sync.State.Postgres.PostgresTenantTable.ReadAllAsync(Table).GetAwaiter().GetResult())
                yield return new("table:" + row.Tenant, $"tenant_configs row {row.Tenant}", row.Config, Environment.CurrentDirectory, row.Tenant);
            yield break;
        }
        foreach (var path in Folder is not null && Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
        {
            string text;
            try { text = File.ReadAllText(path); }
            catch (IOException) { continue; /* being written: the next scan reads it */ }
            yield return new(path, Path.GetFileName(path), text, Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path));
        }
    }

    public TenantConfig? Find(string tenant) => _tenants.TryGetValue(tenant, out var c) ? c : null;

    public IReadOnlyList<TenantConfig> All => _tenants.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>Reads the folder again: returns what changed (tenant names) and one line per file that could not be loaded.</summary>
    public CatalogChanges Scan()
    {
        if (!Dynamic) return new([], [], [], []);
        lock (_scan)
        {
            var added = new List<string>(); var changed = new List<string>(); var removed = new List<string>(); var problems = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            List<Source> sources;
            // A table that cannot be read right now (the database restarting) changes nothing: no tenant is taken for removed.
            try { sources = Sources().ToList(); }
            catch (Exception e) when (e is OdooOptiply.Sync.State.StateStoreException or Npgsql.NpgsqlException or TimeoutException)
            {
                return new([], [], [], [$"the tenant table cannot be read ({e.Message}); the tenants stay as they were"]);
            }
            foreach (var source in sources)
            {
                var path = source.Key;
                seen.Add(path);
                var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source.Text)));
                if (_files.TryGetValue(path, out var known) && known.Hash == hash) continue;
                var result = TenantConfigLoader.Parse(source.Text, source.BaseDirectory, source.DefaultName);
                if (result.Config is not { } config)
                {
                    problems.Add($"{source.Label}: {string.Join("; ", result.Problems)}");
                    _files[path] = (hash, known.Tenant);
                    continue;
                }
                if (_files.Any(f => f.Key != path && f.Value.Tenant == config.Name))
                {
                    problems.Add($"{source.Label}: tenant {config.Name} is already defined by another file; ignored");
                    _files[path] = (hash, null);
                    continue;
                }
                if (known.Tenant is { } previous && previous != config.Name && _tenants.TryRemove(previous, out _)) removed.Add(previous);
                (_tenants.ContainsKey(config.Name) ? changed : added).Add(config.Name);
                _tenants[config.Name] = config;
                _files[path] = (hash, config.Name);
            }
            foreach (var gone in _files.Keys.Where(p => !seen.Contains(p)).ToList())
            {
                if (_files[gone].Tenant is { } tenant && _tenants.TryRemove(tenant, out _)) removed.Add(tenant);
                _files.Remove(gone);
            }
            _scanned.TrySetResult();
            return new(added, changed, removed, problems);
        }
    }
}

public sealed record CatalogChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed, IReadOnlyList<string> Problems)
{
    public bool Any => Added.Count + Changed.Count + Removed.Count > 0;
}
