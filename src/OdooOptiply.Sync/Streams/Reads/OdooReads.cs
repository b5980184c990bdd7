// Reads the streams' Map functions share: records by ids (chunked) and all records of a domain
// (paged by id), for the related data of one page such as its order lines or stock quants.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Streams;

public static class OdooReads
{
    public static OdooDomain In(string field, IEnumerable<long> ids) => OdooDomain.Leaf(field, "in", ids.Distinct().Cast<object?>().ToList());

    /// <summary>All records of the domain, paged by id through the client's pager (its loop guard included).</summary>
    public static async Task<List<OdooRecord>> AllAsync(IOdooSource odoo, string model, OdooDomain domain, IReadOnlyCollection<string> fields,
        ReadContext? context, CancellationToken ct, int pageSize = OdooDefaults.PageSize) =>
        [.. await odoo.SearchReadAllAsync(model, domain, fields, pageSize, context, ct)];

    /// <summary>Records whose <paramref name="field"/> is one of <paramref name="ids"/>, read in chunks of OdooDefaults.PageSize ids.</summary>
    public static async Task<List<OdooRecord>> ByAsync(IOdooSource odoo, string model, string field, IEnumerable<long> ids, IReadOnlyCollection<string> fields,
        ReadContext? context, CancellationToken ct, OdooDomain? and = null)
    {
        var result = new List<OdooRecord>();
        foreach (var chunk in ids.Distinct().Chunk(OdooDefaults.PageSize))
            result.AddRange(await AllAsync(odoo, model, (and ?? OdooDomain.All).And(In(field, chunk)), fields, context, ct));
        return result;
    }

    /// <summary>Many2one ids of a field over records, without empties.</summary>
    public static IEnumerable<long> Refs(this IEnumerable<OdooRecord> records, string field) =>
        records.Select(r => r.GetId(field)).OfType<long>().Distinct();

    /// <summary>A company filter: records of these companies and shared ones (no company). All when empty.</summary>
    public static OdooDomain Companies(IReadOnlyList<long> ids, string field = "company_id") =>
        ids.Count == 0 ? OdooDomain.All : In(field, ids).Or(OdooDomain.Leaf(field, "=", false));

    /// <summary>A company filter for records that always have a company (orders).</summary>
    public static OdooDomain CompaniesStrict(IReadOnlyList<long> ids, string field = "company_id") =>
        ids.Count == 0 ? OdooDomain.All : In(field, ids);
}
