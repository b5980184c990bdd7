// The little the engine asks of Odoo: read records (a page at a time) and read ids. OdooClientSource
// adapts the OdooClient to it; keeping the port this narrow lets the engine stay ignorant of protocols.
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.Ports;

/// <summary>How to read: language, archived records too, companies, the warehouse for stock quantities.</summary>
public sealed record ReadContext(string? Lang = null, bool IncludeArchived = false, IReadOnlyList<long>? Companies = null, long? Warehouse = null);

public interface IOdooSource
{
    /// <summary>The server's major version (16, 17, 18, 19).</summary>
    int Version { get; }

    /// <summary>One search_read call: at most <paramref name="limit"/> records in <paramref name="order"/>.
    /// Fields the model lacks in this version are left out of the answer, not an error.</summary>
    Task<IReadOnlyList<OdooRecord>> SearchReadAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields,
        string order, int? limit, ReadContext? context, CancellationToken ct);

    /// <summary>Every record of the domain, read a page at a time by id (keyset: id &gt; last, order "id asc") through the
    /// client's pager and its guard (a repeated page stops the read loudly instead of looping).</summary>
    Task<IReadOnlyList<OdooRecord>> SearchReadAllAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields,
        int pageSize, ReadContext? context, CancellationToken ct);

    /// <summary>Ids only: the cheap read used for deletions and related changes.</summary>
    Task<IReadOnlyList<long>> SearchAsync(string model, OdooDomain domain, ReadContext? context, CancellationToken ct);

    /// <summary>How many records match (search_count): what deletions are found by, a range at a time (CountedDeletions).</summary>
    Task<long> SearchCountAsync(string model, OdooDomain domain, ReadContext? context, CancellationToken ct);

    /// <summary>The server's clock now (from a fresh answer's Date header), null when it cannot tell: bookmarks are taken
    /// from it, never from the local clock.</summary>
    Task<DateTime?> ServerTimeAsync(CancellationToken ct);

    /// <summary>The login user's time zone (res.users context_get "tz", e.g. "Europe/Amsterdam"), null when unset: what
    /// Odoo's own "today" (fields.Date.context_today) is reckoned in.</summary>
    Task<string?> UserTimeZoneAsync(CancellationToken ct);

    /// <summary>Whether the model has the field in this version (fields_get, cached).</summary>
    Task<bool> HasFieldAsync(string model, string field, CancellationToken ct);
}
