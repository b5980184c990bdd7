// A minimal stream declaration for the engine tests: Odoo model x.thing (name, code) → Optiply resource "things",
// remoteId = the Odoo id. A thing without a name is skipped; a name "NaN" cannot be read (FormatException, as a
// mapper meets a NaN); a code "remove" maps to a removal. Incremental with counted deletions, or a full read whose
// output is the whole set (live: false), as the real declarations are.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Sync.Tests.Engine;

internal static class ThingsStream
{
    public const string Model = "x.thing", Resource = "things";

    public static StreamDefinition Incremental() => Define() with { LiveDomain = _ => OdooDomain.All };

    /// <summary>Read in full every run; what the read maps is the whole set (LiveDomain null).</summary>
    public static StreamDefinition FullRead() => Define() with { Incremental = false };

    private static StreamDefinition Define() => new()
    {
        Name = "things", Model = Model, Resource = Resource, Fields = ["name", "code"],
        Domain = _ => OdooDomain.All,
        NaturalKey = NaturalKeys.Of("code"),
        Map = (_, page, _) => Task.FromResult<IReadOnlyList<MappedItem>>(page.Select(Map).ToList()),
    };

    private static MappedItem Map(OdooRecord r)
    {
        var id = r.Id.ToString(CultureInfo.InvariantCulture);
        var name = r.GetString("name");
        if (name == "NaN") throw new FormatException($"x.thing {id}: name is not a value");
        if (r.GetString("code") == "remove") return new MappedItem(id, MapResult.Remove("archived"));
        return new MappedItem(id, name is null
            ? MapResult.Skip("no name")
            : MapResult.Send(new JsonObject { ["name"] = name, ["code"] = r.GetString("code"), ["remoteId"] = id }));
    }
}
