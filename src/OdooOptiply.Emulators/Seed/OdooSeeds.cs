// Picks and applies a named Odoo data set: "empty" (what a fresh database holds: companies, admin,
// languages, units, warehouses), "demo" (a small company with every case the sync meets) or
// "large:N" (N products with proportional data, for benchmarks). All deterministic.
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Emulators.Seed;

public static class OdooSeeds
{
    public static void Apply(OdooDatabase data, string seed)
    {
        var spec = seed.Trim().ToLowerInvariant();
        data.Batch(orm =>
        {
            var s = new OdooSeedWriter(orm);
            OdooBaseSeed.Apply(s);
            if (spec == "demo") OdooDemoSeed.Apply(s);
            else if (spec.StartsWith("large:", StringComparison.Ordinal) && int.TryParse(spec[6..], out var n) && n >= 0) OdooLargeSeed.Apply(s, n);
            else if (spec != "empty") throw new ArgumentException($"unknown seed '{seed}' (known: empty, demo, large:N)", nameof(seed));
            return 0;
        });
    }
}
