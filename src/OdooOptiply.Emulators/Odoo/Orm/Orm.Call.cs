// One entry for every RPC call: checks the method name, binds positional args and kwargs to the
// Python signature (a mismatch is a TypeError), then runs the generic ORM method or the model's own.
using Args = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed partial class Orm
{
    private IEnumerable<MethodSig> Generic()
    {
        yield return new("search_read", false, ["domain", "fields", "offset", "limit", "order", "load"], (o, e, m, _, a) =>
        {
            var fields = o.FieldsToFetch(m, a.GetValueOrDefault("fields") as IEnumerable<object?>);
            var ids = o.Search(e, m, DomainArg(a), a.GetValueOrDefault("order") as string, Long(a, "offset") ?? 0, Long(a, "limit"));
            return o.Read(e, m, ids, fields, ClassicLoad(a));
        });
        var searchParams = Profile.Version <= 16 ? new[] { "domain", "offset", "limit", "order", "count" } : ["domain", "offset", "limit", "order"];
        yield return new("search", false, searchParams, (o, e, m, _, a) => a.GetValueOrDefault("count") is true
            ? o.SearchCount(e, m, DomainArg(a))
            : o.Search(e, m, DomainArg(a), a.GetValueOrDefault("order") as string, Long(a, "offset") ?? 0, Long(a, "limit")));
        yield return new("search_count", false, ["domain", "limit"], (o, e, m, _, a) => o.SearchCount(e, m, DomainArg(a), Long(a, "limit")));
        yield return new("read", true, ["fields", "load"], (o, e, m, ids, a) =>
            o.Read(e, m, ids, o.FieldsToFetch(m, a.GetValueOrDefault("fields") as IEnumerable<object?>), ClassicLoad(a)));
        yield return new("fields_get", false, ["allfields", "attributes"], (o, _, m, _, a) =>
            o.FieldsGet(m, a.GetValueOrDefault("allfields") as IEnumerable<object?>, a.GetValueOrDefault("attributes") as IEnumerable<object?>));
        yield return new("create", false, ["vals_list"], (o, e, m, _, a) => a.GetValueOrDefault("vals_list") switch
        {
            Args one => o.Create(e, m, one),
            IEnumerable<object?> many => many.Select(v => (object?)o.Create(e, m, v as Args ?? throw OdooFault.ValueError("create() expects dicts"))).ToList(),
            _ => throw OdooFault.TypeError("create() missing 1 required positional argument: 'vals_list'"),
        });
        yield return new("write", true, ["vals"], (o, e, m, ids, a) =>
        {
            o.Write(e, m, ids, a.GetValueOrDefault("vals") as Args ?? throw OdooFault.TypeError("write() missing 1 required positional argument: 'vals'"));
            return true;
        });
        yield return new("unlink", true, [], (o, e, m, ids, _) => { o.Unlink(e, m, ids); return true; });
        yield return new("name_search", false, ["name", Profile.Version >= 19 ? "domain" : "args", "operator", "limit"], (o, e, m, _, a) =>
        {
            var domain = new List<object?>((a.GetValueOrDefault("domain") ?? a.GetValueOrDefault("args")) as IEnumerable<object?> ?? []);
            if (a.GetValueOrDefault("name") is string { Length: > 0 } name)
                domain.Add(new List<object?> { "display_name", a.GetValueOrDefault("operator") as string ?? "ilike", name });
            return o.Search(e, m, domain, null, 0, Long(a, "limit") ?? 100).Select(id => (object?)new List<object?> { id, o.DisplayName(e, m, id) }).ToList();
        });
        if (Profile.HasNameGet)
            yield return new("name_get", true, [], (o, e, m, ids, _) =>
                ids.Where(id => o.Get(m, id) is not null).Select(id => (object?)new List<object?> { id, o.DisplayName(e, m, id) }).ToList());
        yield return new("exists", true, [], (o, _, m, ids, _) => ids.Where(id => o.Get(m, id) is not null).Select(x => (object?)x).ToList());
        yield return new("default_get", false, ["fields_list"], (_, _, _, _, _) => new Dictionary<string, object?>());
    }

    private Dictionary<string, MethodSig>? _generic;

    public MethodSig? FindMethod(string model, string method)
    {
        if (Behaviours.Methods.TryGetValue((model, method), out var own)) return own;
        _generic ??= Generic().ToDictionary(m => m.Name);
        return _generic.GetValueOrDefault(method);
    }

    /// <summary>execute_kw semantics: record methods take the ids as first positional argument.</summary>
    public object? Execute(Env env, string model, string method, IReadOnlyList<object?> args, Args kwargs)
    {
        var sig = Resolve(model, method);
        var ids = new List<long>();
        var positional = args.ToList();
        if (sig.OnRecords)
        {
            if (positional.Count == 0) throw OdooFault.TypeError($"{method}() missing 1 required positional argument: 'self'");
            ids = AsIds(positional[0]);
            positional.RemoveAt(0);
        }
        if (positional.Count > sig.Params.Count)
            throw OdooFault.TypeError($"{sig.Name}() takes from 1 to {sig.Params.Count + 1} positional arguments but {positional.Count + 1} were given");
        var bound = new Dictionary<string, object?>();
        for (var i = 0; i < positional.Count; i++) bound[sig.Params[i]] = positional[i];
        foreach (var (k, v) in kwargs)
        {
            if (k == "context") continue;
            if (!sig.Params.Contains(k)) throw OdooFault.TypeError($"{sig.Name}() got an unexpected keyword argument '{k}'");
            if (!bound.TryAdd(k, v)) throw OdooFault.TypeError($"{sig.Name}() got multiple values for argument '{k}'");
        }
        return sig.Invoke(this, env, model, ids, bound);
    }

    /// <summary>JSON-2 semantics: named arguments only, ids given apart.</summary>
    public object? ExecuteNamed(Env env, string model, string method, IReadOnlyList<long>? ids, Args named)
    {
        var sig = Resolve(model, method);
        if (!sig.OnRecords && ids is { Count: > 0 }) throw OdooFault.TypeError($"cannot call {model}.{method} with ids");
        foreach (var k in named.Keys)
            if (!sig.Params.Contains(k)) throw OdooFault.TypeError($"{sig.Name}() got an unexpected keyword argument '{k}'");
        return sig.Invoke(this, env, model, ids ?? [], named);
    }

    private MethodSig Resolve(string model, string method)
    {
        if (method.StartsWith('_'))
            throw OdooFault.AccessError($"Private methods (such as '{model}.{method}') cannot be called remotely.");
        Schema(model);
        // A right taken with OdooDatabase.DenyRight refuses the call as Odoo's ACL check does.
        var operation = method switch { "create" => "create", "write" => "write", "unlink" => "unlink", _ => null };
        if (operation is not null && DeniedRights.ContainsKey($"{model}:{operation}"))
            throw OdooFault.AccessError($"You are not allowed to {(operation == "write" ? "modify" : operation)} '{model}' records.");
        return FindMethod(model, method)
            ?? throw new OdooFault(OdooErrorKind.AttributeError, $"The method '{model}.{method}' does not exist", OdooErrorSite.CallKw);
    }

    public static List<long> AsIds(object? v) => v switch
    {
        IEnumerable<object?> list => list.Select(Env.AsLong).Where(x => x is not null).Select(x => x!.Value).ToList(),
        _ when Env.AsLong(v) is { } one => [one],
        _ => [],
    };

    private static IReadOnlyList<object?>? DomainArg(Args a) => a.GetValueOrDefault("domain") as IReadOnlyList<object?>;
    private static bool ClassicLoad(Args a) => !a.ContainsKey("load") || a["load"] is "_classic_read";
    private static long? Long(Args a, string k) => Env.AsLong(a.GetValueOrDefault(k));
}
