// JSON:API documents as the emulated API writes them (reference §3.3): resources with string ids,
// nested attributes, relationship link objects; collections with links (next only when more rows
// exist, plus Crnk's first/last/prev) and meta.totalResourceCount.
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace OdooOptiply.Emulators.Optiply;

internal static class OptiplyDocuments
{
    private static string Root(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/v1";

    public static JsonObject Resource(HttpContext http, OptiplyRow row)
    {
        var self = $"{Root(http)}/{row.Type}/{row.Id.ToString(CultureInfo.InvariantCulture)}";
        var resource = new JsonObject
        {
            ["id"] = row.Id.ToString(CultureInfo.InvariantCulture),
            ["type"] = row.Type,
            ["attributes"] = row.Attributes,
        };
        var rels = OptiplyStore.Spec(row.Type).Relationships ?? [];
        if (rels.Count > 0)
        {
            var relationships = new JsonObject();
            foreach (var r in rels)
                relationships[r.Name] = new JsonObject
                {
                    ["links"] = new JsonObject { ["self"] = $"{self}/relationships/{r.Name}", ["related"] = $"{self}/{r.Name}" },
                };
            resource["relationships"] = relationships;
        }
        resource["links"] = new JsonObject { ["self"] = self };
        return resource;
    }

    public static JsonObject Collection(HttpContext http, ResourceSpec spec, IReadOnlyList<OptiplyRow> page, int total, OptiplyListQuery q)
    {
        var data = new JsonArray();
        foreach (var row in page) data.Add(Resource(http, row));
        var links = new JsonObject
        {
            ["self"] = PageLink(http, q.Offset, q.Limit),
            ["first"] = PageLink(http, 0, q.Limit),
        };
        var lastOffset = total == 0 ? 0 : (total - 1) / q.Limit * q.Limit;
        links["last"] = PageLink(http, lastOffset, q.Limit);
        if (q.Offset > 0) links["prev"] = PageLink(http, Math.Max(0, q.Offset - q.Limit), q.Limit);
        if (q.Offset + q.Limit < total) links["next"] = PageLink(http, q.Offset + q.Limit, q.Limit);
        return new JsonObject { ["data"] = data, ["links"] = links, ["meta"] = new JsonObject { ["totalResourceCount"] = total } };
    }

    // The request's own URL with page[offset]/page[limit] replaced; other parameters (filters, sort) kept, re-encoded.
    private static string PageLink(HttpContext http, long offset, int limit)
    {
        var pairs = http.Request.Query
            .Where(kv => kv.Key is not "page[offset]" and not "page[limit]")
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("page[limit]", limit.ToString(CultureInfo.InvariantCulture)))
            .Append(new("page[offset]", offset.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}", pairs);
    }
}
