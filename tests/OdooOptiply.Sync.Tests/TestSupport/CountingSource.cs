// An IOdooSource in front of the real one that notes each read as "model.method" (the port's calls, before any
// client-side cache): what a test of the idle poll prints and asserts on.
using System.Collections.Concurrent;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Tests.TestSupport;

internal sealed class CountingSource(IOdooSource inner) : IOdooSource
{
    public ConcurrentQueue<string> Calls { get; } = new();
    public int Version => inner.Version;

    public Task<IReadOnlyList<OdooRecord>> SearchReadAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, string order, int? limit,
        ReadContext? context, CancellationToken ct)
    {
        Calls.Enqueue(model + ".search_read");
        return inner.SearchReadAsync(model, domain, fields, order, limit, context, ct);
    }

    public Task<IReadOnlyList<OdooRecord>> SearchReadAllAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, int pageSize,
        ReadContext? context, CancellationToken ct)
    {
        Calls.Enqueue(model + ".search_read");
        return inner.SearchReadAllAsync(model, domain, fields, pageSize, context, ct);
    }

    public Task<IReadOnlyList<long>> SearchAsync(string model, OdooDomain domain, ReadContext? context, CancellationToken ct)
    {
        Calls.Enqueue(model + ".search");
        return inner.SearchAsync(model, domain, context, ct);
    }

    public Task<long> SearchCountAsync(string model, OdooDomain domain, ReadContext? context, CancellationToken ct)
    {
        Calls.Enqueue(model + ".search_count");
        return inner.SearchCountAsync(model, domain, context, ct);
    }

    public Task<string?> UserTimeZoneAsync(CancellationToken ct)
    {
        Calls.Enqueue("res.users.context_get");
        return inner.UserTimeZoneAsync(ct);
    }

    public Task<DateTime?> ServerTimeAsync(CancellationToken ct)
    {
        Calls.Enqueue("common.version");
        return inner.ServerTimeAsync(ct);
    }

    public Task<bool> HasFieldAsync(string model, string field, CancellationToken ct) => inner.HasFieldAsync(model, field, ct);
}
