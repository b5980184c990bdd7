// What Optiply already holds for one resource, read once (paged) when adoption starts: every record by its
// remote ids and by each natural key, with its attributes kept as compact UTF-8 JSON (a 100,000-product
// account stays tens of MB). A record is claimed once a source record is bound to it, so no two source
// records are ever adopted onto one Optiply record.
using System.Text.Json;
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Adoption;

public sealed class AdoptionIndex
{
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Entry>> _byRemoteId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Entry>>[] _byKey;

    private AdoptionIndex(string resource, IReadOnlyList<AdoptionKey> keys)
    {
        Resource = resource;
        Keys = keys;
        _byKey = keys.Select(_ => new Dictionary<string, List<Entry>>(StringComparer.Ordinal)).ToArray();
    }

    public string Resource { get; }
    public IReadOnlyList<AdoptionKey> Keys { get; }
    public int Count => _byId.Count;

    public static async Task<AdoptionIndex> LoadAsync(IOptiplyTarget target, string resource, IReadOnlyList<AdoptionKey> keys, CancellationToken ct)
    {
        var index = new AdoptionIndex(resource, keys);
        await foreach (var r in target.ListAsync(resource, ct)) index.Add(r);
        return index;
    }

    /// <summary>For tests and the in-memory engine: an index over records already at hand.</summary>
    public static AdoptionIndex Of(string resource, IReadOnlyList<AdoptionKey> keys, IEnumerable<TargetRecord> records)
    {
        var index = new AdoptionIndex(resource, keys);
        foreach (var r in records) index.Add(r);
        return index;
    }

    private void Add(TargetRecord r)
    {
        var entry = new Entry(r.Id, JsonSerializer.SerializeToUtf8Bytes(r.Attributes), r.RemoteIds);
        _byId[r.Id] = entry;
        foreach (var remote in r.RemoteIds.Distinct(StringComparer.Ordinal)) Add(_byRemoteId, remote, entry);
        for (var i = 0; i < Keys.Count; i++)
            if (Keys[i].Of(r.Attributes) is { } k) Add(_byKey[i], k, entry);
    }

    private static void Add(Dictionary<string, List<Entry>> map, string key, Entry e)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(e);
    }

    public Entry? Get(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Records carrying <paramref name="remoteId"/> (claimed or not: two of them is an ambiguity to report).</summary>
    public IReadOnlyList<Entry> ByRemoteId(string remoteId) => _byRemoteId.TryGetValue(remoteId, out var l) ? l : [];

    /// <summary>Unclaimed records whose key <paramref name="key"/> has the text <paramref name="value"/>.</summary>
    public IReadOnlyList<Entry> Unclaimed(int key, string value) =>
        _byKey[key].TryGetValue(value, out var l) ? l.Where(e => !e.Claimed).ToList() : [];

    /// <summary>Records no source record was bound to.</summary>
    public IEnumerable<Entry> AllUnclaimed => _byId.Values.Where(e => !e.Claimed);

    /// <summary>Marks an Optiply record as already bound (by the state's own bindings, or by this adoption).</summary>
    public void Claim(string id)
    {
        if (_byId.TryGetValue(id, out var e)) e.Claimed = true;
    }

    public sealed class Entry(string id, byte[] attributes, IReadOnlyList<string> remoteIds)
    {
        public string Id { get; } = id;
        public IReadOnlyList<string> RemoteIds { get; } = remoteIds;
        public bool Claimed { get; set; }
        public JsonObject Attributes() => JsonNode.Parse(attributes) as JsonObject ?? new JsonObject();
    }
}
