// What adoption did (or, in a dry run, would do) in one binding space: how records were bound to what
// Optiply already held, what was ambiguous and left uncreated, and what was left to create. Kept with the
// stream's run report; `sync --adopt --dry-run` prints it as the adoption plan.
namespace OdooOptiply.Sync.Adoption;

public sealed record AdoptionReport(
    string Space, string Resource, long InOptiply, long ByRemoteId, long ByNaturalKey, long ByOriginMark, long Ambiguous,
    long ToCreate, long Unchanged, long Updated, long Unmatched, long Disabled)
{
    public long Adopted => ByRemoteId + ByNaturalKey + ByOriginMark;

    /// <summary>One line: "products: 22 adopted by remote id, 1 by natural key, 2 ambiguous (not created), 3 to create; …".</summary>
    public string Describe() =>
        $"{Space}: {InOptiply} in Optiply; adopted {ByRemoteId} by remote id, {ByNaturalKey} by natural key"
        + (ByOriginMark > 0 ? $", {ByOriginMark} by origin mark" : "")
        + $" ({Unchanged} unchanged, {Updated} to update); {Ambiguous} ambiguous (not created); {ToCreate} to create; "
        + $"{Unmatched} in Optiply only" + (Disabled > 0 ? $" ({Disabled} disabled)" : " (left alone)");
}

/// <summary>Counts adoption as it goes, frozen into an AdoptionReport.</summary>
public sealed class AdoptionCounter(string space, string resource)
{
    public long InOptiply, ByRemoteId, ByNaturalKey, ByOriginMark, Ambiguous, ToCreate, Unchanged, Updated, Unmatched, Disabled;

    public AdoptionReport Build() =>
        new(space, resource, InOptiply, ByRemoteId, ByNaturalKey, ByOriginMark, Ambiguous, ToCreate, Unchanged, Updated, Unmatched, Disabled);
}
