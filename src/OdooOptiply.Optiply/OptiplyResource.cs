// One Optiply resource type (products, suppliers, …): list as pages streamed one record at a time,
// get, create, partial update, delete, and find. Recoveries the reference documents live here:
// a 409 on a unique pair is answered by finding the existing record (and updating it), a supplier
// whose emails Optiply rejects is written again without them, a 504 on a big page is retried smaller.
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Optiply;

public sealed class OptiplyResource
{
    private readonly OptiplyDoor _connection;
    private readonly OptiplyOptions _options;
    private readonly ILogger _log;

    internal OptiplyResource(string type, OptiplyDoor connection, OptiplyOptions options, ILogger log)
    {
        Type = type;
        _connection = connection;
        _options = options;
        _log = log;
    }

    /// <summary>The JSON:API type and path segment, e.g. "supplierProducts".</summary>
    public string Type { get; }

    /// <summary>Every record matching <paramref name="query"/>, fetched page by page as the caller reads.</summary>
    public async IAsyncEnumerable<OptiplyRecord> ListAsync(OptiplyQuery? query = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        query ??= new OptiplyQuery();
        if (_options.AccountId is { } account && OptiplyConstants.AccountScopedResources.Contains(Type) && !query.HasFilterOn("accountId"))
            query = query.Where("accountId", account);
        var pager = new OptiplyPager(Math.Clamp(query.PageLimit ?? _options.PageLimit, 1, OptiplyConstants.MaxPageLimit));
        string? previous = null;
        while (true)
        {
            var page = await PageAsync(query, pager, ct);
            // A server that ignores page[offset] hands back the same page forever: stop, as the Odoo pager does.
            var ids = PageIds(page.Data);
            if (previous is not null && ids == previous)
                throw new OptiplyException(200, Outcome.Rejected,
                    $"GET {Type}: the page at offset {pager.Offset} repeats the previous page (the server ignores page[offset]); stopping instead of looping");
            previous = ids;
            foreach (var item in page.Data) yield return OptiplyRecord.FromResource(item, Type);
            if (!pager.Advance(page.Data.Count, page.Links, Type)) yield break;
        }
    }

    // The ids of a page in order, as one string to compare with the next page's (empty pages never repeat: they end the list).
    private static string PageIds(JsonArray data) =>
        string.Join(",", data.Select(d => d is JsonObject o ? o["id"]?.ToJsonString() ?? "?" : "?"));

