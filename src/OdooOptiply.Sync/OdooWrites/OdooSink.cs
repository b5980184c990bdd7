// A sink as a declaration: which Odoo model one kind of record is written into, the record's external key, the
// mark that key leaves in Odoo (so a record whose create was never bound is found, not created again), how a
// record becomes Odoo values, the natural-key match that reuses a record Odoo already has, what may change on an
// update, and the idempotent step after a write (button_confirm, action_post). OdooWriter runs every declaration
// with one loop; the Singer target's sinks and the buy order export (Export/BuyOrdersExport) are such declarations.
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.OdooWrites;

/// <summary>What a record maps to: the values of a create (lines inside as [0,0,{…}] commands), or why it cannot be written.</summary>
public sealed record SinkValues(IReadOnlyDictionary<string, object?> Values, string? Problem = null, string? Skipped = null, string? Detail = null)
{
    public static SinkValues Fail(string problem) => new(new Dictionary<string, object?>(), problem);
    /// <summary>Left alone by the declaration's rules (no Odoo partner yet …): skipped with a reason, the detail reported.</summary>
    public static SinkValues Skip(string reason, string? detail = null) => new(new Dictionary<string, object?>(), Skipped: reason, Detail: detail);
}

/// <summary>An update: the values to write into the known Odoo record, or why Odoo no longer lets it change.</summary>
public sealed record SinkUpdate(IReadOnlyDictionary<string, object?> Values, string? Refusal = null, string? Conflict = null, string? Detail = null)
{
    public static SinkUpdate Refuse(string why) => new(new Dictionary<string, object?>(), why);
    /// <summary>A conflict the declaration reports and skips (the record stays bound, unchanged): "conflict: has received goods".</summary>
    public static SinkUpdate Skip(string conflict, string detail) => new(new Dictionary<string, object?>(), Conflict: conflict, Detail: detail);
}

/// <summary>The pause points (ODOO_OPTIPLY_PAUSE_AT) of a sink's writes, for the crash tests.</summary>
public sealed record SinkPauses(string BeforeCreate, string AfterCreate, string AfterWrite, string AfterBind)
{
    public static readonly SinkPauses Write = new("write.before-create", "write.after-create", "write.after-write", "write.after-bind");
}

/// <summary>Thrown by a declaration's step when the record cannot be finished (an attachment file missing): the record
/// fails with this reason; what Odoo already holds stays bound, and the next write repeats the step.</summary>
public sealed class SinkException(string reason) : Exception(reason);

public sealed record OdooSink<T>
{
    /// <summary>The stream name (run report, summary, logs).</summary>
    public required string Name { get; init; }
    public required string Model { get; init; }
    /// <summary>The binding space: external key → Odoo id. Sinks writing the same records share one (Vendors and Suppliers).</summary>
    public required string Space { get; init; }
    /// <summary>The record's external key, or null when it has none (the writer then keys it by its content hash).</summary>
    public required Func<T, string?> Key { get; init; }
    /// <summary>The Odoo records carrying this record's mark (origin, ref, name): where a create whose answer or binding was lost is found.</summary>
    public required Func<T, string, OdooDomain> Marked { get; init; }
    /// <summary>Resolves references (partner, products, taxes …) and returns the create values, mark included.</summary>
    public required Func<T, string, OdooWriteContext, CancellationToken, Task<SinkValues>> MapAsync { get; init; }
    /// <summary>A record Odoo already has that this one means (a tax or partner of the same name), reused instead of created; null: none.</summary>
    public Func<T, SinkValues, OdooDomain?>? Reuse { get; init; }
    /// <summary>Fields read from the known Odoo record before an update (state, lines …).</summary>
    public IReadOnlyList<string> CurrentFields { get; init; } = ["id"];
    /// <summary>The update of a known record; default: every create value except <see cref="CreateOnly"/>.</summary>
    public Func<T, SinkValues, OdooRecord, OdooWriteContext, CancellationToken, Task<SinkUpdate>>? UpdateAsync { get; init; }
    /// <summary>Create values never written on an update (lines, move_type …) by the default update.</summary>
    public IReadOnlySet<string> CreateOnly { get; init; } = new HashSet<string>();
    /// <summary>After the create or update: an idempotent step (confirm, post) that must hold before the record counts as written.</summary>
    public Func<T, long, OdooWriteContext, CancellationToken, Task>? AfterWriteAsync { get; init; }
    /// <summary>A bound record whose hash is unchanged is still written when this says so (an earlier write left unfinished).</summary>
    public Func<T, bool>? MustRewrite { get; init; }
    /// <summary>A bound record deleted in Odoo since: null (default) forgets the binding and creates it again; else the skip to report.</summary>
    public Func<T, long, WriteOutcome>? WhenDeletedInOdoo { get; init; }
    /// <summary>Search for the mark once more right before the create (after the pause point and before the fence): a process frozen
    /// since its first search finds what another run created meanwhile.</summary>
    public bool SearchBeforeCreate { get; init; }
    public SinkPauses Pauses { get; init; } = SinkPauses.Write;
}
