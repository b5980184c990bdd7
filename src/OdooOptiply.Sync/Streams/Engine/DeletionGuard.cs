// The mass-deletion guard (flag deletion_guard, docs/sync.md "Deletions"): the deletions a run DETECTED in one binding
// space (records Odoo no longer returns, found by counting or by a full read) are held — not sent to Optiply, bindings
// kept — when there are more than min_records of them and more than max_percent of the space's bound records. An Odoo
// that answers successfully but empty (a record rule, a lost company, a wrong company_ids) must not empty a customer's
// Optiply. Held deletions fail the stream with words; the next run finds them again. `sync --allow-mass-deletions`
// lets them through for one run. Removals the mapper decides for a record Odoo returned are never guarded.
using System.Globalization;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync.Streams;

public static class DeletionGuard
{
    /// <summary>True when <paramref name="gone"/> deletions out of <paramref name="bound"/> bound records must be held.</summary>
    public static bool Holds(DeletionGuardFlags flags, int gone, int bound) =>
        !flags.Off && gone > flags.MinRecords && (long)gone * 100 > (long)flags.MaxPercent * bound;

    /// <summary>The stream's error when deletions are held: what, how many, and the two ways forward.</summary>
    public static string Message(string space, int gone, int bound)
    {
        var n = CultureInfo.InvariantCulture;
        var percent = bound == 0 ? 100 : (int)((long)gone * 100 / bound);
        return string.Format(n, "held {0:N0} of {1:N0} {2} deletions ({3} %): Odoo no longer returns them — if that is right, run "
            + "`odoo-optiply sync --allow-mass-deletions` once, or raise deletion_guard.max_percent", gone, bound, space, percent);
    }
}
