// IOptiplyTarget over the real OptiplyClient, turning its error outcomes into the engine's WriteFailure.
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

    /// <summary>How many of the newest records are searched for a lost create (the engine writes one at a time,
    /// so a lost create is among the last few; the margin covers other writers of the same account).</summary>
    public const int RecentWindow = 100;

    public Task<string?> FindByRemoteIdAsync(string resource, string remoteId, CancellationToken ct) =>
        Guard(async () =>
        {
            var seen = 0;
            var query = new OptiplyQuery().SortBy("id", descending: true).WithPageLimit(RecentWindow);
            await foreach (var r in client.Resource(resource).ListAsync(query, ct))
            {
                if (r.Attributes["remoteIdMap"] is System.Text.Json.Nodes.JsonObject map && map.Any(kv => Matches(kv, remoteId))) return r.Id;
                if (++seen >= RecentWindow) break;
            }
            return null;
        }, ct);

    private bool Matches(KeyValuePair<string, JsonNode?> entry, string remoteId) =>
        (client.Options.CouplingId is not { } coupling || entry.Key == coupling.ToString(System.Globalization.CultureInfo.InvariantCulture))
        && entry.Value?.ToString() == remoteId;

    private static async Task<T> Guard<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try { return await call(); }
        catch (OptiplyException e) { throw new TargetWriteException(Classify(e), e.Message, e); }
        catch (HttpRequestException e) { throw new TargetWriteException(WriteFailure.Unknown, e.Message, e); }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested) { throw new TargetWriteException(WriteFailure.Unknown, "timed out", e); }
    }

    private static WriteFailure Classify(OptiplyException e) => e.Outcome switch
    {
        _ when RunFailures.FatalReason(e) is not null => WriteFailure.Fatal, // the one rule (RunFailures)
        OptiplyOutcome.Retriable => WriteFailure.Unknown,
        OptiplyOutcome.Validation => WriteFailure.Rejected,
        OptiplyOutcome.NotFound => WriteFailure.NotFound,
        OptiplyOutcome.Conflict => WriteFailure.Conflict,
        _ when e.Status is 401 or 403 => WriteFailure.Fatal,
        _ => WriteFailure.Rejected,
    };
}
