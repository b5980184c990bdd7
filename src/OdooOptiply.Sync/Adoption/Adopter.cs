// Adoption for one binding space during one run: decides, for a source record that has no binding, whether
// Optiply already holds it — by the remote id under our coupling, by the origin mark of an exported order,
// or by a natural key unique on both sides — and so whether to bind it, report it as ambiguous (never
// created: a duplicate is worse than a late record), or create it. A record whose natural key only might
// match is deferred to the end of the stream's read, when every remote-id claim is known and the Odoo side's
// key counts are complete.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Adoption;

public enum AdoptionVerdict { Adopt, Ambiguous, Refuse, Create }

/// <param name="Equal">the Optiply record already says what the payload would write (bind, write nothing)</param>
public sealed record AdoptionDecision(AdoptionVerdict Verdict, string? TargetId = null, string? Reason = null, bool Equal = false);

public sealed class Adopter
{
    private readonly AdoptionIndex _index;
    private readonly Func<JsonObject, string?>? _adoptWhen;
    private readonly List<MappedItem> _deferred = [];
    private readonly HashSet<string> _ambiguous = new(StringComparer.Ordinal);

    private Adopter(string space, AdoptionIndex index, Func<JsonObject, string?>? adoptWhen)
    {
        (Space, _index, _adoptWhen) = (space, index, adoptWhen);
        Counter = new AdoptionCounter(space, index.Resource) { InOptiply = index.Count };
    }

    public string Space { get; }
    public string Resource => _index.Resource;
    public AdoptionCounter Counter { get; }
    public IReadOnlyList<MappedItem> Deferred => _deferred;
    /// <summary>Source ids found ambiguous this run (kept uncreated by later runs, AdoptionState).</summary>
    public IReadOnlyCollection<string> AmbiguousSources => _ambiguous;

    /// <summary>Reads what Optiply holds for <paramref name="resource"/> once; records the space already binds are claimed.</summary>
    /// <param name="adoptWhen">for a record known by its origin mark: why it must not be adopted now (null: adopt it)</param>
    public static async Task<Adopter> StartAsync(IOptiplyTarget target, Binder binder, string resource, IReadOnlyList<AdoptionKey> keys,
        Func<JsonObject, string?>? adoptWhen, CancellationToken ct)
    {
        var index = await AdoptionIndex.LoadAsync(target, resource, keys, ct);
        foreach (var id in binder.TargetIds) index.Claim(id);
        return new Adopter(binder.Space, index, adoptWhen);
    }

    public static Adopter Over(AdoptionIndex index, Binder binder, Func<JsonObject, string?>? adoptWhen = null)
    {
        foreach (var id in binder.TargetIds) index.Claim(id);
        return new Adopter(binder.Space, index, adoptWhen);
    }

    /// <summary>True when the item may match by natural key only: it waits for the end of the read (see the file's head).</summary>
    public bool TryDefer(MappedItem item)
    {
        if (item.KnownTargetId is not null || item.Result.Payload is not { } payload || _index.ByRemoteId(RemoteIdOf(item.SourceId, payload)).Count > 0)
            return false;
        for (var i = 0; i < _index.Keys.Count; i++)
            if (_index.Keys[i].Of(payload) is { } v && _index.Unclaimed(i, v).Count > 0)
            {
                _deferred.Add(item);
                return true;
            }
        return false;
    }

    /// <summary>Hands the deferred items over (once) with the Odoo side's count of each natural key among them.</summary>
    public (IReadOnlyList<MappedItem> Items, Func<int, string, int> OdooCount) TakeDeferred()
    {
        var items = _deferred.ToList();
        _deferred.Clear();
        return (items, KeyCounts(items.Select(i => i.Result.Payload).OfType<JsonObject>()));
    }

