// Writes one mapped item to Optiply through the binder: nothing when the payload's hash is unchanged,
// an update when it changed, a create (bound at once) when there is no binding. A create whose answer
// was lost is looked up by remoteId (or natural key on a 409) instead of repeated. Failures of one
// record are counted and the stream goes on; only Fatal failures stop it. While a space is being adopted
// (Adopter), a record without a binding is first bound to what Optiply already holds, if anything.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Adoption;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Streams;

internal sealed class RecordWriter(StreamDefinition def, IOptiplyTarget target, StreamCounter parentCounter, StreamCounter lineCounter)
{
    private StreamCounter? _current;
    private StreamCounter counter => _current ?? parentCounter;

    /// <summary>Adoption of the stream's own space this run (null: not adopting).</summary>
    public Adopter? Adopter { get; set; }
    /// <summary>Adoption of the lines' space this run.</summary>
    public Adopter? LineAdopter { get; set; }

    /// <summary>Source ids an earlier adoption found ambiguous: not created until `sync --adopt` settles them.</summary>
    public IReadOnlySet<string> Held { get; set; } = new HashSet<string>();
    public IReadOnlySet<string> LineHeld { get; set; } = new HashSet<string>();

    /// <summary>The mass-deletion guard for detected deletions (DeleteGoneAsync); null: off this run (--allow-mass-deletions).</summary>
    public Config.DeletionGuardFlags? Guard { get; set; }
    /// <summary>Detected deletions were held this run (DeletionGuard): the stream fails, nothing of them is forgotten.</summary>
    public bool DeletionsHeld { get; private set; }

    /// <summary>Source records that could not be read or mapped this run (a value such as NaN): rejected alone.</summary>
    public long Unreadable { get; private set; }

    public void RejectUnreadable(IEnumerable<long> odooIds, string reason)
    {
        var ids = odooIds.ToList();
        Unreadable += ids.Count;
        parentCounter.Fail($"{def.Name} {string.Join(", ", ids)} (Odoo {def.Model}): cannot be read: {reason}");
    }

    /// <summary>Records and lines that could not be written so far (the runner keeps the bookmark before them).</summary>
    public long Failed => parentCounter.Failed + lineCounter.Failed;

    public async Task WriteAsync(MappedItem item, Binder binder, Binder? lineBinder, CancellationToken ct) =>
        await WriteAsync(item, binder, lineBinder, null, ct);

    /// <summary>Writes the items adoption deferred (natural-key candidates), now that every claim of the read is known.</summary>
    public async Task FlushDeferredAsync(Binder binder, Binder? lineBinder, CancellationToken ct)
    {
        if (Adopter is null) return;
        var (items, odooCount) = Adopter.TakeDeferred();
        foreach (var item in items) await WriteAsync(item, binder, lineBinder, odooCount, ct);
    }

    private async Task WriteAsync(MappedItem item, Binder binder, Binder? lineBinder, Func<int, string, int>? odooCount, CancellationToken ct)
    {
        _current = null;
        if (odooCount is null && Adopter is not null && item.Result.Sends && binder.Find(item.SourceId) is null && Adopter.TryDefer(item))
            return;
        var targetId = await WriteOneAsync(item, binder, def.Resource, def.ReplaceOnChange, def.NaturalKey, ct, Adopter, odooCount, Held);
        if (item.Lines is null || def.Lines is null || lineBinder is null) return;
        _current = lineCounter;
        try
        {
            if (targetId is null || !long.TryParse(targetId, out var parentId))
            {
                foreach (var _ in item.Lines) counter.Skip("order not in Optiply");
                return;
            }
            foreach (var line in item.Lines)
                if (line.Result.Payload is { } p) p[def.Lines.ParentAttribute] = parentId;
            // Lines are adopted with their parent: a natural key must be unique among the parent's own lines too.
            var siblings = LineAdopter?.KeyCounts(item.Lines.Select(l => l.Result.Payload).OfType<JsonObject>());
            foreach (var line in item.Lines)
                await WriteOneAsync(line, lineBinder, def.Lines.Resource, replace: false, def.Lines.NaturalKey, ct, LineAdopter, siblings, LineHeld);
        }
        finally { _current = null; }
    }

