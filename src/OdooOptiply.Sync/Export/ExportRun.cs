// One export run's state in one object: the tenant's config and flags, the ports it reads and writes through, the
// state store, the clock, the stream's counter, the graceful stop, and the write context (with the lease fence) the
// declarations' sinks are written with.
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.OdooWrites;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Export;

public sealed record ExportRun(TenantConfig Config, IOdooTarget Odoo, IOptiplySource Optiply, IOptiplyTarget OptiplyWrites, IStateStore Store,
    TimeProvider Time, StreamCounter Counter, OdooWriteContext Writes, CancellationToken Stop)
{
    public SyncFlags Flags => Config.Flags;
    /// <summary>Buy orders per page of the open list (Optiply's maximum); tests make it small to cross page boundaries.</summary>
    public int OpenPageSize { get; init; } = OptiplyBuyOrders.PageSize;
    /// <summary>The flows' own binders, by space (the runner writes through the same one the declaration reads).</summary>
    public Dictionary<string, Binder> Binders { get; } = new(StringComparer.Ordinal);
}
