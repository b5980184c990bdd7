// What a sink's declaration may use while mapping or finishing a record: the Odoo port, cached look-ups, the
// context every write carries, the sink options (flags) of the host, and the lease fence asked before every create.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.OdooWrites;

public sealed class OdooWriteContext(IOdooTarget odoo, OdooContext? writeContext = null, IReadOnlyDictionary<string, bool>? flags = null,
    IReadOnlyDictionary<string, string>? settings = null)
{
    public OdooWriteContext(OdooClient client, OdooContext? writeContext = null, IReadOnlyDictionary<string, bool>? flags = null,
        IReadOnlyDictionary<string, string>? settings = null) : this(new OdooClientTarget(client), writeContext, flags, settings) { }

    public IOdooTarget Odoo => odoo;
    public OdooLookups Lookups { get; } = new(odoo);
    /// <summary>The context of every create and write (e.g. lang).</summary>
    public OdooContext? WriteContext => writeContext;
    /// <summary>Asked right before every create: false when this run no longer holds the tenant's lease (TenantLease.StillHeldAsync).</summary>
    public Func<CancellationToken, Task<bool>>? Fence { get; init; }

    public bool Flag(string name) => flags is not null && flags.TryGetValue(name, out var on) && on;

    /// <summary>A text setting of the host (e.g. input_path), or null.</summary>
    public string? Setting(string name) => settings is not null && settings.TryGetValue(name, out var v) ? v : null;
}
