// What the state store remembers of adoption, per binding space (key/value): whether the space was adopted
// (a new or lost state file has no such mark, so its first run adopts), and the source records adoption
// found ambiguous, which later runs keep uncreated until `sync --adopt` finds them unambiguous.
using System.Globalization;
using System.Text.Json;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Adoption;

public static class AdoptionState
{
    private static string DoneKey(string space) => $"adoption.{space}.done";
    private static string HeldKey(string space) => $"adoption.{space}.ambiguous";

    /// <summary>True when <paramref name="space"/> must be adopted this run: never adopted in this state, or asked for.</summary>
    public static async Task<bool> DueAsync(IStateStore store, string space, bool asked, CancellationToken ct) =>
        asked || await store.GetValueAsync(DoneKey(space), ct) is null;

    /// <summary>The adoption of <paramref name="space"/> is complete: later runs do not read Optiply in full again.</summary>
    public static async Task MarkDoneAsync(IStateStore store, string space, IReadOnlyCollection<string> ambiguous, TimeProvider time, CancellationToken ct)
    {
        await store.SetValueAsync(HeldKey(space), JsonSerializer.Serialize(ambiguous.Order(StringComparer.Ordinal)), ct);
        await store.SetValueAsync(DoneKey(space), time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture), ct);
    }

    /// <summary>Source ids adoption left uncreated as ambiguous; empty when none (or never adopted).</summary>
    public static async Task<IReadOnlySet<string>> HeldAsync(IStateStore store, string space, CancellationToken ct) =>
        await store.GetValueAsync(HeldKey(space), ct) is { } json
            ? JsonSerializer.Deserialize<List<string>>(json)?.ToHashSet(StringComparer.Ordinal) ?? []
            : new HashSet<string>();
}
