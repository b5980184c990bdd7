// What differs between Odoo 16, 17, 18 and 19 as far as a client can see: the fields of every
// model (18 and 19 from the captured fields_get, 16 and 17 derived from 18 with the renames of
// odoo-api.md Part B), the error texts, the JSON-RPC error code and the context keys.
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace OdooOptiply.Emulators.Odoo.Schema;

public sealed class VersionProfile
{
    private static readonly ConcurrentDictionary<int, VersionProfile> Cache = new();

    private VersionProfile(int version, IReadOnlyDictionary<string, ModelSchema> models)
    {
        Version = version;
        Models = models;
    }

    public int Version { get; }
    public IReadOnlyDictionary<string, ModelSchema> Models { get; }

    public string ServerVersion => $"{Version}.0";
    public IReadOnlyList<object?> ServerVersionInfo => [(long)Version, 0L, 0L, "final", 0L, ""];
    /// <summary>JSON-RPC error.code: 200 up to 18 ("arbitrary"), 0 from 19.</summary>
    public long JsonRpcErrorCode => Version >= 19 ? 0 : 200;
    public bool HasJson2 => Version >= 19;
    /// <summary>18+ fault on a language that is not installed; 16-17 fall back to en_US.</summary>
    public bool StrictLang => Version >= 18;
    public string WarehouseContextKey => Version >= 18 ? "warehouse_id" : "warehouse";
    public bool HasNameGet => Version <= 17;

    public ModelSchema? Model(string name) => Models.GetValueOrDefault(name);

    public string InvalidFieldMessage(string field, string model) =>
        Version >= 19 ? $"Invalid field '{field}' on '{model}'" : $"Invalid field '{field}' on model '{model}'";

    public string InvalidLeafMessage(string model, string field, string leafRepr) =>
        Version >= 19 ? $"Invalid field {model}.{field} in condition {leafRepr}" : $"Invalid field {model}.{field} in leaf {leafRepr}";

    public static VersionProfile For(int version) => version is 16 or 17 or 18 or 19
        ? Cache.GetOrAdd(version, Build)
        : throw new ArgumentOutOfRangeException(nameof(version), version, "supported Odoo versions: 16, 17, 18, 19");

    private static VersionProfile Build(int version)
    {
        var source = version >= 19 ? 19 : 18;
        var models = new Dictionary<string, Dictionary<string, FieldDef>>();
        foreach (var (model, json) in EmbeddedFieldFiles(source)) models[model] = ParseFields(json);
        foreach (var (model, fields) in ExtraModels.WithAutomation(version))
            models[model] = ExtraModels.WithMagic(fields).ToDictionary(f => f.Name);
        if (!models["uom.uom"].ContainsKey("category_id")) models.Remove("uom.category");
        ProfileDeltas.Apply(version, models);
        var schemas = models.ToDictionary(kv => kv.Key,
            kv => new ModelSchema(kv.Key, kv.Value, DefaultOrders.GetValueOrDefault(kv.Key, "id")));
        return new VersionProfile(version, schemas);
    }

    // _order of each model, simplified to fields the emulator stores (see docs/odoo-emulator.md).
    private static readonly Dictionary<string, string> DefaultOrders = new()
    {
        ["product.product"] = "default_code, name, id",
        ["product.template"] = "name, id",
        ["product.supplierinfo"] = "sequence, min_qty desc, price, id",
        ["purchase.order"] = "id desc",
        ["sale.order"] = "date_order desc, id desc",
        ["pos.order"] = "id desc",
        ["account.move"] = "date desc, name desc, id desc",
        ["stock.picking"] = "priority desc, scheduled_date asc, id desc",
        ["stock.move"] = "sequence, id",
        ["purchase.order.line"] = "order_id, sequence, id",
        ["sale.order.line"] = "order_id, sequence, id",
        ["res.partner"] = "complete_name, id desc",
        ["stock.location"] = "complete_name, id",
        ["stock.warehouse"] = "sequence, id",
        ["res.company"] = "sequence, name",
        ["mrp.bom"] = "sequence, id",
        ["mrp.bom.line"] = "sequence, id",
        ["uom.uom"] = "id",
        ["res.lang"] = "active desc, name",
    };

    private static IEnumerable<(string Model, string Json)> EmbeddedFieldFiles(int version)
    {
        var asm = Assembly.GetExecutingAssembly();
        var prefix = $"odoo-fields/{version}/";
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var r = new StreamReader(s);
            yield return (name[prefix.Length..^".json".Length], r.ReadToEnd());
        }
    }

    private static Dictionary<string, FieldDef> ParseFields(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var d = new Dictionary<string, FieldDef>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            var e = p.Value;
            IReadOnlyList<IReadOnlyList<string>>? selection = e.TryGetProperty("selection", out var sel) && sel.ValueKind == JsonValueKind.Array
                ? sel.EnumerateArray().Select(x => (IReadOnlyList<string>)x.EnumerateArray().Select(y => y.ToString()).ToList()).ToList()
                : null;
            d[p.Name] = new FieldDef(p.Name, e.GetProperty("type").GetString()!, e.GetProperty("string").GetString() ?? p.Name,
                e.TryGetProperty("relation", out var rel) ? rel.GetString() : null,
                e.TryGetProperty("required", out var req) && req.GetBoolean(),
                e.TryGetProperty("readonly", out var ro) && ro.GetBoolean(),
                !e.TryGetProperty("store", out var st) || st.GetBoolean(), selection);
        }
        return d;
    }
}
