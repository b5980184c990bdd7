// What writing one record into Odoo came to, in the words of a hotglue target's summary: created (a success),
// updated (a success that changed a known record), existing (nothing to write: already there, or reused), failed.
namespace OdooOptiply.Sync.OdooWrites;

public enum WriteKind { Created, Updated, Existing, Failed }

/// <param name="OdooId">the Odoo record the source record is bound to (null when it failed before one was known)</param>
/// <param name="Reason">why it failed, or what was reused; never a payload value beyond the record's key</param>
public sealed record WriteOutcome(WriteKind Kind, long? OdooId, string? Reason = null)
{
    public bool Succeeded => Kind != WriteKind.Failed;
}