    /// <summary>Returns the Optiply id the item has after writing (null when skipped or failed).</summary>
    private async Task<string?> WriteOneAsync(MappedItem item, Binder binder, string resource, bool replace, NaturalKey? key, CancellationToken ct,
        Adopter? adopter = null, Func<int, string, int>? odooCount = null, IReadOnlySet<string>? held = null)
    {
        var bound = binder.Find(item.SourceId);
        var result = item.Result;
        if (result.Skipped) { counter.Skip(result.Reason!); return bound?.TargetId; }
        if (result.Removes)
        {
            if (bound is null || bound.IsPending) counter.Unchanged++;
            else await DeleteAsync(binder, [bound], ct, resource);
            return null;
        }
        var payload = result.Payload!;
        var hash = ContentHash.Of(payload);
        if (bound is { IsPending: true })
        {
            // A create was sent by a run that died before binding it: look for it before creating anything.
            var found = await FindOrNullAsync(item.SourceId, payload, resource, key, bound.PendingAfter, ct);
            await binder.ForgetAsync([item.SourceId], ct);
            if (found is not null) await binder.BindAsync(item.SourceId, found, "", ct);
            bound = binder.Find(item.SourceId);
        }
        if (bound is null && adopter is not null)
        {
            var decision = adopter.Decide(item.SourceId, payload, item.KnownTargetId, odooCount);
            switch (decision.Verdict)
            {
                case AdoptionVerdict.Adopt:
                    // Bound at once; the hash is stored only if Optiply already says the same, else the update below writes it once.
                    await binder.BindAsync(item.SourceId, decision.TargetId!, decision.Equal ? hash : "", ct);
                    bound = binder.Find(item.SourceId);
                    break;
                case AdoptionVerdict.Ambiguous:
                    counter.Skip("ambiguous in Optiply: not created (see errors)");
                    counter.Error(decision.Reason!);
                    return null;
                case AdoptionVerdict.Refuse:
                    counter.Skip(decision.Reason!);
                    return null;
                case AdoptionVerdict.Create when !result.CreateAllowed:
                    adopter.Counter.ToCreate--; // skipped just below: never made in Optiply
                    break;
            }
        }
        else if (bound is null && held is not null && held.Contains(item.SourceId))
        {
            counter.Skip("ambiguous in Optiply at adoption: not created until sync --adopt finds one match");
            return null;
        }
        else if (bound is null && item.KnownTargetId is not null)
        {
            // An order the export created is bound by the export (or by adoption); until then it must not come back as new.
            counter.Skip("exported from Optiply, not yet bound by the export");
            return null;
        }
        if (bound is not null && bound.Hash == hash) { counter.Unchanged++; return bound.TargetId; }
        if (bound is null && !result.CreateAllowed) { counter.Skip("disabled and never in Optiply"); return null; }
        try
        {
            if (bound is not null && !replace)
            {
                try { await target.UpdateAsync(resource, bound.TargetId, payload, ct); }
                catch (TargetWriteException e) when (e.IsNotFound)
                {
                    // Deleted in Optiply by a user: make it again, as Optiply's own integrations do.
                    return await CreateAsync(item.SourceId, payload, hash, binder, resource, key, ct);
                }
                await binder.BindAsync(item.SourceId, bound.TargetId, hash, ct);
                counter.Updated++;
                return bound.TargetId;
            }
            if (bound is not null)
            {
                await target.DeleteAsync(resource, bound.TargetId, ct);
                await binder.ForgetAsync([item.SourceId], ct);
                counter.Updated++;
                return await CreateAsync(item.SourceId, payload, hash, binder, resource, key, ct, count: false);
            }
            return await CreateAsync(item.SourceId, payload, hash, binder, resource, key, ct);
        }
        catch (TargetWriteException e) when (e.Outcome != Outcome.Fatal)
        {
            counter.Fail($"{resource} {item.SourceId}: {e.Message}");
            return bound?.TargetId;
        }
    }

