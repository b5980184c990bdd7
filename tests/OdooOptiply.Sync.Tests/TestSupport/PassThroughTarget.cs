// A target that passes every call to the real one: tests derive from it and override only the call they
// change (a create that "dies", an answer that is lost, a stop requested, payloads recorded).
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Tests.TestSupport;

internal abstract class PassThroughTarget(IOptiplyTarget inner) : IOptiplyTarget
{
    protected IOptiplyTarget Inner => inner;

    public virtual Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct) => inner.CreateAsync(resource, attributes, ct);
    public virtual Task UpdateAsync(string resource, string id, JsonObject attributes, CancellationToken ct) => inner.UpdateAsync(resource, id, attributes, ct);
    public virtual Task<bool> DeleteAsync(string resource, string id, CancellationToken ct) => inner.DeleteAsync(resource, id, ct);
    public virtual Task<string?> FindByRemoteIdAsync(string resource, string remoteId, long? afterId, CancellationToken ct) =>
        inner.FindByRemoteIdAsync(resource, remoteId, afterId, ct);
    public virtual IAsyncEnumerable<TargetRecord> ListAsync(string resource, CancellationToken ct) => inner.ListAsync(resource, ct);
    public Task<string?> FindAsync(string resource, IReadOnlyList<KeyValuePair<string, object>> where, CancellationToken ct) => inner.FindAsync(resource, where, ct);
}
