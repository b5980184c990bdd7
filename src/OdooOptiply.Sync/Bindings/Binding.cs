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
}
