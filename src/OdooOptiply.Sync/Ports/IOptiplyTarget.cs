// The little the engine asks of Optiply: create, update, delete and find records of a resource.
// OptiplyClientTarget adapts the OptiplyClient; DryRunTarget answers without writing.
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Ports;

public interface IOptiplyTarget
{
    /// <summary>Creates a record; returns its Optiply id. Never blindly repeated.</summary>
    Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct);
    Task UpdateAsync(string resource, string id, JsonObject attributes, CancellationToken ct);
    /// <summary>False when the record was already gone.</summary>
    Task<bool> DeleteAsync(string resource, string id, CancellationToken ct);
    /// <summary>The id of a record carrying <paramref name="remoteId"/> for our coupling, or null: how the engine learns
    /// whether a create whose answer was lost landed. Optiply cannot filter on remoteId (it shows it in remoteIdMap), so
    /// records are scanned newest first down to <paramref name="afterId"/> (every record created after the create was
    /// sent has a higher id), or all of them when it is null: found whatever else was written meanwhile.</summary>
    Task<string?> FindByRemoteIdAsync(string resource, string remoteId, long? afterId, CancellationToken ct);
    /// <summary>Every record of a resource, paged, with its remote ids under our coupling (any coupling when none is
    /// configured): what adoption reads once to bind what Optiply already holds.</summary>
    IAsyncEnumerable<TargetRecord> ListAsync(string resource, CancellationToken ct);
    /// <summary>The id of the first record whose attributes equal all of <paramref name="where"/>, or null.</summary>
    Task<string?> FindAsync(string resource, IReadOnlyList<KeyValuePair<string, object>> where, CancellationToken ct);
}

/// <summary>One Optiply record as adoption sees it: its id, its attributes, and the remote ids it carries for us.</summary>
public sealed record TargetRecord(string Id, JsonObject Attributes, IReadOnlyList<string> RemoteIds);

/// <summary>A write Optiply did not take, in the engine's vocabulary: <see cref="Outcome"/>, and the HTTP status where the
/// engine acts on it (409: a record with that natural key exists; 404: the record, or one it refers to, does not).</summary>
public sealed class TargetWriteException(Outcome outcome, string message, Exception? inner = null) : Exception(message, inner)
{
    public Outcome Outcome { get; } = outcome;
    public int? Status { get; init; }
    public bool IsConflict => Status == 409;
    public bool IsNotFound => Status == 404;
}
