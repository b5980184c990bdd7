// read / search_read / fields_get: field lists validated first (unknown field -> ValueError fault 1,
// worded per version), missing ids left out silently, 'id' always first.
using OdooOptiply.Emulators.Odoo.Schema;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed partial class Orm
{
    public IReadOnlyList<FieldDef> FieldsToFetch(string model, IEnumerable<object?>? fields)
    {
        var schema = Schema(model);
        var names = fields?.Select(f => f as string ?? "").ToList();
        if (names is null || names.Count == 0)
            return schema.Fields.Values.Where(f => f.Type != "binary").ToList();
        var defs = new List<FieldDef>();
        foreach (var name in names)
        {
            var f = schema.Field(name) ?? throw new OdooFault(OdooErrorKind.ValueError,
                Profile.InvalidFieldMessage(name, model), OdooErrorSite.FieldsToFetch, name);
            if (name != "id" && defs.All(d => d.Name != name)) defs.Add(f);
        }
        return defs;
    }

    public List<Dictionary<string, object?>> Read(Env env, string model, IEnumerable<long> ids, IReadOnlyList<FieldDef> fields, bool classicLoad = true)
    {
        var result = new List<Dictionary<string, object?>>();
        foreach (var id in ids)
        {
            var row = Get(model, id);
            if (row is null) continue;
            var rec = new Dictionary<string, object?>(fields.Count + 1) { ["id"] = id };
            foreach (var f in fields)
            {
                var wire = ToWire(env, f, Value(env, model, row, f));
                rec[f.Name] = !classicLoad && f.IsMany2One && wire is List<object?> pair ? pair[0] : wire;
            }
            result.Add(rec);
        }
        return result;
    }

    public Dictionary<string, object?> FieldsGet(string model, IEnumerable<object?>? allfields, IEnumerable<object?>? attributes)
    {
        var schema = Schema(model);
        var only = allfields?.Select(x => x as string).ToHashSet();
        var attrs = attributes?.Select(x => x as string).ToHashSet();
        var result = new Dictionary<string, object?>();
        foreach (var f in schema.Fields.Values)
        {
            if (only is { Count: > 0 } && !only.Contains(f.Name)) continue;
            var all = f.Attributes();
            result[f.Name] = attrs is { Count: > 0 }
                ? all.Where(kv => attrs.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value)
                : all.ToDictionary(kv => kv.Key, kv => kv.Value);
        }
        return result;
    }
}
