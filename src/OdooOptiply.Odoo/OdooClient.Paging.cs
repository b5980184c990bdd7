// search_read as a stream of pages: explicit order (offsets are only stable under a total order),
// offset or keyset paging, and a guard that fails loudly instead of looping on the same page.
using System.Runtime.CompilerServices;

namespace OdooOptiply.Odoo;

public sealed partial class OdooClient
{
    public async IAsyncEnumerable<IReadOnlyList<OdooRecord>> SearchReadPagesAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields,
        OdooPageOptions? page = null, OdooContext? context = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var p = page ?? new OdooPageOptions();
        var size = p.PageSize ?? _options.PageSize;
        if (size < 1) throw new ArgumentException("page size must be at least 1");
        if (string.IsNullOrWhiteSpace(p.Order)) throw new ArgumentException("paging needs an explicit order, e.g. \"id asc\"");
        if (p.Keyset && (!IsIdAscending(p.Order) || p.Offset != 0))
            throw new ArgumentException("keyset paging (id > last) needs order \"id asc\" and offset 0");
        var wanted = await FieldsToReadAsync(model, fields, ct);
        long offset = p.Offset, lastId = 0, read = 0, previousFirst = 0;
        while (true)
        {
            var take = p.Limit is long limit ? Math.Min(size, limit - read) : size;
            if (take <= 0) yield break;
            var pageDomain = p.Keyset && lastId > 0 ? domain.And(OdooDomain.Leaf("id", ">", lastId)) : domain;
            var pageOffset = p.Keyset ? 0 : offset;
            var records = await SearchReadOnceAsync(model, pageDomain, wanted, pageOffset, take, p.Order, context, ct);
            if (records.Count > 0) yield return records;
            if (records.Count < take) yield break;
            read += records.Count;
            // A server that ignores offset (or an unstable order) would hand back the same page forever.
            if (records[0].Id == previousFirst)
                throw new InvalidOperationException($"{model}: the server returned the same page again (first id {previousFirst}); paging stopped");
            previousFirst = records[0].Id;
            if (p.Keyset)
            {
                var next = records[^1].Id;
                if (next <= lastId) throw new InvalidOperationException($"{model}: keyset paging did not advance (last id {lastId}, next {next}); is the order really \"id asc\"?");
                lastId = next;
            }
            else
            {
                var next = offset + records.Count;
                if (next == offset) throw new InvalidOperationException($"{model}: paging did not advance past offset {offset}");
                offset = next;
            }
        }
    }

    private Task<IReadOnlyList<OdooRecord>> SearchReadOnceAsync(string model, OdooDomain domain, List<string> wanted, long offset, long limit,
        string order, OdooContext? context, CancellationToken ct) =>
        WithFieldDropAsync(model, "search_read", wanted, async () =>
        {
            var kwargs = new Dictionary<string, object?> { ["fields"] = wanted.ToArray(), ["offset"] = offset, ["limit"] = limit, ["order"] = order };
            return ToRecords(await InvokeAsync(model, "search_read", [domain.ToWire()], kwargs, context, true, (offset, limit), ct), model, "search_read");
        });

    private static bool IsIdAscending(string order) =>
        string.Join(' ', order.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Equals("id asc", StringComparison.OrdinalIgnoreCase)
        || order.Trim().Equals("id", StringComparison.OrdinalIgnoreCase);
}
