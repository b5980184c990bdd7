// The one loop every stream runs through (architecture.md, "One stream run, in words"):
// 1 load the bookmark; 2 read pages in (write_date, id) order from the bookmark minus the overlap window;
// 3 map (a record that cannot be mapped is skipped with a reason); 4 create or update through the binder
// only when the payload's hash changed, binding right after each create; 5 advance the bookmark after each
// page, capped at the signpost; then records changed through other models (stock, lines); then 7 deletions
// found by counting (CountedDeletions: a search_count per id range compared with the bindings, ids read only
// where they differ; the full reconciliation reads every live id). A full read starts with no bookmark. A binding space
// never adopted (a new or lost state file) or a run with --adopt first reads what Optiply holds for the
// resource and binds it (Adoption/), reading the stream in full.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Adoption;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Streams;

public sealed class StreamRunner(IStateStore store, IOptiplyTarget target, TimeProvider time, bool dryRun)
{
    /// <summary>Runs one stream; returns its report (and its lines' report, for streams with lines).</summary>
    /// <param name="holdBookmark">Keep the bookmark where it is (a stream it depends on could not write every record,
    /// so what this run maps without them must be read again next run).</param>
    public const string StoppedMessage = "stopped at a page boundary (shutting down, or the tenant's lease was lost); the next run goes on from here";

