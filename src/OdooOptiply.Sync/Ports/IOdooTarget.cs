// The little a writer into Odoo asks of it (the export, the Singer target's sinks): find, read, create, write and call
// on records, the fields a model has, the server's major version. OdooClientTarget adapts the OdooClient; the engine's
// write loop (OdooWriter) and every declaration written on it see only this port, never the client.
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.Ports;

public interface IOdooTarget
{
    /// <summary>The server's major version (16 … 19).</summary>
    Task<int> MajorVersionAsync(CancellationToken ct = default);

    Task<IReadOnlyList<long>> SearchAsync(string model, OdooDomain domain, OdooContext? context = null, string order = OdooDefaults.Order,
        long offset = 0, long? limit = null, CancellationToken ct = default);

    /// <summary>Every record matching the domain, read page by page (the client's pages, with their loop guard).</summary>
    Task<IReadOnlyList<OdooRecord>> SearchReadAllAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, CancellationToken ct = default);

    Task<IReadOnlyList<OdooRecord>> ReadAsync(string model, IReadOnlyCollection<long> ids, IReadOnlyCollection<string> fields,
        OdooContext? context = null, CancellationToken ct = default);

    /// <summary>One create call; never blindly repeated (a lost answer is looked up by the record's mark).</summary>
    Task<long> CreateAsync(string model, IReadOnlyDictionary<string, object?> values, OdooContext? context = null, CancellationToken ct = default);

    Task WriteAsync(string model, IReadOnlyCollection<long> ids, IReadOnlyDictionary<string, object?> values, OdooContext? context = null,
        CancellationToken ct = default);

    /// <summary>A model method (button_confirm, action_post …).</summary>
    Task<object?> CallAsync(string model, string method, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?>? kwargs = null,
        OdooContext? context = null, bool retrySafe = false, CancellationToken ct = default);

    /// <summary>Whether the model has the field in this version (fields_get, cached).</summary>
    Task<bool> HasFieldAsync(string model, string field, CancellationToken ct = default);
}
