// The one loop that writes a record into Odoo for any OdooSink declaration, exactly once:
//  1. key = the declaration's external key (or the record's content hash); hash = the record's content hash.
//  2. Bound and the hash unchanged: existing, no call. Bound and changed: read the known record, update it
//     (the declaration may refuse: posted, received …), run the after-write step, store the new hash.
//     A bound record deleted in Odoo is forgotten and created again.
//  3. Unbound (or a create whose binding was lost): search Odoo for the record's mark; found → bind and update.
//  4. Else the declaration's reuse match (a tax or partner of that name): bind and update it, never a second one.
//  5. Else mark the key pending, create in ONE call (lines inside), bind at once with an empty hash, run the
//     after-write step (button_confirm …), then store the hash. A crash anywhere leaves either nothing in Odoo
//     (the pending mark or nothing), or a record carrying the mark (found by step 3), or a binding whose empty
//     hash makes the next write repeat the idempotent after-write step. A lost create answer is looked up, never
//     re-sent. A declaration may search its mark once more right before the create, and the lease fence is asked
//     last (a frozen process never creates after its lease is gone). Logs name the sink, the key and the outcome; never a value.
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.OdooWrites;

public sealed class OdooWriter<T>(OdooSink<T> sink, Binder binder, OdooWriteContext context, Func<T, JsonNode?> content, ILogger? log = null)
{
    /// <summary>Pause points (ODOO_OPTIPLY_PAUSE_AT) for the crash tests; "write.after-create#3" stops at the third create of the process
    /// (before-create#N likewise).</summary>
    public const string BeforeCreate = "write.before-create", AfterCreate = "write.after-create", AfterBind = "write.after-bind";
    private static int _creates;
    private readonly ILogger _log = log ?? NullLogger.Instance;

    public OdooSink<T> Sink => sink;
    public Binder Binder => binder;

    public async Task<WriteOutcome> WriteAsync(T record, CancellationToken ct)
    {
        var hash = ContentHash.Of(content(record));
        var key = sink.Key(record) is { Length: > 0 } k ? k : "sha:" + hash[..32];
        try
        {
            var outcome = await WriteKeyedAsync(record, key, hash, ct);
            _log.LogDebug("{Sink} {Key}: {Outcome} (odoo {Model} {Id}){Reason}", sink.Name, key, outcome.Kind, sink.Model, outcome.OdooId,
                outcome.Reason is null ? "" : ": " + outcome.Reason);
            return outcome;
        }
        catch (OdooException e) when (e.Outcome != Outcome.Retriable && !e.InvalidResponse && RunFailures.FatalReason(e) is null)
        {
            // Odoo refused this record (a ValidationError, a UserError, a missing required field): the record fails, the run goes on.
            // Authentication, access and unknown-model failures (RunFailures) stop the run instead.
            return new WriteOutcome(WriteKind.Failed, null, $"Odoo refused it: {e.Message}");
        }
        catch (SinkException e) { return new WriteOutcome(WriteKind.Failed, null, e.Message); }
    }

    private async Task<WriteOutcome> WriteKeyedAsync(T record, string key, string hash, CancellationToken ct)
    {
        if (binder.Find(key) is { IsPending: false } bound)
        {
            var id = long.Parse(bound.TargetId, CultureInfo.InvariantCulture);
            if (bound.Hash == hash && sink.MustRewrite?.Invoke(record) != true) return new WriteOutcome(WriteKind.Existing, id);
            var mapped = await sink.MapAsync(record, key, context, ct);
            if (Refused(mapped, id) is { } no) return no;
            if (await UpdateAsync(record, key, hash, id, mapped, ct) is { } updated) return updated;
            if (sink.WhenDeletedInOdoo is { } deleted) return deleted(record, id);
            await binder.ForgetAsync([key], ct); // deleted in Odoo since: created again below
        }
        var values = await sink.MapAsync(record, key, context, ct);
        if (Refused(values, null) is { } refused) return refused;
        if (await FindAsync(sink.Marked(record, key), ct) is { } marked)
            return await AdoptAsync(record, key, hash, marked, values, "already in Odoo (carries its mark), bound now", ct);
        if (sink.Reuse?.Invoke(record, values) is { } reuse && await FindAsync(reuse, ct) is { } existing)
            return await AdoptAsync(record, key, hash, existing, values, "an Odoo record of that name exists, reused", ct);
        return await CreateAsync(record, key, hash, values, ct);
    }

