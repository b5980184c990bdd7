// create / write / unlink: unknown fields are a ValueError, values are converted and checked like
// Odoo's field classes do (datetimes without 'T', known selection values, existing many2one
// targets), x2many commands are applied, and write_date/create_date are stamped from the clock.
using OdooOptiply.Emulators.Odoo.Schema;
using OdooOptiply.Emulators.Odoo.Wire;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed partial class Orm
{
    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["purchase.order"] = ["partner_id"], ["purchase.order.line"] = ["order_id", "product_id"],
        ["sale.order"] = ["partner_id"], ["sale.order.line"] = ["order_id"], ["product.template"] = ["name"],
        ["product.supplierinfo"] = ["partner_id", "product_tmpl_id"], ["stock.quant"] = ["product_id", "location_id"],
        ["mrp.bom"] = ["product_tmpl_id"], ["mrp.bom.line"] = ["bom_id", "product_id"], ["stock.move"] = ["product_id"],
        ["account.tax"] = ["name"], ["pos.order.line"] = ["order_id", "product_id"],
    };

    /// <summary>Fields whose text is kept per language (context lang on write and read).</summary>
    private static readonly HashSet<(string, string)> Translatable =
        [("product.template", "name"), ("uom.uom", "name"), ("account.tax", "name"), ("product.category", "name")];

    /// <summary>Children deleted with their parent (ondelete='cascade'): (parent, child model, child's key).</summary>
    private static readonly (string Parent, string Child, string Key)[] Cascade =
    [
        ("purchase.order", "purchase.order.line", "order_id"), ("sale.order", "sale.order.line", "order_id"),
        ("pos.order", "pos.order.line", "order_id"), ("account.move", "account.move.line", "move_id"),
        ("mrp.bom", "mrp.bom.line", "bom_id"), ("product.template", "product.product", "product_tmpl_id"),
        ("product.template", "product.supplierinfo", "product_tmpl_id"), ("stock.picking", "stock.move", "picking_id"),
        ("base.automation", "ir.actions.server", "base_automation_id"),
    ];

    private static bool Cascades(string child, string key) => Cascade.Any(c => c.Child == child && c.Key == key);

    public long Create(Env env, string model, IReadOnlyDictionary<string, object?> vals)
    {
        var schema = Schema(model);
        var row = new Row();
        var deferred = new List<(FieldDef Field, object? Value)>();
        foreach (var (key, val) in vals)
        {
            var f = schema.Field(key) ?? throw OdooFault.ValueError(Profile.InvalidFieldMessage(key, model));
            if (f.Type == "one2many") deferred.Add((f, val));
            else if (f.Type == "many2many") row[f.Key] = ApplyMany2Many(env, f, [], val);
            else if (key != "id") row[f.Key] = ToStore(model, f, val);
        }
        if (Behaviours.Defaults.TryGetValue(model, out var defaults)) defaults(this, env, row);
        if (schema.HasActive && !row.ContainsKey("active")) row["active"] = true;
        var now = Now();
        row["create_date"] = now;
        row["write_date"] = now;
        row["create_uid"] = AdminUid;
        row["write_uid"] = AdminUid;
        CheckRequired(model, row);
        var id = Store.Insert(model, row);
        foreach (var (f, val) in deferred) ApplyOne2Many(env, model, id, f, val);
        if (Behaviours.AfterCreate.TryGetValue(model, out var after)) after(this, env, id);
        foreach (var changed in Behaviours.Changed) changed(this, env, model, [id], "create");
        return id;
    }

    public void Write(Env env, string model, IReadOnlyList<long> ids, IReadOnlyDictionary<string, object?> vals, string? writeDate = null)
    {
        var schema = Schema(model);
        var missing = ids.Where(id => Get(model, id) is null).ToList();
        if (missing.Count > 0)
            throw OdooFault.Missing($"Record does not exist or has been deleted.\n(Record: {model}({string.Join(", ", missing)},), User: {AdminUid})");
        foreach (var key in vals.Keys)
            if (!schema.Has(key)) throw OdooFault.ValueError(Profile.InvalidFieldMessage(key, model));
        var values = new Row(vals);
        if (Behaviours.BeforeWrite.TryGetValue(model, out var before)) before(this, env, ids, values);
        foreach (var id in ids)
        {
            var row = Get(model, id)!;
            foreach (var (key, val) in values)
            {
                var f = schema.Fields[key];
                if (f.Type == "one2many") ApplyOne2Many(env, model, id, f, val);
                else if (f.Type == "many2many") Store.Set(model, row, f.Key, ApplyMany2Many(env, f, row.GetValueOrDefault(f.Key) as List<long> ?? [], val));
                else if (env.Lang != "en_US" && Translatable.Contains((model, f.Key))) row[f.Key + "@" + env.Lang] = ToStore(model, f, val);
                else if (key != "id") Store.Set(model, row, f.Key, ToStore(model, f, val));
            }
            row["write_date"] = writeDate ?? Now();
            row["write_uid"] = AdminUid;
        }
        if (Behaviours.AfterWrite.TryGetValue(model, out var after)) after(this, env, ids, values);
        foreach (var changed in Behaviours.Changed) changed(this, env, model, ids, "write");
    }

    /// <summary>Internal create with store keys: keys the profile lacks are kept in the row all the same.</summary>
    public long CreateStore(Env env, string model, IReadOnlyDictionary<string, object?> vals)
    {
        var (known, extra) = SplitKeys(model, vals);
        var id = Create(env, model, known);
        foreach (var (k, v) in extra) Store.Set(model, Get(model, id)!, k, v);
        return id;
    }

    /// <summary>Internal write with store keys (see <see cref="CreateStore"/>).</summary>
    public void Set(Env env, string model, IReadOnlyList<long> ids, IReadOnlyDictionary<string, object?> vals)
    {
        var (known, extra) = SplitKeys(model, vals);
        Write(env, model, ids, known);
        foreach (var id in ids)
            foreach (var (k, v) in extra) Store.Set(model, Get(model, id)!, k, v);
    }

    private (Dictionary<string, object?> Known, Dictionary<string, object?> Extra) SplitKeys(string model, IReadOnlyDictionary<string, object?> vals)
    {
        var schema = Schema(model);
        var known = new Dictionary<string, object?>();
        var extra = new Dictionary<string, object?>();
        foreach (var (k, v) in vals)
        {
            if (schema.ByKey.TryGetValue(k, out var f)) known[f.Name] = v;
            else if (schema.Has(k)) known[k] = v;
            else extra[k] = v;
        }
        return (known, extra);
    }

    public void Unlink(Env env, string model, IReadOnlyList<long> ids)
    {
        Schema(model);
        var existing = ids.Where(id => Get(model, id) is not null).Distinct().ToList();
        if (existing.Count == 0) return;
        if (Behaviours.BeforeUnlink.TryGetValue(model, out var before)) before(this, env, existing);
        foreach (var (_, child, key) in Cascade.Where(c => c.Parent == model))
            foreach (var id in existing)
                Unlink(env.WithActiveTest(false), child, Store.Children(child, key, id).ToList());
        foreach (var id in existing) Store.Remove(model, id);
    }

    private void CheckRequired(string model, Row row)
    {
        if (!Required.TryGetValue(model, out var keys)) return;
        foreach (var key in keys)
        {
            if (row.GetValueOrDefault(key) is not (null or false)) continue;
            var f = Schema(model).Fields.Values.FirstOrDefault(x => x.Key == key);
            throw OdooFault.Validation("The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n" +
                "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n" +
                $"Model: {model} ({model})\nField: {f?.String ?? key} ({f?.Name ?? key})");
        }
    }

    /// <summary>Converts a client value to store form, failing the way Odoo's field classes fail.</summary>
    public object? ToStore(string model, FieldDef f, object? val)
    {
        if (val is null || (val is false && f.Type != "boolean")) return f.Type switch { "integer" => 0L, "float" or "monetary" => 0.0, _ => null };
        switch (f.Type)
        {
            case "many2one":
                var id = val is IReadOnlyList<object?> pair && pair.Count > 0 ? Env.AsLong(pair[0]) : Env.AsLong(val);
                if (id is null) throw OdooFault.ValueError($"Wrong value for {model}.{f.Name}: {PyFormat.Repr(val)}");
                if (f.Relation is not null && Profile.Model(f.Relation) is not null && Get(f.Relation, id.Value) is null)
                    throw OdooFault.Missing($"Record does not exist or has been deleted.\n(Record: {f.Relation}({id},), User: {AdminUid})");
                return id;
            case "integer": return val is bool b ? (b ? 1L : 0L) : System.Convert.ToInt64(val, System.Globalization.CultureInfo.InvariantCulture);
            case "float" or "monetary": return System.Convert.ToDouble(val, System.Globalization.CultureInfo.InvariantCulture);
            case "boolean": return val is true || (val is long l && l != 0) || (val is string s && s.Length > 0);
            case "selection":
                var sv = val as string ?? throw OdooFault.ValueError($"Wrong value for {model}.{f.Name}: {PyFormat.Repr(val)}");
                if (f.Selection is not null && f.Selection.All(p => p[0] != sv) && !(f.Name is "type" or "detailed_type" && sv == "product"))
                    throw OdooFault.ValueError($"Wrong value for {model}.{f.Name}: {PyFormat.Repr(val)}");
                return sv;
            case "date": return DateValue(val, 10);
            case "datetime": return DateValue(val, 19);
            default: return val is string str ? str : PyFormat.Repr(val);
        }
    }

    private static string DateValue(object val, int length)
    {
        if (val is DateTime dt) return dt.ToString(length == 10 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var s = val as string ?? "";
        var format = length == 10 ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S";
        if (length == 19 && s.Length == 10) s += " 00:00:00";
        if (s.Length < length || s.Contains('T') || !DateTime.TryParseExact(s[..length], length == 10 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss",
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            throw OdooFault.ValueError($"time data {PyFormat.Repr(s)} does not match format '{format}'");
        return s[..length];
    }
}
