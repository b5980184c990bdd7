// One field of one model as fields_get describes it, plus the key it is stored under: profiles
// rename fields between versions (product_uom -> product_uom_id in 19) while the store keeps one name.
namespace OdooOptiply.Emulators.Odoo.Schema;

public sealed record FieldDef(
    string Name, string Type, string String, string? Relation = null,
    bool Required = false, bool Readonly = false, bool Store = true,
    IReadOnlyList<IReadOnlyList<string>>? Selection = null, string? Storage = null)
{
    /// <summary>The key in the record store (the Odoo 18 name of the field).</summary>
    public string Key => Storage ?? Name;
    public bool IsMany2One => Type == "many2one";
    public bool IsX2Many => Type is "one2many" or "many2many";
    public bool IsRelational => Relation is not null;

    /// <summary>What Odoo sends for an empty value of this type.</summary>
    public object Empty => Type switch
    {
        "integer" => 0L,
        "float" or "monetary" => 0.0,
        "boolean" => false,
        "one2many" or "many2many" => new List<object?>(),
        _ => false,
    };

    /// <summary>The attributes fields_get can report, in Odoo's order.</summary>
    public IReadOnlyDictionary<string, object?> Attributes()
    {
        var d = new Dictionary<string, object?>
        {
            ["name"] = Name, ["type"] = Type, ["string"] = String, ["required"] = Required,
            ["readonly"] = Readonly, ["store"] = Store, ["searchable"] = true, ["sortable"] = Store,
        };
        if (Relation is not null) d["relation"] = Relation;
        if (Selection is not null) d["selection"] = Selection.Select(p => (object?)p.Cast<object?>().ToList()).ToList();
        return d;
    }
}

/// <summary>A model's fields in one version profile, and the order used when none is asked for.</summary>
public sealed record ModelSchema(string Name, IReadOnlyDictionary<string, FieldDef> Fields, string DefaultOrder)
{
    /// <summary>Fields by store key (the 18 name), for internal writes that use store keys.</summary>
    public IReadOnlyDictionary<string, FieldDef> ByKey { get; } = Fields.Values.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());

    public FieldDef? Field(string name) => Fields.GetValueOrDefault(name);
    public bool Has(string name) => Fields.ContainsKey(name);
    public bool HasActive => Fields.ContainsKey("active");
}