    /// <summary>Counts each natural key's values among <paramref name="payloads"/> (the Odoo side of "unique on both sides").</summary>
    public Func<int, string, int> KeyCounts(IEnumerable<JsonObject> payloads)
    {
        var counts = _index.Keys.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var p in payloads)
            for (var i = 0; i < _index.Keys.Count; i++)
                if (_index.Keys[i].Of(p) is { } v) counts[i][v] = counts[i].GetValueOrDefault(v) + 1;
        return (key, value) => counts[key].GetValueOrDefault(value);
    }

    /// <summary>The decision for an unbound source record. <paramref name="odooCount"/>: how many source records share a key value
    /// (null: this one only).</summary>
    public AdoptionDecision Decide(string sourceId, JsonObject payload, string? knownTargetId, Func<int, string, int>? odooCount = null)
    {
        if (knownTargetId is not null)
        {
            if (_index.Get(knownTargetId) is not { } known)
                return new(AdoptionVerdict.Refuse, Reason: $"exported from Optiply {Resource} {knownTargetId}, which Optiply no longer has");
            if (known.Claimed) return new(AdoptionVerdict.Refuse, Reason: $"Optiply {Resource} {knownTargetId} is already bound to another record");
            if (_adoptWhen?.Invoke(known.Attributes()) is { } why) return new(AdoptionVerdict.Refuse, Reason: why);
            Counter.ByOriginMark++;
            return Adopt(known, payload);
        }
        var remoteId = RemoteIdOf(sourceId, payload);
        var byRemote = _index.ByRemoteId(remoteId);
        if (byRemote.Count > 1)
            return Ambiguous(sourceId, $"{Space} {sourceId}: remote id {remoteId} is carried by {byRemote.Count} Optiply {Resource} ({Ids(byRemote)}); not created");
        if (byRemote.Count == 1)
        {
            if (byRemote[0].Claimed)
                return Ambiguous(sourceId, $"{Space} {sourceId}: Optiply {Resource} {byRemote[0].Id} carries remote id {remoteId} but is bound to another record; not created");
            Counter.ByRemoteId++;
            return Adopt(byRemote[0], payload);
        }
        for (var i = 0; i < _index.Keys.Count; i++)
        {
            var key = _index.Keys[i];
            if (key.Of(payload) is not { } value) continue;
            var theirs = _index.Unclaimed(i, value);
            if (theirs.Count == 0) continue;
            var ours = odooCount?.Invoke(i, value) ?? 1;
            if (theirs.Count == 1 && ours <= 1)
            {
                Counter.ByNaturalKey++;
                return Adopt(theirs[0], payload);
            }
            return Ambiguous(sourceId, $"{Space} {sourceId}: {key.Describe(payload)} matches {theirs.Count} Optiply {Resource} ({Ids(theirs)}) and {ours} Odoo record(s); not created");
        }
        Counter.ToCreate++;
        return new(AdoptionVerdict.Create);
    }

    /// <summary>Optiply records nobody was bound to (after the whole read): left alone, or disabled when the flag says so.</summary>
    public IReadOnlyList<(string Id, JsonObject Attributes)> Unmatched()
    {
        var left = _index.AllUnclaimed.Select(e => (e.Id, e.Attributes())).ToList();
        Counter.Unmatched = left.Count;
        return left;
    }

    private AdoptionDecision Adopt(AdoptionIndex.Entry entry, JsonObject payload)
    {
        entry.Claimed = true;
        var equal = PayloadComparer.Differences(payload, entry.Attributes(), entry.RemoteIds).Count == 0;
        if (equal) Counter.Unchanged++;
        else Counter.Updated++;
        return new(AdoptionVerdict.Adopt, entry.Id, Equal: equal);
    }

    private AdoptionDecision Ambiguous(string sourceId, string reason)
    {
        Counter.Ambiguous++;
        _ambiguous.Add(sourceId);
        return new(AdoptionVerdict.Ambiguous, Reason: reason);
    }

    private static string RemoteIdOf(string sourceId, JsonObject payload) => AdoptionKey.Canonical(payload["remoteId"]) ?? sourceId;

    private static string Ids(IReadOnlyList<AdoptionIndex.Entry> entries) =>
        string.Join(", ", entries.Take(5).Select(e => e.Id)) + (entries.Count > 5 ? ", …" : "");
}
