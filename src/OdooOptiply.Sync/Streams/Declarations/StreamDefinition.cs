// What a stream IS, declared as facts: its Odoo model, fields, domain from the flags, dependencies, how
// a page of records maps to Optiply payloads, and its Optiply resource. StreamRunner owns the loop.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public sealed record StreamDefinition
{
    public required string Name { get; init; }
    /// <summary>The Odoo model whose records drive the stream (and carry the write_date bookmark).</summary>
    public required string Model { get; init; }
    /// <summary>The Optiply resource type records are written to.</summary>
    public required string Resource { get; init; }
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public required IReadOnlyList<string> Fields { get; init; }
    /// <summary>Which records to read (the bookmark is added by the runner).</summary>
    public required Func<StreamContext, OdooDomain> Domain { get; init; }
    /// <summary>Which source records still exist for Optiply (id-only read, for deletions). Null: a full read's output is the whole set.</summary>
    public Func<StreamContext, OdooDomain>? LiveDomain { get; init; }
    /// <summary>The binding key of a live record id (e.g. "pos_12").</summary>
    public Func<long, string> SourceIdOf { get; init; } = id => id.ToString(CultureInfo.InvariantCulture);
    /// <summary>The live record id a binding key names (the inverse of SourceIdOf), null when it names none.</summary>
    public Func<string, long?> OdooIdOf { get; init; } = PlainId;
    /// <summary>What SourceIdOf puts before the id ("pos_"): the store counts the keys of that form (deletions by counting).</summary>
    public string KeyPrefix { get; init; } = "";

    public static long? PlainId(string sourceId) =>
        long.TryParse(sourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    /// <summary>False: always read in full and map all records at once (small sets grouped across records).</summary>
    public bool Incremental { get; init; } = true;
    /// <summary>With Incremental false: the many2one whose records must be mapped together (all supplier rows of one
    /// product template). The set is then read as (id, this field) first and mapped in batches of about a page of
    /// whole groups, so memory is bounded by a batch, not the set. Null: the whole set is read and mapped at once.</summary>
    public string? GroupField { get; init; }
    /// <summary>With GroupField: how to read only the groups that changed since the bookmark instead of the whole set.</summary>
    public GroupedChanges? Grouped { get; init; }
    /// <summary>Ids of records changed through other models since a moment (stock moves, order lines).</summary>
    public Func<StreamContext, DateTime, CancellationToken, Task<IReadOnlyCollection<long>>>? RelatedChanges { get; init; }
    /// <summary>The same records as a domain on this model (through its one2many fields: "order_line.write_date &gt;= S"), or'ed
    /// into the incremental read so they cost no call of their own (issue 16); null (or none given) = RelatedChanges.</summary>
    public Func<StreamContext, DateTime, CancellationToken, Task<OdooDomain?>>? RelatedDomain { get; init; }
    /// <summary>Maps a page: reads what the mappers need beyond the records, then calls the pure mappers.</summary>
    public required Func<StreamContext, IReadOnlyList<OdooRecord>, CancellationToken, Task<IReadOnlyList<MappedItem>>> Map { get; init; }
    /// <summary>A changed record is deleted and created again (Optiply cannot update embedded lines).</summary>
    public bool ReplaceOnChange { get; init; }
    /// <summary>Lines written as their own records after their parent.</summary>
    public LineSpec? Lines { get; init; }
    /// <summary>Attributes that identify a record in Optiply besides remoteId (409 recovery), e.g. productId + supplierId.</summary>
    public NaturalKey? NaturalKey { get; init; }
    /// <summary>Natural keys adoption matches by when a record carries no remote id, tried in order (products: skuCode,
    /// then eanCode); each must be unique on both sides to bind.</summary>
    public IReadOnlyList<Adoption.AdoptionKey> AdoptBy { get; init; } = [];
    /// <summary>For a record known by its origin mark: why the Optiply record must not be adopted now (null: adopt it).</summary>
    public Func<JsonObject, string?>? AdoptWhen { get; init; }
    /// <summary>Reads done once before the stream (e.g. the vendor ids its domain needs), kept in the context.</summary>
    public Func<StreamContext, CancellationToken, Task>? Prepare { get; init; }
    public Func<StreamContext, bool> Enabled { get; init; } = _ => true;
    public string DisabledReason { get; init; } = "disabled by configuration";
    /// <summary>The Odoo context to read with (language, archived records, companies).</summary>
    public Func<StreamContext, Ports.ReadContext> Context { get; init; } = c => c.ReadContext();
}

/// <param name="Space">binding space of the lines</param>
/// <param name="ParentAttribute">the attribute that holds the parent's Optiply id, e.g. buyOrderId</param>
/// <param name="Model">the Odoo model of the lines, whose live ids decide line deletions</param>
/// <param name="ParentField">the lines' many2one to the parent, e.g. order_id</param>
/// <param name="AdoptBy">natural keys adoption matches lines by, within their parent (the parent attribute included)</param>
/// <param name="LiveDomain">the live lines as a domain of the line model (lines of live parents, e.g. order_id.state), so
/// line deletions are found by counting; null: read the lines of every live parent</param>
/// <param name="LeaveWithParent">a line leaves the live set only with its parent (Odoo refuses to unlink a line of a confirmed
/// order: purchase.order.line._unlink_except_purchase_or_done), so between full reads the lines are counted only when a
/// parent was read (changed: an order reset to draft, edited and confirmed again between two runs) or found gone, and an
/// idle poll costs one count less</param>
public sealed record LineSpec(string Space, string Resource, string ParentAttribute, string Model, string ParentField, NaturalKey? NaturalKey = null,
    IReadOnlyList<Adoption.AdoptionKey>? AdoptBy = null, Func<StreamContext, OdooDomain>? LiveDomain = null, bool LeaveWithParent = false);

/// <summary>A grouped stream read incrementally: the rows changed since the bookmark (or matching <paramref name="AlsoChanged"/>)
/// and the groups changed through other models bring back their whole groups; rows removed are found by counting the rows
/// against <paramref name="RowSpace"/>, a binding space of row id → group id kept by the runner.</summary>
/// <param name="AlsoChanged">rows that changed without a write (a validity date passed), given the moment read from</param>
/// <param name="ChangedGroups">groups whose mapping changed through other models since a moment (a product renamed)</param>
/// <param name="InGroups">which binding keys belong to these groups (so what a re-read group no longer yields is deleted)</param>
public sealed record GroupedChanges(string RowSpace,
    Func<StreamContext, DateTime, OdooDomain>? AlsoChanged,
    Func<StreamContext, DateTime, CancellationToken, Task<IReadOnlyCollection<long>>> ChangedGroups,
    Func<StreamContext, IReadOnlyCollection<long>, CancellationToken, Task<Func<string, bool>>> InGroups);

/// <summary>The attributes (and values, taken from the payload) that identify a record in Optiply without its id.</summary>
public delegate IReadOnlyList<KeyValuePair<string, object>> NaturalKey(JsonObject payload);

public static class NaturalKeys
{
    /// <summary>A key of the payload's own values for <paramref name="attributes"/> (JSON values as text, as filters take them).</summary>
    public static NaturalKey Of(params string[] attributes) => payload =>
        attributes.Select(a => new KeyValuePair<string, object>(a, payload[a] is JsonValue v && v.TryGetValue<string>(out var s) ? s : payload[a]?.ToJsonString() ?? "null")).ToList();
}
