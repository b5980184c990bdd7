// A stored link between one Odoo source record and the Optiply record made from it, with the hash of the
// last payload sent: the fact that makes every write conditional and every create unrepeatable.
namespace OdooOptiply.Sync.Bindings;

/// <param name="Stream">the binding space (a stream name, or e.g. "buyOrderLines" for lines of a stream)</param>
/// <param name="SourceId">the Odoo id (or composite key such as "12_345") as text</param>
/// <param name="TargetId">the Optiply id</param>
/// <param name="Hash">SHA-256 of the canonical JSON of the last payload sent</param>
public sealed record Binding(string Stream, string SourceId, string TargetId, string Hash, DateTime SyncedAt)
{
    /// <summary>The target id of a create that was sent but whose answer was never bound (Binder.MarkPendingAsync).</summary>
    public const string Pending = "pending";

    public bool IsPending => TargetId == Pending;

    /// <summary>A pending mark's hash holds "after:&lt;id&gt;": the highest Optiply id bound when the create was sent.</summary>
    public const string AfterPrefix = "after:";

    /// <summary>For a pending mark: the Optiply id every record created by it lies above (null: unknown, scan everything).</summary>
    public long? PendingAfter =>
        IsPending && Hash.StartsWith(AfterPrefix, StringComparison.Ordinal)
        && long.TryParse(Hash.AsSpan(AfterPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;
}
