// What a sink's declaration may use while mapping or finishing a record: the Odoo client, cached look-ups, the
// context every write carries, and the sink options (flags) of the host.
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.OdooWrites;

public sealed class OdooWriteContext(OdooClient client, OdooContext? writeContext = null, IReadOnlyDictionary<string, bool>? flags = null,
    IReadOnlyDictionary<string, string>? settings = null)
{
    public OdooClient Client => client;
    public OdooLookups Lookups { get; } = new(client);
    /// <summary>The context of every create and write (e.g. lang).</summary>
    public OdooContext? WriteContext => writeContext;

    public bool Flag(string name) => flags is not null && flags.TryGetValue(name, out var on) && on;

    /// <summary>A text setting of the host (e.g. input_path), or null.</summary>
    public string? Setting(string name) => settings is not null && settings.TryGetValue(name, out var v) ? v : null;
}
