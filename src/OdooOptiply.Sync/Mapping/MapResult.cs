// What a mapper says about one source record: send this payload, leave it alone (Outcome.Skipped, with a reason), or
// remove the Optiply record made from it. Mappers are pure: same inputs, same result, no I/O.
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Mapping;

/// <param name="Removes">true: the Optiply record made from it goes (a cancelled order)</param>
/// <param name="CreateAllowed">false: update an existing target, but never create one (e.g. a disabled product).</param>
public sealed record MapResult(JsonObject? Payload, string? Reason, bool Removes = false, bool CreateAllowed = true)
{
    public static MapResult Send(JsonObject payload, bool createAllowed = true) => new(payload, null, CreateAllowed: createAllowed);
    public static MapResult Skip(string reason) => new(null, reason);
    public static MapResult Remove(string reason) => new(null, reason, Removes: true);

    public bool Sends => Payload is not null;
    /// <summary>Outcome.Skipped: nothing sent, nothing removed; <see cref="Reason"/> says why.</summary>
    public bool Skipped => Payload is null && !Removes;
    /// <summary>Skipped when nothing is sent or removed, else null (the record is written).</summary>
    public Outcome? Outcome => Skipped ? OdooOptiply.Outcome.Skipped : null;
}

/// <summary>One mapped item: the binding key it lives under, what to do with it, and its own lines
/// (e.g. buy order lines), which are written after it with the parent's Optiply id filled in.
/// <paramref name="KnownTargetId"/>: the Optiply record this source record is known to come from (an exported order's
/// origin mark), bound by adoption when it has no binding yet.</summary>
public sealed record MappedItem(string SourceId, MapResult Result, IReadOnlyList<MappedItem>? Lines = null, string? KnownTargetId = null);

/// <summary>Optiply ids of records other streams made, looked up by binding space and source id.</summary>
public interface ITargetIds
{
    long? Of(string space, string sourceId);
}
