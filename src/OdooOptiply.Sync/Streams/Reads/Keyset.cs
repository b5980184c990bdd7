// The incremental read's position: records after (write_date, id) in that order. Odoo keeps write_date
// with microseconds but sends whole seconds, so "the same second" is the range [W, W+1s), never W itself.
using System.Globalization;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Streams;

public static class Keyset
{
    public const string Order = "write_date asc, id asc";

    public static string Format(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Records after <paramref name="position"/>: write_date ≥ W+1s, or in W's second with a higher id.</summary>
    public static OdooDomain After(Bookmark position)
    {
        var second = Truncate(position.WriteDate);
        var next = Format(second.AddSeconds(1));
        return OdooDomain.Leaf("write_date", ">=", next).Or(
            OdooDomain.Leaf("write_date", ">=", Format(second))
                .And(OdooDomain.Leaf("write_date", "<", next), OdooDomain.Leaf("id", ">", position.LastId)));
    }

    /// <summary>Records written at or after <paramref name="since"/> (to the second).</summary>
    public static OdooDomain Since(DateTime since) => OdooDomain.Leaf("write_date", ">=", Format(Truncate(since)));

    public static DateTime Truncate(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
