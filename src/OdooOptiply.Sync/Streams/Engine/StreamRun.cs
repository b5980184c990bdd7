// One stream's run, in one object: the declaration and the run's context, the writer and its counters, the stream's
// binders (records, lines, grouped rows), what the read saw, whether the read is full and whether the bookmark is held.
// Each step of StreamRunner takes it whole instead of a dozen parameters.
using OdooOptiply.Sync.Bindings;

namespace OdooOptiply.Sync.Streams;

internal sealed class StreamRun(StreamDefinition def, StreamContext ctx, RecordWriter writer, StreamCounter counter, Binder binder, Binder? lines,
    Binder? rows, bool holdBookmark)
{
    public StreamDefinition Def => def;
    public StreamContext Ctx => ctx;
    public RecordWriter Writer => writer;
    public StreamCounter Counter => counter;
    public Binder Binder => binder;
    public Binder? Lines => lines;
    /// <summary>The row space of a grouped stream (Odoo row → its group), else null.</summary>
    public Binder? Rows => rows;
    /// <summary>A stream this one depends on could not write every record: its bookmark stays where it was this run.</summary>
    public bool HoldBookmark => holdBookmark;
    /// <summary>The read is (or turned out to be) the whole set: what it did not see is deleted.</summary>
    public bool Full { get; set; }
    /// <summary>Source ids the read mapped.</summary>
    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    /// <summary>Odoo ids the read returned (related changes skip them).</summary>
    public HashSet<long> ReadIds { get; } = [];
    /// <summary>The incremental read took in the records changed through other models (StreamDefinition.RelatedDomain).</summary>
    public bool RelatedRead { get; set; }

    /// <summary>Loads (once) the spaces this stream's mapping and writing look up: its own and those of the streams it
    /// depends on. Called before the first page is mapped; an idle poll maps none and loads nothing.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await binder.EnsureLoadedAsync(ct);
        if (lines is not null) await lines.EnsureLoadedAsync(ct);
        if (rows is not null) await rows.EnsureLoadedAsync(ct);
        foreach (var space in def.DependsOn.Prepend(def.Name).SelectMany(TargetIds.SpacesOf))
            if (ctx.Targets.BinderOf(space) is { } b) await b.EnsureLoadedAsync(ct);
    }
}
