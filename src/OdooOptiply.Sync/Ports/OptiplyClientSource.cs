// IOptiplySource over the real OptiplyClient (its pager, rate limit, retries and error table).
using OdooOptiply.Optiply;

namespace OdooOptiply.Sync.Ports;

public sealed class OptiplyClientSource(OptiplyClient client) : IOptiplySource
{
    public long? CouplingId => client.Options.CouplingId;

    public IAsyncEnumerable<OptiplyRecord> ListAsync(string resource, OptiplyQuery query, CancellationToken ct) => client.Resource(resource).ListAsync(query, ct);

    public Task<OptiplyRecord?> GetAsync(string resource, string id, CancellationToken ct) => client.Resource(resource).GetAsync(id, ct);
}
