// Answers like Optiply without writing anything: creates get made-up negative ids (so records that refer
// to them still map), updates and deletes succeed. Finds answer "not found"; listings (adoption) go to the real
// target when one is given, so a dry run shows the adoption plan. Every write it is asked for is kept, in order, as
// the plan that `sync --dry-run` lists (resource, action, ids, attributes). Used by --dry-run.
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Ports;

/// <param name="reads">where reads go (adoption's listing, so --adopt --dry-run shows the real plan); none: nothing is found</param>
public sealed class DryRunTarget(IOptiplyTarget? reads = null) : IOptiplyTarget
{
    private long _next;
    private readonly ConcurrentQueue<PlannedWrite> _planned = new();

    /// <summary>The writes a real run would have made, in the order they were asked for.</summary>
    public IReadOnlyList<PlannedWrite> Planned => [.. _planned];

    public Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct)
    {
        _planned.Enqueue(new("create", resource, null, RemoteId(attributes), [.. attributes.Select(a => a.Key)]));
        return Task.FromResult((-Interlocked.Increment(ref _next)).ToString(CultureInfo.InvariantCulture));
    }

    public Task UpdateAsync(string resource, string id, JsonObject attributes, CancellationToken ct)
    {
        _planned.Enqueue(new("update", resource, id, RemoteId(attributes), [.. attributes.Select(a => a.Key)]));
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string resource, string id, CancellationToken ct)
    {
        _planned.Enqueue(new("delete", resource, id, null, []));
        return Task.FromResult(true);
    }

    private static string? RemoteId(JsonObject attributes) => attributes["remoteId"] is JsonValue v ? v.ToString() : null;

    public Task<string?> FindByRemoteIdAsync(string resource, string remoteId, long? afterId, CancellationToken ct) => Task.FromResult<string?>(null);

    public IAsyncEnumerable<TargetRecord> ListAsync(string resource, CancellationToken ct) =>
        reads?.ListAsync(resource, ct) ?? AsyncEnumerable.Empty<TargetRecord>();

    public Task<string?> FindAsync(string resource, IReadOnlyList<KeyValuePair<string, object>> where, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}

/// <summary>One write a dry run would have made: create / update / delete, the Optiply resource, its Optiply id (updates and
/// deletes; a create has none yet), the Odoo remote id it carries, and the attributes it would send.</summary>
public sealed record PlannedWrite(string Action, string Resource, string? Id, string? RemoteId, IReadOnlyList<string> Attributes);
