// Offset paging as Optiply requires it ([doc]: page[limit] ≤ 100, page[offset] a multiple of the limit).
// Stops when links.next is absent or a page comes back short, and fails loudly when a next link would
// not move forward (a server bug that would otherwise loop forever).
using System.Globalization;
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply;

internal sealed class OptiplyPager(int limit)
{
    public int Limit { get; private set; } = limit;
    public long Offset { get; private set; }

    public IEnumerable<KeyValuePair<string, string>> Parameters() =>
    [
        new("page[limit]", Limit.ToString(CultureInfo.InvariantCulture)),
        new("page[offset]", Offset.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Halves the page size after a 504 while it stays at or above the floor; offsets stay multiples (100 → 50 → 25).</summary>
    public bool Shrink()
    {
        if (Limit / 2 < OptiplyConstants.MinPageLimitAfterGatewayTimeout || Limit % 2 != 0) return false;
        Limit /= 2;
        return true;
    }

    /// <summary>Moves to the next page; false when the list is complete.</summary>
    public bool Advance(int received, JsonObject? links, string type)
    {
        if (received < Limit) return false;
        // A server that sends links but no next says this was the last page; one without links is paged by count.
        if (links is not null && links["next"] is null) return false;
        var next = Offset + Limit;
        if (links?["next"]?.ToString() is { } url && OffsetOf(url) is { } linked)
        {
            if (linked <= Offset)
                throw new OptiplyException(200, Outcome.Rejected,
                    $"GET {type}: links.next points back to offset {linked} from offset {Offset}; stopping instead of looping");
            if (linked % Limit == 0) next = linked;
        }
        Offset = next;
        return true;
    }

    private static long? OffsetOf(string url)
    {
        var query = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Query : url.Contains('?') ? url[url.IndexOf('?')..] : "";
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            var kv = part.Split('=', 2);
            if (kv.Length == 2 && Uri.UnescapeDataString(kv[0]) == "page[offset]"
                && long.TryParse(Uri.UnescapeDataString(kv[1]), NumberStyles.None, CultureInfo.InvariantCulture, out var o)) return o;
        }
        return null;
    }
}
