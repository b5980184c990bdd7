// Odoo's domain language: prefix '&', '|', '!' with an implicit '&' between the rest; leaves
// [path, operator, value] whose dotted paths follow many2one and x2many fields. Parsing validates
// every first path segment against the model, raising the same ValueError a real server raises.
using OdooOptiply.Emulators.Odoo.Schema;
using OdooOptiply.Emulators.Odoo.Wire;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal abstract record DomainNode;
internal sealed record AndNode(IReadOnlyList<DomainNode> Children) : DomainNode;
internal sealed record OrNode(IReadOnlyList<DomainNode> Children) : DomainNode;
internal sealed record NotNode(DomainNode Child) : DomainNode;
internal sealed record ConstNode(bool Value) : DomainNode;
internal sealed record LeafNode(IReadOnlyList<FieldDef> Path, IReadOnlyList<string> Models, string Op, object? Value) : DomainNode
{
    public string FirstField => Path[0].Name;
}

internal static class Domain
{
    private static readonly HashSet<string> Operators =
    [
        "=", "!=", "<>", "<", "<=", ">", ">=", "in", "not in", "like", "not like", "ilike", "not ilike",
        "=like", "=ilike", "child_of", "parent_of", "any", "not any",
    ];

    public static DomainNode Parse(VersionProfile profile, string model, IReadOnlyList<object?>? domain)
    {
        if (domain is null || domain.Count == 0) return new ConstNode(true);
        var stack = new Stack<DomainNode>();
        for (var i = domain.Count - 1; i >= 0; i--)
        {
            switch (domain[i])
            {
                case "&": stack.Push(new AndNode([Pop(stack), Pop(stack)])); break;
                case "|": stack.Push(new OrNode([Pop(stack), Pop(stack)])); break;
                case "!": stack.Push(new NotNode(Pop(stack))); break;
                case IReadOnlyList<object?> leaf: stack.Push(Leaf(profile, model, leaf)); break;
                case var other: throw OdooFault.ValueError($"Invalid leaf {PyFormat.Repr(other)}");
            }
        }
        return stack.Count == 1 ? stack.Pop() : new AndNode(stack.ToList());
    }

    private static DomainNode Pop(Stack<DomainNode> s) =>
        s.Count > 0 ? s.Pop() : throw OdooFault.ValueError("Domain is not in normal form: an operator is missing its operands");

    private static DomainNode Leaf(VersionProfile profile, string model, IReadOnlyList<object?> leaf)
    {
        if (leaf.Count != 3) throw OdooFault.ValueError($"Invalid leaf {PyFormat.Repr(leaf)}");
        var op = (leaf[1] as string ?? "").ToLowerInvariant();
        if (leaf[0] is long l && (l == 1 || l == 0)) return new ConstNode(l == 1); // TRUE_LEAF / FALSE_LEAF
        var path = leaf[0] as string ?? throw OdooFault.ValueError($"Invalid leaf {PyFormat.Repr(leaf)}");
        if (!Operators.Contains(op)) throw OdooFault.ValueError($"Invalid operator {PyFormat.Repr(leaf[1])} in leaf {PyFormat.Tuple(leaf)}");
        var defs = new List<FieldDef>();
        var models = new List<string>();
        var current = model;
        foreach (var segment in path.Split('.'))
        {
            var schema = profile.Model(current);
            var f = schema?.Field(segment);
            if (f is null)
                throw new OdooFault(OdooErrorKind.ValueError, profile.InvalidLeafMessage(current, segment, PyFormat.Tuple(leaf)),
                    OdooErrorSite.DomainLeaf, segment);
            defs.Add(f);
            models.Add(current);
            current = f.Relation ?? current;
        }
        return new LeafNode(defs, models, op == "<>" ? "!=" : op, leaf[2]);
    }

    /// <summary>True when some leaf is on the model's own 'active' field (which switches off active_test).</summary>
    public static bool MentionsActive(DomainNode node) => node switch
    {
        LeafNode leaf => leaf.Path.Count == 1 && leaf.FirstField == "active",
        AndNode a => a.Children.Any(MentionsActive),
        OrNode o => o.Children.Any(MentionsActive),
        NotNode n => MentionsActive(n.Child),
        _ => false,
    };

    /// <summary>The X of a top-level ('id', '>', X) leaf, so keyset paging can start from the id index.</summary>
    public static long? IdLowerBound(DomainNode node) => node switch
    {
        LeafNode { Path.Count: 1, FirstField: "id", Op: ">" or ">=" } leaf when Env.AsLong(leaf.Value) is { } x => leaf.Op == ">" ? x : x - 1,
        AndNode a => a.Children.Select(IdLowerBound).Where(x => x is not null).DefaultIfEmpty(null).Max(),
        _ => null,
    };
}
