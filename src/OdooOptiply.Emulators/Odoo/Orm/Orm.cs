// The ORM core: model lookup, reading a field of a stored row (stored, computed, delegated to the
// product template, or translated), and turning values into what Odoo sends on the wire.
using System.Globalization;
using OdooOptiply.Emulators.Odoo.Data;
using OdooOptiply.Emulators.Odoo.Schema;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed partial class Orm(VersionProfile profile, RecordStore store, TimeProvider clock, Behaviours behaviours)
{
    public VersionProfile Profile { get; } = profile;
    public RecordStore Store { get; } = store;
    public TimeProvider Clock { get; } = clock;
    public Behaviours Behaviours { get; } = behaviours;
    /// <summary>"model:operation" pairs the login user lacks (e.g. purchase.order:create), for tests of a user without rights.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> DeniedRights { get; } = new();
    public const long AdminUid = 2;
    /// <summary>Set while product.product creates its template, so the template makes no variant of its own.</summary>
    public bool CreatingTemplateOfVariant { get; set; }

    public ModelSchema Schema(string model) =>
        Profile.Model(model) ?? throw OdooFault.UserError($"Object {model} doesn't exist");

    private readonly Dictionary<string, long> _sequences = new();

    /// <summary>Small derived results keyed by inputs that include a store version (safe under the read lock).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<object, object> Memo { get; } = new();

    private enum Source { Computed, Template, OneToMany, Delegated, Stored }
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), Source> _sources = new();

    // Where a field's value comes from never changes for a profile, so it is decided once per (model, field).
    private Source SourceOf(string model, FieldDef f) => _sources.GetOrAdd((model, f.Name), _ =>
        Behaviours.Computes.ContainsKey((model, f.Key)) ? Source.Computed
        : Relations.ThroughTemplate.ContainsKey((model, f.Key)) ? Source.Template
        : Relations.OneToMany.ContainsKey((model, f.Name)) || Relations.OneToMany.ContainsKey((model, f.Key)) ? Source.OneToMany
        : model == "product.product" && !Products.VariantOwn.Contains(f.Key) && Profile.Model("product.template")?.Field(f.Name) is not null ? Source.Delegated
        : Source.Stored);

    /// <summary>The next number of a named sequence (P00001, S00001, WH/IN/00001 ...).</summary>
    public string NextName(string prefix, int digits = 5)
    {
        var n = _sequences[prefix] = _sequences.GetValueOrDefault(prefix) + 1;
        return prefix + n.ToString(new string('0', digits), CultureInfo.InvariantCulture);
    }

    public string Now() => Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    public string Today() => Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public Row? Get(string model, long id) => Store.Get(model, id);

    /// <summary>A field's value in store form: long id or null for many2one, List&lt;long&gt; for x2many.</summary>
    public object? Value(Env env, string model, Row row, FieldDef f)
    {
        var key = f.Key;
        var source = SourceOf(model, f);
        if (source == Source.Stored)
            return env.Lang != "en_US" && f.Type is "char" or "text" && row.TryGetValue(key + "@" + env.Lang, out var translated) ? translated : row.GetValueOrDefault(key);
        if (source == Source.Computed) return Behaviours.Computes[(model, key)](this, env, row);
        if (Relations.ThroughTemplate.TryGetValue((model, key), out var tmplField) && row.GetValueOrDefault("product_tmpl_id") is long tid
            && Get("product.template", tid) is { } tmpl)
            return Value(env, "product.template", tmpl, Schema("product.template").Fields[tmplField]);
        if (Relations.OneToMany.TryGetValue((model, f.Name), out var rel) || Relations.OneToMany.TryGetValue((model, key), out rel))
            return Children(env, rel.Comodel, rel.Inverse, (long)row["id"]!);
        if (model == "product.product" && !row.ContainsKey(key) && !Products.VariantOwn.Contains(key)
            && row.GetValueOrDefault("product_tmpl_id") is long t && Get("product.template", t) is { } template
            && Profile.Model("product.template")?.Field(f.Name) is { } tf)
            return Value(env, "product.template", template, tf);
        if (env.Lang != "en_US" && f.Type is "char" or "text" && row.TryGetValue(key + "@" + env.Lang, out var tr)) return tr;
        return row.GetValueOrDefault(key);
    }

    public object? Value(Env env, string model, Row row, string field) =>
        Schema(model).Field(field) is { } f ? Value(env, model, row, f) : row.GetValueOrDefault(field);

    /// <summary>One2many ids, in the comodel's default order, honouring active_test on the comodel.</summary>
    public List<long> Children(Env env, string comodel, string inverse, long parent)
    {
        var ids = Store.Children(comodel, inverse, parent);
        var schema = Profile.Model(comodel);
        if (schema is null) return [];
        var rows = ids.Select(id => Get(comodel, id)!).Where(r => !(schema.HasActive && env.ActiveTest && r.GetValueOrDefault("active") is false));
        return Sort(env, comodel, rows, OrderBy.Parse(null, schema.DefaultOrder)).Select(r => (long)r["id"]!).ToList();
    }

    public string DisplayName(Env env, string model, long id)
    {
        var row = Get(model, id);
        if (row is null) return $"{model},{id}";
        if (Behaviours.Computes.TryGetValue((model, "display_name"), out var compute)) return compute(this, env, row) as string ?? "";
        return Value(env, model, row, "name") as string ?? $"{model},{id}";
    }

    /// <summary>What read() sends for the value: [id, name] for many2one, false when empty, doubles past 2^31.</summary>
    public object? ToWire(Env env, FieldDef f, object? v)
    {
        if (v is null) return f.Empty;
        switch (f.Type)
        {
            case "many2one":
                var id = Convert.ToInt64(v, CultureInfo.InvariantCulture);
                if (f.Relation is null || Get(f.Relation, id) is null) return false;
                return new List<object?> { id, DisplayName(env, f.Relation, id) };
            case "one2many" or "many2many":
                return v is IEnumerable<long> ids ? ids.Select(x => (object?)x).ToList() : f.Empty;
            case "integer":
                var l = Convert.ToInt64(v, CultureInfo.InvariantCulture);
                return l is > int.MaxValue or < int.MinValue ? (object)(double)l : l;
            case "float" or "monetary":
                return Convert.ToDouble(v, CultureInfo.InvariantCulture);
            case "boolean":
                return v is true;
            default:
                return v is string s ? (s.Length == 0 && f.Type is "date" or "datetime" or "selection" ? false : s) : v is false ? false : v.ToString();
        }
    }
}
