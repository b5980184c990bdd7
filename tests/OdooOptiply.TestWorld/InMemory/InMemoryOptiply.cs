// Optiply in memory, behind the engine's ports (IOptiplyTarget for the pull's writes, IOptiplySource for the export's
// reads): records per resource as attribute objects, ids counted across resources (newer is higher, as Optiply's),
// a record's remote id kept in its "remoteId" attribute. Every call is noted ("resource.method") and may be made to
// fail before it acts (Fail) or after a create landed (AfterCreate: the answer lost), with the engine's own
// TargetWriteException and its Outcome. The engine's rules tested without HTTP, in milliseconds.
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using OdooOptiply.Optiply;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.TestWorld.InMemory;

/// <summary>One call to the in-memory Optiply, as a fault rule sees it (Id: the record updated or deleted).</summary>
public sealed record OptiplyCall(string Resource, string Method, string? Id = null, JsonObject? Attributes = null);

public sealed class InMemoryOptiply(long? couplingId = 4711) : IOptiplyTarget, IOptiplySource
{
    private readonly Dictionary<string, SortedDictionary<long, JsonObject>> _resources = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _nextId = 1000;

    public long? CouplingId => couplingId;
    public ConcurrentQueue<string> Calls { get; } = new();
    public Func<OptiplyCall, Exception?>? Fail { get; set; }
    public Func<OptiplyCall, string, Exception?>? AfterCreate { get; set; }

    /// <summary>A failure in the engine's vocabulary, as OptiplyClientTarget raises it (status: 404, 409, 422 …).</summary>
    public static TargetWriteException Failure(Outcome outcome, string message, int? status = null) => new(outcome, message) { Status = status };

    /// <summary>A record put there by a user or another integration; returns its id.</summary>
    public string Seed(string resource, JsonObject attributes)
    {
        lock (_lock)
        {
            var id = ++_nextId;
            Table(resource)[id] = (JsonObject)attributes.DeepClone();
            return id.ToString(CultureInfo.InvariantCulture);
        }
    }

    public IReadOnlyList<(string Id, JsonObject Attributes)> All(string resource)
    {
        lock (_lock) return Table(resource).Select(kv => (kv.Key.ToString(CultureInfo.InvariantCulture), (JsonObject)kv.Value.DeepClone())).ToList();
    }

    public int Count(string resource) { lock (_lock) return Table(resource).Count; }

    public JsonObject? Get(string resource, string id)
    {
        lock (_lock) return Table(resource).TryGetValue(long.Parse(id, CultureInfo.InvariantCulture), out var a) ? (JsonObject)a.DeepClone() : null;
    }

    /// <summary>The record carrying <paramref name="remoteId"/>, or null.</summary>
    public (string Id, JsonObject Attributes)? ByRemoteId(string resource, string remoteId) =>
        All(resource).Where(r => RemoteIdOf(r.Attributes) == remoteId).Select(r => ((string, JsonObject)?)r).FirstOrDefault();

    /// <summary>A user deletes a record in Optiply.</summary>
    public void Remove(string resource, string id) { lock (_lock) Table(resource).Remove(long.Parse(id, CultureInfo.InvariantCulture)); }

    public int CallCount(string resource, string method) => Calls.Count(c => c == resource + "." + method);

    private SortedDictionary<long, JsonObject> Table(string resource)
    {
        if (!_resources.TryGetValue(resource, out var t)) _resources[resource] = t = [];
        return t;
    }

    private void Enter(string resource, string method, string? id = null, JsonObject? attributes = null)
    {
        Calls.Enqueue(resource + "." + method);
        if (Fail?.Invoke(new OptiplyCall(resource, method, id, attributes)) is { } e) throw e;
    }

    private static string? RemoteIdOf(JsonObject a) => a["remoteId"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : a["remoteId"]?.ToJsonString();

    private static string Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "null";

    // ---- IOptiplyTarget ----

    public Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct)
    {
        Enter(resource, "create", attributes: attributes);
        var id = Seed(resource, attributes);
        if (AfterCreate?.Invoke(new OptiplyCall(resource, "create", id, attributes), id) is { } e) throw e;
        return Task.FromResult(id);
    }

    public Task UpdateAsync(string resource, string id, JsonObject attributes, CancellationToken ct)
    {
        Enter(resource, "update", id, attributes);
        lock (_lock)
        {
            if (!Table(resource).TryGetValue(long.Parse(id, CultureInfo.InvariantCulture), out var row))
                throw Failure(Outcome.Rejected, $"{resource} {id} not found", 404);
            foreach (var (k, v) in attributes) row[k] = v?.DeepClone();
        }
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string resource, string id, CancellationToken ct)
    {
        Enter(resource, "delete", id);
        lock (_lock) return Task.FromResult(Table(resource).Remove(long.Parse(id, CultureInfo.InvariantCulture)));
    }

    public Task<string?> FindByRemoteIdAsync(string resource, string remoteId, long? afterId, CancellationToken ct)
    {
        Enter(resource, "findByRemoteId");
        lock (_lock)
            return Task.FromResult(Table(resource).Reverse().TakeWhile(kv => afterId is null || kv.Key > afterId)
                .Where(kv => RemoteIdOf(kv.Value) == remoteId).Select(kv => kv.Key.ToString(CultureInfo.InvariantCulture)).FirstOrDefault());
    }

    public async IAsyncEnumerable<TargetRecord> ListAsync(string resource, [EnumeratorCancellation] CancellationToken ct)
    {
        Enter(resource, "list");
        foreach (var (id, a) in All(resource))
        {
            await Task.Yield();
            yield return new TargetRecord(id, a, RemoteIdOf(a) is { Length: > 0 } r ? [r] : []);
        }
    }

    public Task<string?> FindAsync(string resource, IReadOnlyList<KeyValuePair<string, object>> where, CancellationToken ct)
    {
        Enter(resource, "find");
        return Task.FromResult(All(resource).Where(r => where.All(w => Text(r.Attributes[w.Key]) == Convert.ToString(w.Value, CultureInfo.InvariantCulture)))
            .Select(r => r.Id).FirstOrDefault());
    }

    // ---- IOptiplySource (the export reads) ----

    /// <summary>Equality filters (filter[a]=v, filter[a]=null) and the id sort of the query; other operators are not supported.</summary>
    public async IAsyncEnumerable<OptiplyRecord> ListAsync(string resource, OptiplyQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        Enter(resource, "list");
        var filters = new List<(string Attribute, string Value)>();
        var descending = false;
        foreach (var part in query.ToString().Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            var (key, value) = (Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "");
            if (key == "sort") descending = value.StartsWith('-');
            else if (key.StartsWith("filter[", StringComparison.Ordinal) && key.EndsWith(']') && key.IndexOf(']') == key.Length - 1)
                filters.Add((key[7..^1], value));
            else throw new NotSupportedException($"in-memory Optiply: query part {key}");
        }
        var rows = All(resource).Where(r => filters.All(f => f.Value == "null" ? r.Attributes[f.Attribute] is null : Text(r.Attributes[f.Attribute]) == f.Value));
        foreach (var (id, a) in descending ? rows.Reverse() : rows)
        {
            await Task.Yield();
            yield return new OptiplyRecord(id, resource, a);
        }
    }

    public Task<OptiplyRecord?> GetAsync(string resource, string id, CancellationToken ct)
    {
        Enter(resource, "get", id);
        return Task.FromResult(Get(resource, id) is { } a ? new OptiplyRecord(id, resource, a) : null);
    }
}
