// IOptiplyTarget over the real OptiplyClient, turning its error table into the engine's one Outcome vocabulary.
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using OdooOptiply.Optiply;

namespace OdooOptiply.Sync.Ports;

public sealed class OptiplyClientTarget(OptiplyClient client) : IOptiplyTarget
{
    public Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct) =>
        Guard(async () => (await client.Resource(resource).CreateAsync(attributes, ct)).Id, ct);

    public Task UpdateAsync(string resource, string id, JsonObject attributes, CancellationToken ct) =>
        Guard(async () => (await client.Resource(resource).UpdateAsync(id, attributes, ct)).Id, ct);

    public Task<bool> DeleteAsync(string resource, string id, CancellationToken ct) =>
        Guard(() => client.Resource(resource).DeleteAsync(id, ct), ct);

    public Task<string?> FindAsync(string resource, IReadOnlyList<KeyValuePair<string, object>> where, CancellationToken ct) =>
        Guard(async () =>
        {
            var query = where.Aggregate(new OptiplyQuery(), (q, w) => q.Where(w.Key, w.Value));
            return (await client.Resource(resource).FindAsync(query, ct))?.Id;
        }, ct);

    public Task<string?> FindByRemoteIdAsync(string resource, string remoteId, long? afterId, CancellationToken ct) =>
        Guard(async () =>
        {
            // Newest first, down to the watermark: a record created after our create was sent has a higher id, so
            // nothing another writer made meanwhile can push ours out of reach (issue 10.3: a window of 100 could).
            var query = new OptiplyQuery().SortBy("id", descending: true).WithPageLimit(OptiplyConstants.MaxPageLimit);
            await foreach (var r in client.Resource(resource).ListAsync(query, ct))
            {
                if (afterId is { } floor && long.TryParse(r.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= floor) break;
                if (RemoteIdsOf(r).Contains(remoteId)) return r.Id;
            }
            return null;
        }, ct);

    public async IAsyncEnumerable<TargetRecord> ListAsync(string resource, [EnumeratorCancellation] CancellationToken ct)
    {
        var records = client.Resource(resource).ListAsync(new OptiplyQuery().SortBy("id").WithPageLimit(OptiplyConstants.MaxPageLimit), ct);
        await using var e = records.GetAsyncEnumerator(ct);
        while (true)
        {
            OptiplyRecord r;
            try
            {
                if (!await e.MoveNextAsync()) yield break;
                r = e.Current;
            }
            catch (OptiplyException x) { throw Classify(x); }
            catch (HttpRequestException x) { throw new TargetWriteException(Outcome.Retriable, x.Message, x); }
            yield return new TargetRecord(r.Id, r.Attributes, RemoteIdsOf(r));
        }
    }

    /// <summary>The remote ids a record carries under our coupling; every value of remoteIdMap when no coupling is configured.</summary>
    private IReadOnlyList<string> RemoteIdsOf(OptiplyRecord r) =>
        client.Options.CouplingId is { } coupling
            ? r.RemoteId(coupling) is { Length: > 0 } one ? [one] : []
            : r.RemoteIdMap.Values.Where(v => v.Length > 0).ToList();

    private static async Task<T> Guard<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try { return await call(); }
        catch (OptiplyException e) { throw Classify(e); }
        catch (HttpRequestException e) { throw new TargetWriteException(Outcome.Retriable, e.Message, e); }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested) { throw new TargetWriteException(Outcome.Retriable, "timed out", e); }
    }

    private static TargetWriteException Classify(OptiplyException e) => new(e.Outcome switch
    {
        _ when RunFailures.FatalReason(e) is not null => Outcome.Fatal, // the one rule (RunFailures)
        Outcome.Retriable => Outcome.Retriable,
        // A 5xx (or no status: the answer was lost) means "unknown", never "refused", for a write: it may have landed,
        // so it is looked up before any new create (issue 10.2: a 500 to a POST that did create duplicated it).
        _ when e.Status is >= 500 or 0 => Outcome.Retriable,
        _ => Outcome.Rejected,
    }, e.Message, e) { Status = e.Status };
}
