// Cached look-ups the sinks make while mapping (a partner by name, a currency by code, an account by code …):
// each distinct question is asked of Odoo once per run. A look-up says whether it found exactly one record,
// none, or several (ambiguous), so a mapper never links a record to the first of two namesakes.
using System.Collections.Concurrent;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.OdooWrites;

/// <summary>The answer of one look-up: the id when exactly one record matched, else Count says 0 (none) or 2+ (ambiguous).</summary>
public sealed record LookupResult(long? Id, int Count)
{
    public bool Found => Id is not null;
}

public sealed class OdooLookups(IOdooTarget client)
{
    private readonly ConcurrentDictionary<string, LookupResult> _cache = new(StringComparer.Ordinal);

    /// <summary>The one record of <paramref name="model"/> matching <paramref name="domain"/> (archived ones left out), cached.</summary>
    public async Task<LookupResult> OneAsync(string model, OdooDomain domain, CancellationToken ct)
    {
        var key = model + " " + domain;
        if (_cache.TryGetValue(key, out var known)) return known;
        var ids = await client.SearchAsync(model, domain, limit: 2, order: "id asc", ct: ct);
        var result = new LookupResult(ids.Count == 1 ? ids[0] : null, ids.Count);
        _cache[key] = result;
        return result;
    }

    /// <summary>The first match of the domains tried in order (e.g. by code, then by name).</summary>
    public async Task<LookupResult> FirstOfAsync(string model, IEnumerable<OdooDomain> domains, CancellationToken ct)
    {
        var last = new LookupResult(null, 0);
        foreach (var d in domains)
        {
            last = await OneAsync(model, d, ct);
            if (last.Found || last.Count > 1) return last;
        }
        return last;
    }

    /// <summary>Whether a record id exists (a remote id given by the source, checked before it is written into a many2one).</summary>
    public async Task<bool> ExistsAsync(string model, long id, CancellationToken ct) =>
        (await OneAsync(model, OdooDomain.Leaf("id", "=", id), ct)).Found;

    /// <summary>Forgets cached answers (a record this run created may now answer a look-up).</summary>
    public void Forget(string model)
    {
        foreach (var k in _cache.Keys.Where(k => k.StartsWith(model + " ", StringComparison.Ordinal))) _cache.TryRemove(k, out _);
    }
}
