// The ORM operations on top of the door: search, count, read, fields_get (cached), create, write, unlink.
// Reads intersect the requested fields with fields_get and survive a field the server refuses.
using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Odoo;

public sealed partial class OdooClient
{
    /// <summary>Only these attributes by default: a full fields_get can fail to marshal on some models.</summary>
    public static readonly IReadOnlyList<string> DefaultFieldAttributes = ["string", "type", "relation", "required", "readonly", "store", "selection"];

    private readonly ConcurrentDictionary<string, Task<OdooFields>> _fields = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _dropped = new();

    public async Task<IReadOnlyList<long>> SearchAsync(string model, OdooDomain domain, OdooContext? context = null, string order = OdooDefaults.Order,
        long offset = 0, long? limit = null, CancellationToken ct = default)
    {
        var kwargs = new Dictionary<string, object?> { ["offset"] = offset, ["order"] = order };
        if (limit is long l) kwargs["limit"] = l;
        var value = await InvokeAsync(model, "search", [domain.ToWire()], kwargs, context, true, (offset, limit), ct);
        return ToIds(value, model, "search");
    }

    public async Task<long> SearchCountAsync(string model, OdooDomain domain, OdooContext? context = null, CancellationToken ct = default) =>
        await InvokeAsync(model, "search_count", [domain.ToWire()], null, context, true, null, ct) is long n
            ? n : throw Unexpected(model, "search_count", "a count");

    public async Task<IReadOnlyList<OdooRecord>> ReadAsync(string model, IReadOnlyCollection<long> ids, IReadOnlyCollection<string> fields,
        OdooContext? context = null, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var wanted = await FieldsToReadAsync(model, fields, ct);
        return await WithFieldDropAsync(model, "read", wanted, async () =>
            ToRecords(await InvokeAsync(model, "read", [ids.ToArray()], new Dictionary<string, object?> { ["fields"] = wanted.ToArray() }, context, true, null, ct), model, "read"));
    }

    /// <summary>fields_get for a model, cached per client instance and attribute set.</summary>
    public Task<OdooFields> FieldsGetAsync(string model, IReadOnlyList<string>? attributes = null, CancellationToken ct = default)
    {
        var attrs = attributes ?? DefaultFieldAttributes;
        var key = model + "|" + string.Join(",", attrs);
        var task = _fields.GetOrAdd(key, _ => LoadFieldsAsync(model, attrs, ct));
        if (task.IsFaulted || task.IsCanceled) _fields.TryRemove(key, out _);
        return task;
    }

    private static string FieldsKey(string model) => model + "|" + string.Join(",", DefaultFieldAttributes);