    private async Task<(JsonArray Data, JsonObject? Links)> PageAsync(OptiplyQuery query, OptiplyPager pager, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var doc = await _connection.SendAsync(HttpMethod.Get, Type, query.Parameters().Concat(pager.Parameters()), null, ct);
                return (doc?["data"] as JsonArray ?? throw new OptiplyException(200, Outcome.Rejected, $"GET {Type}: the answer has no data array"),
                    doc!["links"] as JsonObject);
            }
            catch (OptiplyException e) when (e.Status == 504 && pager.Shrink())
            {
                _log.LogWarning("Optiply GET {Type}: 504 on a page of {Old}; trying pages of {New}", Type, pager.Limit * 2, pager.Limit);
            }
        }
    }

    /// <summary>The record, or null when Optiply does not have it (404).</summary>
    public async Task<OptiplyRecord?> GetAsync(string id, CancellationToken ct = default)
    {
        try { return OptiplyRecord.FromResource((await _connection.SendAsync(HttpMethod.Get, $"{Type}/{Escape(id)}", null, null, ct))?["data"], Type); }
        catch (OptiplyException e) when (e.Status == 404) { return null; }
    }

    /// <summary>The first record matching <paramref name="query"/>, or null: how a caller learns whether a create whose answer was lost landed.</summary>
    public async Task<OptiplyRecord?> FindAsync(OptiplyQuery query, CancellationToken ct = default)
    {
        await foreach (var record in ListAsync(query with { PageLimit = query.PageLimit ?? 1 }, ct)) return record;
        return null;
    }

    /// <summary>POST. Never repeated blindly; see the recoveries above.</summary>
    public async Task<OptiplyRecord> CreateAsync(JsonObject attributes, CancellationToken ct = default)
    {
        var sent = OptiplyWire.Normalise(attributes);
        try { return await PostAsync(sent, ct); }
        catch (OptiplyException e) when (e.Status == 409 && OptiplyConstants.UniquePairs.TryGetValue(Type, out var pair)
                                         && sent[pair.A] is not null && sent[pair.B] is not null)
        {
            var existing = await FindAsync(new OptiplyQuery().Where(pair.A, sent[pair.A]!.ToJsonString()).Where(pair.B, sent[pair.B]!.ToJsonString()), ct);
            if (existing is null) throw;
            _log.LogInformation("Optiply {Type}: {A}/{B} pair exists already as {Id}; updating it instead", Type, pair.A, pair.B, existing.Id);
            var rest = Without(sent, pair.A, pair.B);
            return rest.Count == 0 ? existing : await UpdateAsync(existing.Id, rest, ct);
        }
        catch (OptiplyException e) when (RejectedEmails(e, sent))
        {
            _log.LogWarning("Optiply refused the emails of supplier {Name} ({Message}); creating it without emails", sent["name"]?.ToString(), e.ServerMessage);
            return await PostAsync(Without(sent, "emails"), ct);
        }
    }

    private async Task<OptiplyRecord> PostAsync(JsonObject attributes, CancellationToken ct)
    {
        var body = new JsonObject { ["data"] = new JsonObject { ["type"] = Type, ["attributes"] = attributes.DeepClone() } };
        return OptiplyRecord.FromResource((await _connection.SendAsync(HttpMethod.Post, Type, WriteParameters(), body, ct))?["data"], Type);
    }

    /// <summary>PATCH with only <paramref name="changedAttributes"/>; nothing is sent when there are none.</summary>
    public async Task<OptiplyRecord> UpdateAsync(string id, JsonObject changedAttributes, CancellationToken ct = default)
    {
        var sent = OptiplyWire.Normalise(changedAttributes);
        if (sent.Count == 0)
            return await GetAsync(id, ct) ?? throw new OptiplyException(404, Outcome.Rejected, $"{Type} {id} not found in Optiply");
        try { return await PatchAsync(id, sent, ct); }
        catch (OptiplyException e) when (RejectedEmails(e, sent))
        {
            _log.LogWarning("Optiply refused the emails of supplier {Id} ({Message}); updating it without emails", id, e.ServerMessage);
            var rest = Without(sent, "emails");
            return rest.Count == 0 ? (await GetAsync(id, ct))! : await PatchAsync(id, rest, ct);
        }
    }

    private async Task<OptiplyRecord> PatchAsync(string id, JsonObject attributes, CancellationToken ct)
    {
        var body = new JsonObject { ["data"] = new JsonObject { ["type"] = Type, ["id"] = id, ["attributes"] = attributes.DeepClone() } };
        return OptiplyRecord.FromResource((await _connection.SendAsync(HttpMethod.Patch, $"{Type}/{Escape(id)}", WriteParameters(), body, ct))?["data"], Type);
    }

    /// <summary>DELETE. False when the record was already gone (404).</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken ct = default)
    {
        try
        {
            await _connection.SendAsync(HttpMethod.Delete, $"{Type}/{Escape(id)}", WriteParameters(), null, ct);
            return true;
        }
        catch (OptiplyException e) when (e.Status == 404) { return false; }
    }

    // [code: ETL core] ?accountId=…&couplingId=… on every write.
    private IEnumerable<KeyValuePair<string, string>> WriteParameters()
    {
        if (_options.AccountId is { } a) yield return new("accountId", OptiplyQuery.Format(a));
        if (_options.CouplingId is { } c) yield return new("couplingId", OptiplyQuery.Format(c));
    }

    private bool RejectedEmails(OptiplyException e, JsonObject sent) =>
        Type == "suppliers" && e.Status is 400 or 422 && sent.ContainsKey("emails")
        && (e.ServerMessage ?? "").Contains(OptiplyConstants.InvalidEmailPhrase, StringComparison.OrdinalIgnoreCase);

    private static JsonObject Without(JsonObject attributes, params string[] names)
    {
        var copy = new JsonObject();
        foreach (var (k, v) in attributes.Where(kv => !names.Contains(kv.Key))) copy[k] = v?.DeepClone();
        return copy;
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);
}
