// The tenants a daemon node knows right now: a fixed list (`run --config …`) or the tenant files of a
// folder (`run --tenants-dir`), read again on every scan so that a file added, changed or removed while the
// daemon runs is picked up without a restart. A file that does not load is reported once per change and
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

    public TenantCatalog(IEnumerable<TenantConfig>? tenants = null)
    {
        foreach (var t in tenants ?? []) _tenants[t.Name] = t;
    }

    /// <summary>The folder of tenant files (*.json), or null for a fixed list.</summary>
    public string? Folder { get; init; }

    public TenantConfig? Find(string tenant) => _tenants.TryGetValue(tenant, out var c) ? c : null;

    public IReadOnlyList<TenantConfig> All => _tenants.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>Reads the folder again: returns what changed (tenant names) and one line per file that could not be loaded.</summary>
    public CatalogChanges Scan()
    {
        if (Folder is null) return new([], [], [], []);
        lock (_scan)
        {
            var added = new List<string>(); var changed = new List<string>(); var removed = new List<string>(); var problems = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
            {
                seen.Add(path);
                string hash;
                try { hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))); }
                catch (IOException) { continue; /* being written: the next scan reads it */ }
                if (_files.TryGetValue(path, out var known) && known.Hash == hash) continue;
                var result = TenantConfigLoader.Load(path);
                if (result.Config is not { } config)
                {
                    problems.Add($"{Path.GetFileName(path)}: {string.Join("; ", result.Problems)}");
                    _files[path] = (hash, known.Tenant);
                    continue;
                }
                if (_files.Any(f => f.Key != path && f.Value.Tenant == config.Name))
                {
                    problems.Add($"{Path.GetFileName(path)}: tenant {config.Name} is already defined by another file; ignored");
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
            return new(added, changed, removed, problems);
        }
    }
}

public sealed record CatalogChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed, IReadOnlyList<string> Problems)
{
    public bool Any => Added.Count + Changed.Count + Removed.Count > 0;
}
