// The per-model behaviour hooks (defaults, computed fields, business methods, create/write/unlink
// side effects). Each file under Odoo/Models registers its own; the ORM only looks them up.
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo.Orm;

/// <summary>A named-argument business method: (orm, env, model, ids, args) -> result.</summary>
internal delegate object? OdooMethod(Orm orm, Env env, string model, IReadOnlyList<long> ids, IReadOnlyDictionary<string, object?> args);

internal sealed record MethodSig(string Name, bool OnRecords, IReadOnlyList<string> Params, OdooMethod Invoke);

internal sealed class Behaviours
{
    /// <summary>Fills defaults into the values of a create (canonical keys), before they are stored.</summary>
    public Dictionary<string, Action<Orm, Env, Row>> Defaults { get; } = new();
    /// <summary>(model, storage key) -> computed value in store form (long id, List&lt;long&gt;, double, string, ...).</summary>
    public Dictionary<(string, string), Func<Orm, Env, Row, object?>> Computes { get; } = new();
    public Dictionary<(string, string), MethodSig> Methods { get; } = new();
    public Dictionary<string, Action<Orm, Env, long>> AfterCreate { get; } = new();
    /// <summary>May move or change values before a write is applied (e.g. template fields of a variant).</summary>
    public Dictionary<string, Action<Orm, Env, IReadOnlyList<long>, Row>> BeforeWrite { get; } = new();
    public Dictionary<string, Action<Orm, Env, IReadOnlyList<long>, Row>> AfterWrite { get; } = new();
    public Dictionary<string, Action<Orm, Env, IReadOnlyList<long>>> BeforeUnlink { get; } = new();
    /// <summary>After any create ("create") or write ("write") of any model: automation rules watch here (Automations.cs).</summary>
    public List<Action<Orm, Env, string, IReadOnlyList<long>, string>> Changed { get; } = [];

    public void Compute(string model, string key, Func<Orm, Env, Row, object?> f) => Computes[(model, key)] = f;

    public void Method(string model, string name, bool onRecords, string[] parameters, OdooMethod invoke) =>
        Methods[(model, name)] = new MethodSig(name, onRecords, parameters, invoke);

    public void Chain<T>(Dictionary<string, T> hooks, string model, T hook, Func<T, T, T> combine) where T : Delegate =>
        hooks[model] = hooks.TryGetValue(model, out var existing) ? combine(existing, hook) : hook;
}
