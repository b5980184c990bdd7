// The x2many command triplets of create/write: [0,0,vals] create, [1,id,vals] update, [2,id,0]
// delete, [3,id,0] unlink, [4,id,0] link, [5,0,0] clear, [6,0,ids] replace; a bare id list = replace.
using OdooOptiply.Emulators.Odoo.Schema;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed partial class Orm
{
    private static IEnumerable<(long Cmd, long? Id, object? Arg)> Commands(object? value)
    {
        if (value is not IEnumerable<object?> items) yield break;
        var list = items.ToList();
        if (list.All(x => x is long)) { yield return (6, 0, list); yield break; }
        foreach (var item in list)
        {
            if (item is not IReadOnlyList<object?> c || c.Count == 0 || Env.AsLong(c[0]) is not { } cmd)
                throw OdooFault.ValueError($"Invalid x2many command {OdooOptiply.Emulators.Odoo.Wire.PyFormat.Repr(item)}");
            yield return (cmd, c.Count > 1 ? Env.AsLong(c[1]) : null, c.Count > 2 ? c[2] : null);
        }
    }

    private List<long> ApplyMany2Many(Env env, FieldDef f, List<long> current, object? value)
    {
        var ids = new List<long>(current);
        foreach (var (cmd, id, arg) in Commands(value))
        {
            switch (cmd)
            {
                case 0: ids.Add(Create(env, f.Relation!, Vals(arg))); break;
                case 1: Write(env, f.Relation!, [id!.Value], Vals(arg)); break;
                case 2: Unlink(env, f.Relation!, [id!.Value]); ids.Remove(id.Value); break;
                case 3: ids.Remove(id!.Value); break;
                case 4: if (!ids.Contains(id!.Value)) ids.Add(id.Value); break;
                case 5: ids.Clear(); break;
                case 6: ids = Ids(arg); break;
            }
        }
        return ids;
    }

    private void ApplyOne2Many(Env env, string model, long parent, FieldDef f, object? value)
    {
        if (!Relations.OneToMany.TryGetValue((model, f.Name), out var rel) && !Relations.OneToMany.TryGetValue((model, f.Key), out rel))
            return; // a one2many the emulator does not model: ignored, as Odoo ignores non-stored inverses
        var inverse = Schema(rel.Comodel).Fields.Values.First(x => x.Key == rel.Inverse).Name;
        void Detach(long child)
        {
            if (Cascades(rel.Comodel, rel.Inverse)) Unlink(env, rel.Comodel, [child]);
            else Write(env, rel.Comodel, [child], new Dictionary<string, object?> { [inverse] = false });
        }
        foreach (var (cmd, id, arg) in Commands(value))
        {
            switch (cmd)
            {
                case 0:
                    var vals = new Dictionary<string, object?>(Vals(arg)) { [inverse] = parent };
                    Create(env, rel.Comodel, vals);
                    break;
                case 1: Write(env, rel.Comodel, [id!.Value], Vals(arg)); break;
                case 2: Unlink(env, rel.Comodel, [id!.Value]); break;
                case 3: Detach(id!.Value); break;
                case 4: Write(env, rel.Comodel, [id!.Value], new Dictionary<string, object?> { [inverse] = parent }); break;
                case 5: foreach (var c in Store.Children(rel.Comodel, rel.Inverse, parent).ToList()) Detach(c); break;
                case 6:
                    var keep = Ids(arg);
                    foreach (var c in Store.Children(rel.Comodel, rel.Inverse, parent).ToList()) if (!keep.Contains(c)) Detach(c);
                    foreach (var k in keep) Write(env, rel.Comodel, [k], new Dictionary<string, object?> { [inverse] = parent });
                    break;
            }
        }
    }

    private static IReadOnlyDictionary<string, object?> Vals(object? arg) =>
        arg as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();

    private static List<long> Ids(object? arg) =>
        (arg as IEnumerable<object?> ?? []).Select(Env.AsLong).Where(x => x is not null).Select(x => x!.Value).ToList();
}