    private async Task<string?> CreateAsync(string sourceId, JsonObject payload, string hash, Binder binder, string resource, NaturalKey? key,
        CancellationToken ct, bool count = true)
    {
        string id;
        var after = binder.HighestTargetNumber;
        await binder.MarkPendingAsync(sourceId, after, ct);
        try { id = await target.CreateAsync(resource, payload, ct); }
        catch (TargetWriteException e) when (e.Outcome == Outcome.Retriable || e.IsConflict)
        {
            id = await FindExistingAsync(sourceId, payload, resource, lost: e.Outcome == Outcome.Retriable, key, after, ct)
                ?? throw new TargetWriteException(Outcome.Rejected, $"create failed ({e.Message}) and no existing record was found", e);
            if (e.IsConflict) await target.UpdateAsync(resource, id, payload, ct);
        }
        catch (TargetWriteException e) when (e.Outcome == Outcome.Rejected)
        {
            await binder.ForgetAsync([sourceId], ct); // refused for certain: nothing landed, nothing to look for
            throw;
        }
        await binder.BindAsync(sourceId, id, hash, ct);
        if (count) counter.Created++;
        return id;
    }

    private async Task<string?> FindOrNullAsync(string sourceId, JsonObject payload, string resource, NaturalKey? key, long? after, CancellationToken ct)
    {
        try { return await FindExistingAsync(sourceId, payload, resource, lost: true, key, after, ct); }
        catch (TargetWriteException e) when (e.Outcome != Outcome.Fatal) { return null; }
    }

    // By remoteId first (the resources that show remoteIdMap), then by the natural key (those that do not, and 409s).
    private async Task<string?> FindExistingAsync(string sourceId, JsonObject payload, string resource, bool lost, NaturalKey? key, long? after,
        CancellationToken ct)
    {
        if (lost
            && await target.FindByRemoteIdAsync(resource, payload["remoteId"]?.GetValue<string>() ?? sourceId, after, ct) is { } byRemoteId)
            return byRemoteId;
        return key is null ? null : await target.FindAsync(resource, key(payload), ct);
    }

    /// <summary>Deletes records found gone from Odoo (counting, a full read, lines), unless the guard holds them: then nothing
    /// is deleted, every binding is kept and the space's counter gets the error in words.</summary>
    public async Task DeleteGoneAsync(Binder binder, IReadOnlyList<Binding> gone, CancellationToken ct, string? resource = null)
    {
        var sent = gone.Count(b => !b.IsPending);
        if (Guard is { } guard && DeletionGuard.Holds(guard, sent, binder.Count))
        {
            DeletionsHeld = true;
            (resource is null || resource == def.Resource ? parentCounter : lineCounter).ErrorFirst(DeletionGuard.Message(binder.Space, sent, binder.Count));
            return;
        }
        await DeleteAsync(binder, gone, ct, resource);
    }

    /// <summary>Deletes in Optiply and forgets the bindings; not guarded (the mapper's removals, and DeleteGoneAsync).</summary>
    public async Task DeleteAsync(Binder binder, IReadOnlyList<Binding> gone, CancellationToken ct, string? resource = null)
    {
        var counter = resource is null || resource == def.Resource ? parentCounter : lineCounter;
        foreach (var b in gone)
        {
            if (b.IsPending) { await binder.ForgetAsync([b.SourceId], ct); continue; }
            try
            {
                if (await target.DeleteAsync(resource ?? def.Resource, b.TargetId, ct)) counter.Deleted++;
                await binder.ForgetAsync([b.SourceId], ct);
            }
            catch (TargetWriteException e) when (e.Outcome != Outcome.Fatal)
            {
                counter.Fail($"delete {resource ?? def.Resource} {b.TargetId}: {e.Message}");
            }
        }
    }
}