    /// <summary>The field names of each model this client has from fields_get (default attributes): what a caller may keep
    /// between sessions (the state store), so a short run does not ask fields_get of every model it reads again.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> KnownFieldNames()
    {
        var suffix = FieldsKey("");
        return _fields.Where(p => p.Key.EndsWith(suffix, StringComparison.Ordinal) && p.Value.IsCompletedSuccessfully)
            .ToDictionary(p => p.Key[..^suffix.Length], p => (IReadOnlyList<string>)p.Value.Result.Names.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>Takes a model's field names as known (kept from an earlier session) instead of asking fields_get; attributes
    /// are not kept, so OdooFields.Type answers null for them. A field the server then refuses is still dropped (WithFieldDropAsync).</summary>
    public void PrimeFieldNames(string model, IEnumerable<string> names) =>
        _fields[FieldsKey(model)] = Task.FromResult(new OdooFields(names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => OdooRecord.Empty, StringComparer.Ordinal)));

    private async Task<OdooFields> LoadFieldsAsync(string model, IReadOnlyList<string> attributes, CancellationToken ct)
    {
        var value = await InvokeAsync(model, "fields_get", [], new Dictionary<string, object?> { ["attributes"] = attributes }, null, true, null, ct);
        var fields = value as OdooRecord ?? throw Unexpected(model, "fields_get", "a struct of fields");
        return new OdooFields(fields.ToDictionary(kv => kv.Key, kv => kv.Value as OdooRecord ?? OdooRecord.Empty));
    }

    public async Task<long> CreateAsync(string model, IReadOnlyDictionary<string, object?> values, OdooContext? context = null, CancellationToken ct = default) =>
        (await CreateManyAsync(model, [values], context, ct))[0];

    /// <summary>Creates records in one call; never repeated after a failure (the caller checks whether it landed).</summary>
    public async Task<IReadOnlyList<long>> CreateManyAsync(string model, IReadOnlyList<IReadOnlyDictionary<string, object?>> values,
        OdooContext? context = null, CancellationToken ct = default)
    {
        var value = await InvokeAsync(model, "create", [values], null, context, false, null, ct);
        var ids = value is long one ? [one] : ToIds(value, model, "create");
        return ids.Count == values.Count ? ids : throw Unexpected(model, "create", $"{values.Count} ids");
    }

    /// <summary>Writes values; repeated after a failure only when no value is an x2many command list (plain values are idempotent).</summary>
    public Task WriteAsync(string model, IReadOnlyCollection<long> ids, IReadOnlyDictionary<string, object?> values, OdooContext? context = null, CancellationToken ct = default) =>
        InvokeAsync(model, "write", [ids.ToArray(), values], null, context, !values.Values.Any(v => v is IEnumerable and not string), null, ct);

    /// <summary>Deletes records; repeating is safe (ids already gone are ignored by Odoo).</summary>
    public Task UnlinkAsync(string model, IReadOnlyCollection<long> ids, OdooContext? context = null, CancellationToken ct = default) =>
        InvokeAsync(model, "unlink", [ids.ToArray()], null, context, true, null, ct);

    // Requested fields minus the configured ignore list and fields dropped earlier, intersected with fields_get.
    private async Task<List<string>> FieldsToReadAsync(string model, IReadOnlyCollection<string> fields, CancellationToken ct)
    {
        if (fields.Count == 0) return [];
        var ignored = _options.IgnoreFields.TryGetValue(model, out var set) ? set : new HashSet<string>();
        var dropped = _dropped.GetOrAdd(model, _ => new());
        var candidates = fields.Where(f => !ignored.Contains(f) && !dropped.ContainsKey(f)).Distinct().ToList();
        var known = await FieldsGetAsync(model, null, ct);
        var missing = candidates.Where(f => !known.Has(f)).ToList();
        // A field this version does not have is expected (16–19 differ), not something to act on: debug, once per field.
        foreach (var f in missing.Where(f => dropped.TryAdd(f, true)))
            _log.LogDebug("odoo {Model} has no field '{Field}' on this server: not reading it", model, f);
        return candidates.Except(missing).ToList();
    }

    // A read that fails on one field drops that field (warning) and runs again; other failures pass.
    private async Task<T> WithFieldDropAsync<T>(string model, string method, List<string> wanted, Func<Task<T>> read)
    {
        while (true)
        {
            try { return await read(); }
            catch (OdooFieldException e) when (wanted.Contains(e.FieldName))
            {
                wanted.Remove(e.FieldName);
                _dropped.GetOrAdd(model, _ => new()).TryAdd(e.FieldName, true);
                _log.LogWarning("odoo {Model}.{Method}: the server refused field '{Field}' ({Message}); dropping it and reading again",
                    model, method, e.FieldName, e.ServerMessage);
            }
        }
    }

    private static IReadOnlyList<long> ToIds(object? value, string model, string method) =>
        value is IReadOnlyList<object?> list && list.All(x => x is long)
            ? list.Select(x => (long)x!).ToArray() : throw Unexpected(model, method, "a list of ids");

    private static IReadOnlyList<OdooRecord> ToRecords(object? value, string model, string method) =>
        value is IReadOnlyList<object?> list && list.All(x => x is OdooRecord)
            ? list.Cast<OdooRecord>().ToArray() : throw Unexpected(model, method, "a list of records");

    private static OdooException Unexpected(string model, string method, string expected) =>
        new(Outcome.Rejected, $"the answer was not {expected}") { Model = model, Method = method, InvalidResponse = true };
}
