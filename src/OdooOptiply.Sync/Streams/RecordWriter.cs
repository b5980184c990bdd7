// Writes one mapped item to Optiply through the binder: nothing when the payload's hash is unchanged,
// an update when it changed, a create (bound at once) when there is no binding. A create whose answer
// was lost is looked up by remoteId (or natural key on a 409) instead of repeated. Failures of one
// record are counted and the stream goes on; only Fatal failures stop it.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Streams;

internal sealed class RecordWriter(StreamDefinition def, IOptiplyTarget target, StreamCounter parentCounter, StreamCounter lineCounter)
{
    private StreamCounter? _current;
    private StreamCounter counter => _current ?? parentCounter;

    /// <summary>Records and lines that could not be written so far (the runner keeps the bookmark before them).</summary>
    public long Failed => parentCounter.Failed + lineCounter.Failed;

    public async Task WriteAsync(MappedItem item, Binder binder, Binder? lineBinder, CancellationToken ct)
    {
        _current = null;
        var targetId = await WriteOneAsync(item, binder, def.Resource, def.ReplaceOnChange, def.NaturalKey, ct);
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
            {
                if (line.Result.Payload is { } p) p[def.Lines.ParentAttribute] = parentId;
                await WriteOneAsync(line, lineBinder, def.Lines.Resource, replace: false, def.Lines.NaturalKey, ct);
            }
        }
        finally { _current = null; }
    }

    /// <summary>Returns the Optiply id the item has after writing (null when skipped or failed).</summary>
    private async Task<string?> WriteOneAsync(MappedItem item, Binder binder, string resource, bool replace, NaturalKey? key, CancellationToken ct)
    {
        var bound = binder.Find(item.SourceId);
        var result = item.Result;
        if (result.Outcome == MapOutcome.Skip) { counter.Skip(result.Reason!); return bound?.TargetId; }
        if (result.Outcome == MapOutcome.Remove)
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
            var found = await FindOrNullAsync(item.SourceId, payload, resource, key, ct);
            await binder.ForgetAsync([item.SourceId], ct);
            if (found is not null) await binder.BindAsync(item.SourceId, found, "", ct);
            bound = binder.Find(item.SourceId);
        }
        if (bound is not null && bound.Hash == hash) { counter.Unchanged++; return bound.TargetId; }
        if (bound is null && !result.CreateAllowed) { counter.Skip("disabled and never in Optiply"); return null; }
        try
        {
            if (bound is not null && !replace)
            {
                try { await target.UpdateAsync(resource, bound.TargetId, payload, ct); }
                catch (TargetWriteException e) when (e.Failure == WriteFailure.NotFound)
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
        catch (TargetWriteException e) when (e.Failure != WriteFailure.Fatal)
        {
            counter.Fail($"{resource} {item.SourceId}: {e.Message}");
            return bound?.TargetId;
        }
    }

    private async Task<string?> CreateAsync(string sourceId, JsonObject payload, string hash, Binder binder, string resource, NaturalKey? key,
        CancellationToken ct, bool count = true)
    {
        string id;
        await binder.MarkPendingAsync(sourceId, ct);
        try { id = await target.CreateAsync(resource, payload, ct); }
        catch (TargetWriteException e) when (e.Failure is WriteFailure.Unknown or WriteFailure.Conflict)
        {
            id = await FindExistingAsync(sourceId, payload, resource, e.Failure, key, ct)
                ?? throw new TargetWriteException(WriteFailure.Rejected, $"create failed ({e.Message}) and no existing record was found", e);
            if (e.Failure == WriteFailure.Conflict) await target.UpdateAsync(resource, id, payload, ct);
        }
        catch (TargetWriteException e) when (e.Failure is WriteFailure.Rejected or WriteFailure.NotFound)
        {
            await binder.ForgetAsync([sourceId], ct); // refused for certain: nothing landed, nothing to look for
            throw;
        }
        await binder.BindAsync(sourceId, id, hash, ct);
        if (count) counter.Created++;
        return id;
    }

    private async Task<string?> FindOrNullAsync(string sourceId, JsonObject payload, string resource, NaturalKey? key, CancellationToken ct)
    {
        try { return await FindExistingAsync(sourceId, payload, resource, WriteFailure.Unknown, key, ct); }
        catch (TargetWriteException e) when (e.Failure != WriteFailure.Fatal) { return null; }
    }

    // By remoteId first (the resources that show remoteIdMap), then by the natural key (those that do not, and 409s).
    private async Task<string?> FindExistingAsync(string sourceId, JsonObject payload, string resource, WriteFailure failure, NaturalKey? key, CancellationToken ct)
    {
        if (failure == WriteFailure.Unknown
            && await target.FindByRemoteIdAsync(resource, payload["remoteId"]?.GetValue<string>() ?? sourceId, ct) is { } byRemoteId)
            return byRemoteId;
        return key is null ? null : await target.FindAsync(resource, key(payload), ct);
    }

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
            catch (TargetWriteException e) when (e.Failure != WriteFailure.Fatal)
            {
                counter.Fail($"delete {resource ?? def.Resource} {b.TargetId}: {e.Message}");
            }
        }
    }
}
