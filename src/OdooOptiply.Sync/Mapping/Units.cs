// unit_filter / unit_factors applied to a quantity or price expressed in a named unit of measure.
// A unit listed in unit_factors converts to stock units by multiplying; an unlisted unit counts 1:1,
// or, when unit_filter is on, does not travel at all.
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Mapping;

public static class Units
{
    public static double Factor(SyncFlags flags, string? unitName) =>
        unitName is not null && flags.UnitFactors.TryGetValue(unitName, out var f) ? f : 1.0;

    public static bool Allowed(SyncFlags flags, string? unitName) =>
        !flags.UnitFilter || (unitName is not null && flags.UnitFactors.ContainsKey(unitName));

    /// <summary>A quantity as the whole number Optiply stores (Java Long); halves round away from zero.</summary>
    public static long Whole(double quantity) => (long)Math.Round(quantity, MidpointRounding.AwayFromZero);

    public static double Money(double amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
