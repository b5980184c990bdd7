// IOdooTarget over the real OdooClient: every call goes through the client's one door (counted, logged, traced,
// retried by its rules); pages come from the client's own pager.
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.Ports;

public sealed class OdooClientTarget(OdooClient client) : IOdooTarget
{
    public async Task<int> MajorVersionAsync(CancellationToken ct = default) => (await client.VersionAsync(ct)).Major;

    public Task<IReadOnlyList<long>> SearchAsync(string model, OdooDomain domain, OdooContext? context = null, string order = OdooDefaults.Order,
        long offset = 0, long? limit = null, CancellationToken ct = default) => client.SearchAsync(model, domain, context, order, offset, limit, ct);

    public async Task<IReadOnlyList<OdooRecord>> SearchReadAllAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, CancellationToken ct = default)
    {
        var result = new List<OdooRecord>();
        await foreach (var page in client.SearchReadPagesAsync(model, domain, fields, new OdooPageOptions { Order = "id asc" }, ct: ct)) result.AddRange(page);
        return result;
    }

    public Task<IReadOnlyList<OdooRecord>> ReadAsync(string model, IReadOnlyCollection<long> ids, IReadOnlyCollection<string> fields,
        OdooContext? context = null, CancellationToken ct = default) => client.ReadAsync(model, ids, fields, context, ct);

    public Task<long> CreateAsync(string model, IReadOnlyDictionary<string, object?> values, OdooContext? context = null, CancellationToken ct = default) =>
        client.CreateAsync(model, values, context, ct);

    public Task WriteAsync(string model, IReadOnlyCollection<long> ids, IReadOnlyDictionary<string, object?> values, OdooContext? context = null,
        CancellationToken ct = default) => client.WriteAsync(model, ids, values, context, ct);

    public Task<object?> CallAsync(string model, string method, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?>? kwargs = null,
        OdooContext? context = null, bool retrySafe = false, CancellationToken ct = default) => client.CallAsync(model, method, args, kwargs, context, retrySafe, ct);

    public async Task<bool> HasFieldAsync(string model, string field, CancellationToken ct = default) => (await client.FieldsGetAsync(model, ct: ct)).Has(field);
}