    private static WriteOutcome? Refused(SinkValues values, long? id) =>
        values.Skipped is { } skip ? new WriteOutcome(WriteKind.Skipped, id, skip, values.Detail)
        : values.Problem is { } problem ? new WriteOutcome(WriteKind.Failed, id, problem)
        : null;

    /// <summary>Binds a record Odoo already has and brings it in line; its outcome says why it was not created.</summary>
    private async Task<WriteOutcome> AdoptAsync(T record, string key, string hash, long id, SinkValues values, string why, CancellationToken ct)
    {
        await binder.BindAsync(key, Text(id), "", ct);
        var again = await UpdateAsync(record, key, hash, id, values, ct);
        return again is { Kind: WriteKind.Failed or WriteKind.Skipped } ? again : new WriteOutcome(WriteKind.Existing, id, why);
    }

    private async Task<WriteOutcome> CreateAsync(T record, string key, string hash, SinkValues values, CancellationToken ct)
    {
        await binder.MarkPendingAsync(key, ct: ct);
        var n = Interlocked.Increment(ref _creates).ToString(CultureInfo.InvariantCulture);
        await PausePoints.AtAsync(sink.Pauses.BeforeCreate, ct);
        await PausePoints.AtAsync(sink.Pauses.BeforeCreate + "#" + n, ct);
        // A process frozen since its search (SIGSTOP, a stalled VM) may find another run created the record meanwhile:
        // search again (cheap), then check the lease last, right before the create.
        if (sink.SearchBeforeCreate && await FindAsync(sink.Marked(record, key), ct) is { } already)
            return await AdoptAsync(record, key, hash, already, values, "already in Odoo (found right before the create), bound now", ct);
        if (context.Fence is { } fence && !await fence(ct))
            throw new OperationCanceledException($"the tenant's lease was lost (this process stalled past its TTL): {sink.Name} {key} not created");
        long id;
        try { id = await context.Odoo.CreateAsync(sink.Model, values.Values, context.WriteContext, ct); }
        catch (OdooException e) when (e.Outcome == Outcome.Retriable)
        {
            // The answer was lost: the record may exist. Look for its mark, never create twice.
            if (await FindAsync(sink.Marked(record, key), ct) is not { } found) throw;
            id = found;
        }
        context.Lookups.Forget(sink.Model);
        await PausePoints.AtAsync(sink.Pauses.AfterCreate, ct);
        await PausePoints.AtAsync(sink.Pauses.AfterCreate + "#" + n, ct);
        await binder.BindAsync(key, Text(id), "", ct);
        if (sink.AfterWriteAsync is { } after) await after(record, id, context, ct);
        await binder.BindAsync(key, Text(id), hash, ct);
        await PausePoints.AtAsync(sink.Pauses.AfterBind, ct);
        return new WriteOutcome(WriteKind.Created, id);
    }

    /// <summary>Updates a known record; null when it no longer exists in Odoo.</summary>
    private async Task<WriteOutcome?> UpdateAsync(T record, string key, string hash, long id, SinkValues mapped, CancellationToken ct)
    {
        var current = (await context.Odoo.ReadAsync(sink.Model, [id], sink.CurrentFields, ct: ct)).FirstOrDefault();
        if (current is null) return null;
        var update = sink.UpdateAsync is { } custom
            ? await custom(record, mapped, current, context, ct)
            : new SinkUpdate(mapped.Values.Where(kv => !sink.CreateOnly.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));
        if (update.Refusal is not null) return new WriteOutcome(WriteKind.Failed, id, update.Refusal);
        if (update.Conflict is not null) return new WriteOutcome(WriteKind.Skipped, id, update.Conflict, update.Detail);
        if (update.Values.Count > 0)
        {
            await context.Odoo.WriteAsync(sink.Model, [id], update.Values, context.WriteContext, ct);
            await PausePoints.AtAsync(sink.Pauses.AfterWrite, ct);
        }
        if (sink.AfterWriteAsync is { } after) await after(record, id, context, ct);
        await binder.BindAsync(key, Text(id), hash, ct);
        return new WriteOutcome(update.Values.Count > 0 || sink.UpdateAsync is null ? WriteKind.Updated : WriteKind.Existing, id);
    }

    private async Task<long?> FindAsync(OdooDomain domain, CancellationToken ct)
    {
        var ids = await context.Odoo.SearchAsync(sink.Model, domain, new OdooContext { ActiveTest = false }, order: "id asc", limit: 1, ct: ct);
        return ids.Count > 0 ? ids[0] : null;
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
