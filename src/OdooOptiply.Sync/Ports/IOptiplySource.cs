// The little the export reads from Optiply: the records of a resource for a query (filters, sort, page size) and one
// record by id, with the coupling whose remote ids are ours. OptiplyClientSource adapts the OptiplyClient.
using OdooOptiply.Optiply;

namespace OdooOptiply.Sync.Ports;

public interface IOptiplySource
{
    /// <summary>The coupling our remote ids live under in remoteIdMap, or null (any coupling's value is then taken).</summary>
    long? CouplingId { get; }

    /// <summary>The records matching <paramref name="query"/>, every page, in the query's order.</summary>
    IAsyncEnumerable<OptiplyRecord> ListAsync(string resource, OptiplyQuery query, CancellationToken ct);

    /// <summary>One record, or null when Optiply answered 404 (gone).</summary>
    Task<OptiplyRecord?> GetAsync(string resource, string id, CancellationToken ct);
}
