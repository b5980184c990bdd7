// Answers like Optiply without writing anything: creates get made-up negative ids (so records that refer
// to them still map), updates and deletes succeed. Finds answer "not found"; listings (adoption) go to the real
// target when one is given, so a dry run shows the adoption plan. Used by --dry-run.
using System.Globalization;
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Ports;

/// <param name="reads">where reads go (adoption's listing, so --adopt --dry-run shows the real plan); none: nothing is found</param>
public sealed class DryRunTarget(IOptiplyTarget? reads = null) : IOptiplyTarget
{
    private long _next;

    public Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct) =>
        Task.FromResult((-Interlocked.Increment(ref _next)).ToString(CultureInfo.InvariantCulture));

    public Task UpdateAsync(string resource, string id, JsonObject attributes, CancellationToken ct) => Task.CompletedTask;

    public Task<bool> DeleteAsync(string resource, string id, CancellationToken ct) => Task.FromResult(true);

    public Task<string?> FindByRemoteIdAsync(string resource, string remoteId, long? afterId, CancellationToken ct) => Task.FromResult<string?>(null);

    public IAsyncEnumerable<TargetRecord> ListAsync(string resource, CancellationToken ct) =>
        reads?.ListAsync(resource, ct) ?? AsyncEnumerable.Empty<TargetRecord>();

    public Task<string?> FindAsync(string resource, IReadOnlyList<KeyValuePair<string, object>> where, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}
