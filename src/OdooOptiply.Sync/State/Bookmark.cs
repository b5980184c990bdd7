// A stream's high-water mark: the (write_date, id) of the last record stored. Reads restart from it
// minus the overlap window; it never moves past the signpost (the time the run started).
namespace OdooOptiply.Sync.State;

public sealed record Bookmark(DateTime WriteDate, long LastId)
{
    /// <summary>True when (writeDate, id) comes after this bookmark in (write_date, id) order.</summary>
    public bool IsBefore(DateTime writeDate, long id) => writeDate > WriteDate || (writeDate == WriteDate && id > LastId);

    /// <summary>The later of two bookmarks in (write_date, id) order.</summary>
    public static Bookmark Max(Bookmark? a, Bookmark b) => a is null || a.IsBefore(b.WriteDate, b.LastId) ? b : a;
}
