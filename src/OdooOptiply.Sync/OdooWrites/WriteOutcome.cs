// What writing one record into Odoo came to, in the words of a hotglue target's summary: created (a success),
// updated (a success that changed a known record), existing (nothing to write: already there, or reused), skipped (the
// declaration's conflict rules left it alone, with the reason and the detail to report), failed (rejected for the record).
namespace OdooOptiply.Sync.OdooWrites;

public enum WriteKind { Created, Updated, Existing, Skipped, Failed }

/// <param name="OdooId">the Odoo record the source record is bound to (null when it failed before one was known)</param>
/// <param name="Reason">why it failed or was skipped, or what was reused; never a payload value beyond the record's key</param>
/// <param name="Detail">a skip's words for the run's errors (both sides' ids), or null</param>
public sealed record WriteOutcome(WriteKind Kind, long? OdooId, string? Reason = null, string? Detail = null)
{
    public bool Succeeded => Kind != WriteKind.Failed;
}