    public async Task<IReadOnlyList<StreamReport>> RunAsync(StreamDefinition def, StreamContext ctx, bool full, CancellationToken ct, bool holdBookmark = false)
    {
        var started = time.GetTimestamp();
        var counter = new StreamCounter(def.Name);
        var lineCounter = new StreamCounter(def.Lines?.Space ?? def.Name + "Lines");
        var writer = new RecordWriter(def, target, counter, lineCounter) { Guard = ctx.AllowMassDeletions ? null : ctx.Flags.DeletionGuard };
        var cuts = Mapping.Wire.Cuts.Value = new Mapping.CutTally();
        counter.Reading = ctx.Reading;
        IReadOnlyList<StreamReport> Reports(StreamStatus status)
        {
            var elapsed = time.GetElapsedTime(started);
            if (cuts.TakeNote() is { } note) counter.Error(note);
            if (writer.DeletionsHeld && status == StreamStatus.Ok) status = StreamStatus.Failed; // held deletions: a loud failure
            return def.Lines is null ? [counter.Build(status, elapsed)] : [counter.Build(status, elapsed), lineCounter.Build(status, elapsed)];
        }
        // Binders load when first used (Binder.Open): an idle poll, which maps nothing, never loads a space.
        var binder = ctx.Targets.BinderOf(def.Name) ?? Binder.Open(store, def.Name, time, dryRun);
        var lines = def.Lines is null ? null : ctx.Targets.BinderOf(def.Lines.Space) ?? Binder.Open(store, def.Lines.Space, time, dryRun);
        ctx.Targets.Register(binder);
        if (lines is not null) ctx.Targets.Register(lines);
        full |= (!def.Incremental && def.Grouped is null) || ctx.Config.Run.FullSyncStreams.Contains(def.Name);
        var rows = def.Grouped is { } grouped ? ctx.Targets.BinderOf(grouped.RowSpace) ?? Binder.Open(store, grouped.RowSpace, time, dryRun) : null;
        if (rows is not null) ctx.Targets.Register(rows);
        var run = new StreamRun(def, ctx, writer, counter, binder, lines, rows, holdBookmark);
        IReadOnlyList<OdooRecord>? allKeys = null; // a grouped stream's whole read: its rows are kept after the deletions
        try
        {
            if (await AdoptionState.DueAsync(store, binder.Space, ctx.Adopt, ct))
            {
                await run.LoadAsync(ct);
                writer.Adopter = await Adopter.StartAsync(target, binder, def.Resource, def.AdoptBy, def.AdoptWhen, ct);
            }
            if (lines is not null && def.Lines is { } lineSpec && await AdoptionState.DueAsync(store, lines.Space, ctx.Adopt, ct))
            {
                await run.LoadAsync(ct);
                writer.LineAdopter = await Adopter.StartAsync(target, lines, lineSpec.Resource, lineSpec.AdoptBy ?? [], null, ct);
            }
            full |= writer.Adopter is not null || writer.LineAdopter is not null; // adoption sees every source record
            if (writer.Adopter is null) writer.Held = await AdoptionState.HeldAsync(store, binder.Space, ct);
            if (writer.LineAdopter is null && lines is not null) writer.LineHeld = await AdoptionState.HeldAsync(store, lines.Space, ct);
            counter.FullRead = lineCounter.FullRead = run.Full = full;
            var bookmark = full ? null : await store.GetBookmarkAsync(def.Name, ct);
            if (bookmark is not null && bookmark.WriteDate > ctx.Signpost + FutureTolerance)
            {
                // A bookmark ahead of the server's clock (taken from a local clock that was ahead): what was written since the
                // last real run lies before it and would never be read. Read the stream in full once; the new bookmark is the server's.
                bookmark = null;
                counter.FullRead = lineCounter.FullRead = run.Full = true;
            }
            if (def.Incremental) await ReadIncrementalAsync(run, bookmark, ct);
            else if (def.Grouped is { } changes && rows is not null && bookmark is not null)
            {
                await ReadChangedGroupsAsync(run, changes, bookmark, ct);
                await writer.FlushDeferredAsync(binder, lines, ct);
                return Reports(StreamStatus.Ok);
            }
            else
            {
                allKeys = await ReadAllGroupedAsync(run, ct);
                run.Full = true; // what the read mapped is the whole set
            }
            if (bookmark is not null && def.RelatedChanges is not null && !run.RelatedRead)
                await ReadRelatedAsync(run, bookmark, ct);
            ctx.Stop.ThrowIfCancellationRequested();
            await writer.FlushDeferredAsync(binder, lines, ct);
            await FinishAdoptionAsync(writer.Adopter, counter, ctx, ct);
            await FinishAdoptionAsync(writer.LineAdopter, lineCounter, ctx, ct);
            await DeleteGoneAsync(run, ct);
            // The row space after the deletions: held ones (DeletionGuard) keep their rows, so the next run finds them again.
            if (rows is not null && allKeys is not null) await KeepRowsAsync(run, allKeys, null, ct);
            return Reports(StreamStatus.Ok);
        }
        catch (OperationCanceledException) when (ctx.Stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            counter.Error(StoppedMessage);
            return Reports(StreamStatus.Failed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (RunFailures.FatalReason(e) is { } fatal)
            {
                ctx.FatalReason ??= fatal; // the run stops here: nothing after this can work either
                counter.Error($"fatal for the run: {fatal}");
                return Reports(StreamStatus.Failed);
            }
            counter.Error($"{e.GetType().Name}: {e.Message}");
            return Reports(StreamStatus.Failed);
        }
        finally
        {
            // An unfinished adoption still reports what it did; its space is adopted again next run (not marked done).
            counter.Adoption ??= writer.Adopter?.Counter.Build();
            lineCounter.Adoption ??= writer.LineAdopter?.Counter.Build();
        }
    }

    /// <summary>After the whole read: Optiply records nothing matched are left alone or disabled (adopt_unmatched), the report
    /// is kept, and the space is marked adopted so later runs do not read Optiply in full again.</summary>
    private async Task FinishAdoptionAsync(Adopter? adopter, StreamCounter counter, StreamContext ctx, CancellationToken ct)
    {
        if (adopter is null) return;
        foreach (var (id, attributes) in adopter.Unmatched())
        {
            if (ctx.Flags.AdoptUnmatched != Config.AdoptUnmatchedValues.Disable || !attributes.ContainsKey("status")
                || attributes["status"]?.ToString() == "disabled") continue;
            try
            {
                await target.UpdateAsync(adopter.Resource, id, new System.Text.Json.Nodes.JsonObject { ["status"] = "disabled" }, ct);
                adopter.Counter.Disabled++;
            }
            catch (TargetWriteException e) when (e.Outcome != Outcome.Fatal) { counter.Fail($"disable unmatched {adopter.Resource} {id}: {e.Message}"); }
        }
        counter.Adoption = adopter.Counter.Build();
        // Done even when some records failed: those keep their pending marks or are created by later runs; the ambiguous are held.
        if (!dryRun) await AdoptionState.MarkDoneAsync(store, adopter.Space, adopter.AmbiguousSources, time, ct);
    }

    private async Task ReadIncrementalAsync(StreamRun run, Bookmark? bookmark, CancellationToken ct)
    {
        var (def, ctx, writer, counter) = (run.Def, run.Ctx, run.Writer, run.Counter);
        var overlap = TimeSpan.FromSeconds(ctx.Config.Run.OverlapSeconds);
        Bookmark? position = bookmark is null ? null : new Bookmark(bookmark.WriteDate - overlap, 0);
        var domain = def.Domain(ctx);
        var fields = def.Fields.Union(["write_date"]).ToList();
        var context = def.Context(ctx);
        // Records changed through other models, as a domain of this model: read in the same keyset pages (the order is the
        // records' own (write_date, id), whatever brought them in), so they cost no call of their own.
        var related = position is not null && def.RelatedDomain is { } relatedOf ? await relatedOf(ctx, position.WriteDate, ct) : null;
        var wanted = position is null ? null : related is null ? Keyset.After(position) : Keyset.After(position).Or(related);
        run.RelatedRead = related is not null;
        var first = true;
        // Once a record of a page could not be written, the bookmark stays before that page for the rest of the run,
        // so the next run reads it again (hash-gated: what was written is not sent twice) instead of losing it.
        var failedBefore = writer.Failed;
        // Someone watches a full read (the CLI on a long first sync): one count up front gives done / total and an ETA.
        if (ctx.Reading is not null && position is null) counter.Expected = await ctx.Odoo.SearchCountAsync(def.Model, domain, context, ct);
        while (true)
        {
            ctx.Stop.ThrowIfCancellationRequested();
            var page = await ctx.Odoo.SearchReadAsync(def.Model,
                wanted is null ? (position is null ? domain : domain.And(Keyset.After(position))) : first ? domain.And(wanted) : domain.And(wanted, Keyset.After(position!)),
                fields, Keyset.Order, ctx.PageSize, context, ct);
            first = false;
            if (page.Count == 0) break;
            counter.Read += page.Count;
            foreach (var r in page) run.ReadIds.Add(r.Id);
            await WritePageAsync(run, page, ct);
            var last = page[^1];
            position = new Bookmark(last.GetDateTime("write_date") ?? ctx.Signpost, last.Id);
            // A record written after the run started is read again next run: the bookmark stops at the signpost.
            var held = run.HoldBookmark || writer.Failed > failedBefore;
            if (!dryRun && !held) await store.SaveBookmarkAsync(def.Name, Capped(Bookmark.Max(bookmark, position), ctx.Signpost), ct);
            if (page.Count < ctx.PageSize) break;
        }
        if (!dryRun && bookmark is null && !run.HoldBookmark && writer.Failed == failedBefore) await store.SaveBookmarkAsync(def.Name, new Bookmark(ctx.Signpost, 0), ct);
    }

    /// <summary>How far a stored bookmark may lie ahead of the server's clock (the Date header's rounding, small drifts).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(1);

    private static Bookmark Capped(Bookmark b, DateTime signpost) => b.WriteDate > signpost ? new Bookmark(signpost, 0) : b;

    /// <summary>Reads the whole set (or, with <paramref name="within"/>, that part of it); returns the (id, group) keys read.</summary>
    private static async Task<IReadOnlyList<OdooRecord>> ReadAllGroupedAsync(StreamRun run, CancellationToken ct, OdooDomain? within = null)
    {
        var (def, ctx, counter) = (run.Def, run.Ctx, run.Counter);
        var domain = def.Domain(ctx).And(within ?? OdooDomain.All);
        if (def.GroupField is null)
        {
            var records = await OdooReads.AllAsync(ctx.Odoo, def.Model, domain, def.Fields, def.Context(ctx), ct, ctx.PageSize);
            counter.Read += records.Count;
            await WritePageAsync(run, records, ct);
            return records;
        }
        var keys = await OdooReads.AllAsync(ctx.Odoo, def.Model, domain, ["id", def.GroupField], def.Context(ctx), ct, ctx.PageSize);
        foreach (var batch in GroupBatches(keys, def.GroupField, ctx.PageSize))
        {
            ctx.Stop.ThrowIfCancellationRequested();
            var page = await OdooReads.AllAsync(ctx.Odoo, def.Model, def.Domain(ctx).And(OdooReads.In("id", batch)), def.Fields, def.Context(ctx), ct, ctx.PageSize);
            counter.Read += page.Count;
            await WritePageAsync(run, page, ct);
        }
        return keys;
    }

    /// <summary>A grouped stream between full reads (issue 16): the groups of rows changed since the bookmark, of rows removed
    /// (found by counting the row space), and of changes through other models are read again whole; what they no longer
    /// yield is deleted. Many changed groups (a mass update) read the whole set instead.</summary>
    private async Task ReadChangedGroupsAsync(StreamRun run, GroupedChanges changes, Bookmark bookmark, CancellationToken ct)
    {
        var (def, ctx, writer, binder, rows, counter, seen) = (run.Def, run.Ctx, run.Writer, run.Binder, run.Rows!, run.Counter, run.Seen);
        var group = def.GroupField!;
        var since = bookmark.WriteDate - TimeSpan.FromSeconds(ctx.Config.Run.OverlapSeconds);
        var changedDomain = changes.AlsoChanged is { } also ? Keyset.Since(since).Or(also(ctx, since)) : Keyset.Since(since);
        var changed = await OdooReads.AllAsync(ctx.Odoo, def.Model, def.Domain(ctx).And(changedDomain), ["id", group, "write_date"], def.Context(ctx), ct, ctx.PageSize);
        var groups = changed.Refs(group).ToHashSet();
        if (changed.Count > 0) await run.LoadAsync(ct);
        foreach (var r in changed)
            if (rows.TargetNumberOf(SupplierProductMapper.Key(r.Id)) is { } before) groups.Add(before); // a row moved to another group
        groups.UnionWith(await changes.ChangedGroups(ctx, since, ct));
        // Rows removed (or gone out of the domain) are found by counting; their groups are read again. Nothing changed and
        // the row space not loaded: one count against the store's span of row ids first (the idle poll loads nothing).
        var counting = new CountedDeletions(ctx.Odoo, def.Model, def.Domain(ctx), def.Context(ctx), ctx.PageSize);
        if (rows.IsLoaded || !await counting.NothingGoneAsync(await store.SpanOfIdsAsync(rows.Space, "", ct), [], ct))
        {
            await run.LoadAsync(ct);
            var byId = rows.SourceIds.Select(k => (Key: k, Id: StreamDefinition.PlainId(k))).Where(k => k.Id is not null).ToDictionary(k => k.Id!.Value, k => k.Key);
            var gone = await counting.FindAsync(byId.Keys, [], ct);
            // The gone rows stay in the row space until their groups were read again and written (KeepRowsAsync), so a run
            // stopped or failing in between finds them again next time.
            foreach (var id in gone.Gone)
                if (rows.TargetNumberOf(byId[id]) is { } g) groups.Add(g);
        }
        if (groups.Count > 5 * ctx.PageSize)
        {
            var all = await ReadAllGroupedAsync(run, ct);
            if (writer.Unreadable == 0) await writer.DeleteGoneAsync(binder, binder.NotIn(seen), ct);
            await KeepRowsAsync(run, all, null, ct);
            return;
        }
        if (groups.Count > 0)
        {
            var keys = await ReadAllGroupedAsync(run, ct, OdooReads.In(group, groups));
            if (writer.Unreadable > 0) counter.Error($"deletions not computed this run: {writer.Unreadable} record(s) could not be read");
            else
            {
                var inGroups = await changes.InGroups(ctx, groups, ct);
                await writer.DeleteGoneAsync(binder, binder.SourceIds.Where(k => inGroups(k) && !seen.Contains(k)).Select(binder.Find).OfType<Binding>().ToList(), ct);
            }
            await KeepRowsAsync(run, keys, groups, ct);
            return;
        }
        await KeepRowsAsync(run, [], groups, ct);
    }

    /// <summary>The row space after a read of <paramref name="keys"/> (of the whole set when <paramref name="groups"/> is null,
    /// else of those groups): each row bound to its group, rows of these groups not read forgotten; then the bookmark.</summary>
    private async Task KeepRowsAsync(StreamRun run, IReadOnlyList<OdooRecord> keys, IReadOnlySet<long>? groups, CancellationToken ct)
    {
        var (def, rows, writer) = (run.Def, run.Rows!, run.Writer);
        if (keys.Count == 0 && groups is { Count: 0 })
        {
            // Nothing read, no group touched: the row space stays as it is (and unloaded); only the bookmark moves.
            if (!dryRun && !run.HoldBookmark && writer.Failed == 0 && writer.Unreadable == 0)
                await store.SaveBookmarkAsync(def.Name, new Bookmark(run.Ctx.Signpost, 0), ct);
            return;
        }
        var group = def.GroupField!;
        var read = keys.ToDictionary(r => SupplierProductMapper.Key(r.Id), r => r.GetId(group) ?? 0);
        // Held deletions (DeletionGuard) keep the rows too, so the next run reads their groups and finds them again.
        var written = writer.Failed == 0 && writer.Unreadable == 0 && !writer.DeletionsHeld;
        var forget = rows.SourceIds.Where(k => !read.ContainsKey(k) && (groups is null || rows.TargetNumberOf(k) is { } g && groups.Contains(g))).ToList();
        if (written) await rows.ForgetAsync(forget, ct); // else kept: counted as gone again next run, their groups read again
        await rows.BindManyAsync(read.Where(p => rows.TargetNumberOf(p.Key) != p.Value)
            .Select(p => (p.Key, p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), ct);
        if (!dryRun && !run.HoldBookmark && written) await store.SaveBookmarkAsync(def.Name, new Bookmark(run.Ctx.Signpost, 0), ct);
    }

    /// <summary>Record ids in batches of whole groups (same value of <paramref name="field"/>), each batch closed once it
    /// holds <paramref name="size"/> ids or more; a group is never split.</summary>
    internal static IEnumerable<List<long>> GroupBatches(IReadOnlyList<OdooRecord> keys, string field, int size)
    {
        var batch = new List<long>();
        foreach (var group in keys.GroupBy(r => r.GetId(field) ?? 0).OrderBy(g => g.Key))
        {
            batch.AddRange(group.Select(r => r.Id));
            if (batch.Count < size) continue;
            yield return batch;
            batch = [];
        }
        if (batch.Count > 0) yield return batch;
    }

    private static async Task ReadRelatedAsync(StreamRun run, Bookmark bookmark, CancellationToken ct)
    {
        var (def, ctx, counter) = (run.Def, run.Ctx, run.Counter);
        var since = bookmark.WriteDate - TimeSpan.FromSeconds(ctx.Config.Run.OverlapSeconds);
        var ids = (await def.RelatedChanges!(ctx, since, ct)).Where(id => !run.ReadIds.Contains(id)).ToList();
        foreach (var chunk in ids.Chunk(ctx.PageSize))
        {
            ctx.Stop.ThrowIfCancellationRequested();
            var page = await OdooReads.AllAsync(ctx.Odoo, def.Model, def.Domain(ctx).And(OdooReads.In("id", chunk)), def.Fields, def.Context(ctx), ct, ctx.PageSize);
            counter.Read += page.Count;
            await WritePageAsync(run, page, ct);
        }
    }

    private static async Task WritePageAsync(StreamRun run, IReadOnlyList<OdooRecord> page, CancellationToken ct)
    {
        if (page.Count == 0) return;
        await run.LoadAsync(ct);
        foreach (var item in await MapIsolatedAsync(run, page, ct))
        {
            run.Seen.Add(item.SourceId);
            await run.Writer.WriteAsync(item, run.Binder, run.Lines, ct);
        }
    }

    /// <summary>Maps a page; when a value cannot be read (FormatException: NaN, a wrong type), maps it again a record at a time
    /// (a group at a time for grouped streams, whose records map together), so the records that cannot be read are rejected
    /// alone, named, and the rest of the page goes on (issue 10.8).</summary>
    private static async Task<IReadOnlyList<MappedItem>> MapIsolatedAsync(StreamRun run, IReadOnlyList<OdooRecord> page, CancellationToken ct)
    {
        var (def, ctx, writer) = (run.Def, run.Ctx, run.Writer);
        try { return await def.Map(ctx, page, ct); }
        catch (FormatException) { }
        var units = def.GroupField is { } group
            ? page.GroupBy(r => r.Get(group) is IReadOnlyList<object?> { Count: > 0 } m2o ? m2o[0]?.ToString() : r.Get(group)?.ToString()).Select(g => (IReadOnlyList<OdooRecord>)g.ToList())
            : page.Select(r => (IReadOnlyList<OdooRecord>)[r]);
        var items = new List<MappedItem>();
        foreach (var unit in units)
        {
            try { items.AddRange(await def.Map(ctx, unit, ct)); }
            catch (FormatException e) { writer.RejectUnreadable(unit.Select(r => r.Id), e.Message); }
        }
        return items;
    }

    private async Task DeleteGoneAsync(StreamRun run, CancellationToken ct)
    {
        var (def, ctx, full, writer, binder, lines, seen, counter) = (run.Def, run.Ctx, run.Full, run.Writer, run.Binder, run.Lines, run.Seen, run.Counter);
        if (def.LiveDomain is null && writer.Unreadable > 0)
        {
            // What is live is what the read mapped; a record that could not be read must not count as deleted.
            counter.Error($"deletions not computed this run: {writer.Unreadable} record(s) could not be read");
            return;
        }
        if (def.LiveDomain is null)
        {
            if (full)
            {
                await binder.EnsureLoadedAsync(ct);
                await writer.DeleteGoneAsync(binder, binder.NotIn(seen), ct);
            }
            return;
        }
        var liveDomain = def.LiveDomain(ctx);
        if (full)
        {
            await run.LoadAsync(ct);
            // The full reconciliation reads every live id: the safety net under the counting below.
            var liveIds = await ctx.Odoo.SearchAsync(def.Model, liveDomain, def.Context(ctx), ct);
            await writer.DeleteGoneAsync(binder, binder.NotIn(liveIds.Select(def.SourceIdOf).ToHashSet(StringComparer.Ordinal)), ct);
            await RememberUnboundAsync(binder, def.OdooIdOf, liveIds, ct);
            if (def.Lines is { } spec && lines is not null)
            {
                var liveLines = new List<long>();
                foreach (var chunk in liveIds.Chunk(OdooDefaults.PageSize))
                    liveLines.AddRange(await ctx.Odoo.SearchAsync(spec.Model, OdooReads.In(spec.ParentField, chunk), def.Context(ctx), ct));
                await writer.DeleteGoneAsync(lines, lines.NotIn(liveLines.Select(SupplierProductMapper.Key).ToHashSet(StringComparer.Ordinal)), ct, spec.Resource);
                await RememberUnboundAsync(lines, StreamDefinition.PlainId, liveLines, ct);
            }
            return;
        }
        var parentsGone = await DeleteCountedAsync(run, binder, def.Model, liveDomain, def.KeyPrefix, def.OdooIdOf, null, ct);
        // Lines that leave only with their parent: counted when a parent changed or went (an idle poll skips the count).
        if (def.Lines is { } lineSpec && lines is not null && (!lineSpec.LeaveWithParent || parentsGone || counter.Read > 0))
        {
            var lineDomain = lineSpec.LiveDomain?.Invoke(ctx)
                ?? OdooReads.In(lineSpec.ParentField, await ctx.Odoo.SearchAsync(def.Model, liveDomain, def.Context(ctx), ct));
            await DeleteCountedAsync(run, lines, lineSpec.Model, lineDomain, "", StreamDefinition.PlainId, lineSpec.Resource, ct);
        }
    }

    /// <summary>Deletions by counting (CountedDeletions) in one binding space; a binding whose key names no record is gone.
    /// Not loaded yet (nothing was mapped): the store's span of the bound ids and one count decide first, nothing loaded.
    /// Returns whether any binding was found gone.</summary>
    private async Task<bool> DeleteCountedAsync(StreamRun run, Binder binder, string model, OdooDomain live, string keyPrefix, Func<string, long?> odooIdOf,
        string? resource, CancellationToken ct)
    {
        var (ctx, writer, context) = (run.Ctx, run.Writer, run.Def.Context(run.Ctx));
        var known = CountedDeletions.Parse(await store.GetValueAsync(CountedDeletions.StateKey(binder.Space), ct));
        var counting = new CountedDeletions(ctx.Odoo, model, live, context, ctx.PageSize);
        if (!binder.IsLoaded && await counting.NothingGoneAsync(await store.SpanOfIdsAsync(binder.Space, keyPrefix, ct), known, ct)) return false;
        await binder.EnsureLoadedAsync(ct);
        var byId = new Dictionary<long, string>();
        var gone = new List<Binding>();
        foreach (var key in binder.SourceIds)
            if (odooIdOf(key) is { } id) byId[id] = key;
            else if (binder.Find(key) is { } b) gone.Add(b);
        var result = await counting.FindAsync(byId.Keys, known, ct);
        gone.AddRange(result.Gone.Select(id => binder.Find(byId[id])).OfType<Binding>());
        await writer.DeleteGoneAsync(binder, gone, ct, resource);
        if (!dryRun && !known.SequenceEqual(result.Unbound))
            await store.SetValueAsync(CountedDeletions.StateKey(binder.Space), CountedDeletions.Format(result.Unbound), ct);
        return gone.Count > 0;
    }

    /// <summary>After a full read of the live ids: those without a binding, within the range the bindings span, so the
    /// counting of later runs expects them.</summary>
    private async Task RememberUnboundAsync(Binder binder, Func<string, long?> odooIdOf, IReadOnlyList<long> liveIds, CancellationToken ct)
    {
        if (dryRun) return;
        await binder.EnsureLoadedAsync(ct);
        var bound = binder.SourceIds.Select(odooIdOf).OfType<long>().ToHashSet();
        var unbound = bound.Count == 0 ? [] : liveIds.Where(id => id >= bound.Min() && id <= bound.Max() && !bound.Contains(id)).Order().ToList();
        var key = CountedDeletions.StateKey(binder.Space);
        var before = await store.GetValueAsync(key, ct);
        var now = CountedDeletions.Format(unbound);
        if (before != now && !(before is null && now.Length == 0)) await store.SetValueAsync(key, now, ct);
    }
}
