// A full read on N connections (issue 16): ids first (one search, no OFFSET), then chunks of ids read by
// search_read [id in chunk] at most MaxConnections at a time; results come back in id order, each chunk
// retried on its own by the door's retry policy. With MaxConnections 1 it is a plain id-chunked read.
namespace OdooOptiply.Odoo;

public sealed partial class OdooClient
{
    /// <summary>Every record of the domain in "id asc" order, read in chunks of <paramref name="chunkSize"/> ids on
    /// at most <paramref name="maxConnections"/> requests at once (1..OdooDefaults.MaxConnectionsCap).</summary>
    public async Task<IReadOnlyList<OdooRecord>> SearchReadByIdChunksAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields,
        int maxConnections = OdooDefaults.MaxConnections, int? chunkSize = null, OdooContext? context = null, CancellationToken ct = default)
    {
        if (maxConnections < 1 || maxConnections > OdooDefaults.MaxConnectionsCap)
            throw new ArgumentOutOfRangeException(nameof(maxConnections), $"max connections must be 1..{OdooDefaults.MaxConnectionsCap}");
        var size = chunkSize ?? _options.PageSize;
        if (size < 1) throw new ArgumentException("chunk size must be at least 1");
        var wanted = await FieldsToReadAsync(model, fields, ct);
        var ids = await SearchAsync(model, domain, context, order: OdooDefaults.Order, ct: ct);
        var chunks = ids.Chunk(size).ToArray();
        var results = new IReadOnlyList<OdooRecord>[chunks.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Length), new ParallelOptions { MaxDegreeOfParallelism = maxConnections, CancellationToken = ct },
            async (i, token) => results[i] = await SearchReadOnceAsync(model, domain.And(OdooDomain.Leaf("id", "in", chunks[i].Cast<object?>().ToList())),
                [.. wanted], 0, chunks[i].Length, OdooDefaults.Order, context, token));
        return [.. results.SelectMany(r => r)];
    }
}
