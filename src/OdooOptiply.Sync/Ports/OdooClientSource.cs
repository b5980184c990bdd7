// IOdooSource over the real OdooClient: page options, the context mapping (archived records, language,
// companies, warehouse) and the cached fields_get the engine's version checks use.
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.Ports;

public sealed class OdooClientSource : IOdooSource
{
    private readonly OdooClient _client;

    private OdooClientSource(OdooClient client, int version, int maxConnections)
    {
        _client = client; Version = version; MaxConnections = maxConnections;
    }

    /// <summary>Requests at once on a full read (odoo.max_connections): 1 pages by id, more reads id chunks side by side.</summary>
    public int MaxConnections { get; }

    public int Version { get; }
    public OdooClient Client => _client;

    /// <summary>Authenticates and learns the server version.</summary>
    public static async Task<OdooClientSource> ConnectAsync(OdooClient client, CancellationToken ct = default, int maxConnections = OdooDefaults.MaxConnections)
    {
        var version = await client.VersionAsync(ct);
        await client.AuthenticateAsync(ct);
        return new OdooClientSource(client, version.Major, maxConnections);
    }

    public async Task<IReadOnlyList<OdooRecord>> SearchReadAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields,
        string order, int? limit, ReadContext? context, CancellationToken ct)
    {
        var result = new List<OdooRecord>();
        var page = new OdooPageOptions { Order = order, PageSize = limit, Limit = limit };
        await foreach (var records in _client.SearchReadPagesAsync(model, domain, fields, page, ToOdoo(context), ct)) result.AddRange(records);
        return result;
    }

    public async Task<IReadOnlyList<OdooRecord>> SearchReadAllAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields,
        int pageSize, ReadContext? context, CancellationToken ct)
    {
        if (MaxConnections > 1)
            return await _client.SearchReadByIdChunksAsync(model, domain, fields, MaxConnections, pageSize, ToOdoo(context), ct);
        var result = new List<OdooRecord>();
        var page = new OdooPageOptions { Order = OdooDefaults.Order, PageSize = pageSize, Keyset = true };
        await foreach (var records in _client.SearchReadPagesAsync(model, domain, fields, page, ToOdoo(context), ct)) result.AddRange(records);
        return result;
    }

    public Task<IReadOnlyList<long>> SearchAsync(string model, OdooDomain domain, ReadContext? context, CancellationToken ct) =>
        _client.SearchAsync(model, domain, ToOdoo(context), ct: ct);

    public Task<long> SearchCountAsync(string model, OdooDomain domain, ReadContext? context, CancellationToken ct) =>
        _client.SearchCountAsync(model, domain, ToOdoo(context), ct);

    public Task<DateTime?> ServerTimeAsync(CancellationToken ct) => _client.ServerTimeAsync(ct);

    public async Task<string?> UserTimeZoneAsync(CancellationToken ct)
    {
        try
        {
            return await _client.CallAsync("res.users", "context_get", [], ct: ct) is IReadOnlyDictionary<string, object?> c && c.GetValueOrDefault("tz") is string { Length: > 0 } tz
                ? tz : null;
        }
        catch (OdooException e) when (e.Outcome != Outcome.Retriable)
        {
            return null; // a user who may not read their own context: reckon in UTC rather than fail the stream
        }
    }

    public async Task<bool> HasFieldAsync(string model, string field, CancellationToken ct) =>
        (await _client.FieldsGetAsync(model, ct: ct)).Has(field);

    private static OdooContext? ToOdoo(ReadContext? c) => c is null ? null : new OdooContext
    {
        Lang = c.Lang,
        ActiveTest = c.IncludeArchived ? false : null,
        AllowedCompanyIds = c.Companies,
        WarehouseId = c.Warehouse,
    };
}
