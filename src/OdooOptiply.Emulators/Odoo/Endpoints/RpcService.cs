// The services behind /xmlrpc/2 and /jsonrpc ('common' and 'object'), and the authenticated model
// call that JSON-2 shares: credentials checked on every call, context validated (lang, companies),
// then the ORM run under the database's read or write lock.
using OdooOptiply.Emulators.Odoo.Orm;

namespace OdooOptiply.Emulators.Odoo.Endpoints;

internal sealed class RpcService(OdooDatabase data, OdooEmulatorOptions options, string apiKey)
{
    private static readonly HashSet<string> ReadOnlyMethods =
        ["search_read", "search", "search_count", "read", "fields_get", "name_search", "name_get", "context_get", "exists",
         "default_get", "check_access_rights", "has_access"];

    public const string Username = "admin", Password = "admin";

    public object? Dispatch(string service, string method, IReadOnlyList<object?> args) => service switch
    {
        "common" => Common(method, args),
        "object" => Object(method, args),
        "db" => method switch
        {
            "list" => new List<object?> { options.Database },
            "server_version" => data.Profile.ServerVersion,
            _ => throw new OdooFault(OdooErrorKind.AttributeError, $"module 'odoo.service.db' has no attribute 'exp_{method}'"),
        },
        _ => throw new OdooFault(OdooErrorKind.KeyError, $"'{service}'"),
    };

    public Dictionary<string, object?> Version() => new()
    {
        ["server_version"] = data.Profile.ServerVersion, ["server_version_info"] = data.Profile.ServerVersionInfo,
        ["server_serie"] = data.Profile.ServerVersion, ["protocol_version"] = 1L,
    };

    private object? Common(string method, IReadOnlyList<object?> a) => method switch
    {
        "version" => Version(),
        "login" => Login(Arg(a, 0), Arg(a, 1), Arg(a, 2)),
        "authenticate" => Login(Arg(a, 0), Arg(a, 1), Arg(a, 2)),
        "about" => "See http://openerp.com",
        _ => throw new OdooFault(OdooErrorKind.AttributeError, $"module 'odoo.service.common' has no attribute 'exp_{method}'"),
    };

    // A bad login is not a fault: the answer is simply False.
    private object Login(object? db, object? login, object? password)
    {
        CheckDatabase(db);
        return login as string == Username && IsSecret(password) ? Orm.Orm.AdminUid : false;
    }

    private object? Object(string method, IReadOnlyList<object?> a)
    {
        if (method is not ("execute_kw" or "execute")) throw new OdooFault(OdooErrorKind.AttributeError, $"module 'odoo.service.model' has no attribute 'exp_{method}'");
        CheckDatabase(Arg(a, 0));
        if (Env.AsLong(Arg(a, 1)) != Orm.Orm.AdminUid || !IsSecret(Arg(a, 2))) throw OdooFault.AccessDenied();
        var model = Arg(a, 3) as string ?? "";
        var name = Arg(a, 4) as string ?? "";
        IReadOnlyList<object?> args = method == "execute_kw" ? Arg(a, 5) as IReadOnlyList<object?> ?? [] : a.Skip(5).ToList();
        var kwargs = (method == "execute_kw" ? Arg(a, 6) as IReadOnlyDictionary<string, object?> : null) ?? new Dictionary<string, object?>();
        var env = MakeEnv(kwargs.GetValueOrDefault("context") as IReadOnlyDictionary<string, object?>);
        return Run(name, orm => orm.Execute(env, model, name, args, kwargs));
    }

    /// <summary>JSON-2: the bearer key was checked by the endpoint; named arguments only.</summary>
    public object? CallNamed(string model, string method, IReadOnlyList<long>? ids, IReadOnlyDictionary<string, object?> named, IReadOnlyDictionary<string, object?>? context)
    {
        var env = MakeEnv(context);
        return Run(method, orm => orm.ExecuteNamed(env, model, method, ids, named));
    }

    public bool IsApiKey(string? key) => key is not null && key == apiKey;

    private object? Run(string method, Func<Orm.Orm, object?> call) =>
        ReadOnlyMethods.Contains(method) ? data.InRead(() => call(data.Orm)) : data.InWrite(() => call(data.Orm));

    private Env MakeEnv(IReadOnlyDictionary<string, object?>? context)
    {
        var env = Env.From(context, data.Profile.WarehouseContextKey);
        return data.InRead(() =>
        {
            var orm = data.Orm;
            if (env.Lang != "en_US" && !Installed(orm, env.Lang))
            {
                if (data.Profile.StrictLang) throw OdooFault.UserError($"Invalid language code: {env.Lang}");
                env = env with { Lang = "en_US" };
            }
            if (env.CompanyIds?.Any(c => orm.Get("res.company", c) is null) == true)
                throw OdooFault.AccessError("Access to unauthorized or invalid companies.");
            return env;
        });
    }

    private static bool Installed(Orm.Orm orm, string code)
    {
        var table = orm.Store.Table("res.lang");
        return table.IdsAscending().Any(id => table.Get(id) is { } r && r.GetValueOrDefault("code") as string == code && r.GetValueOrDefault("active") is true);
    }

    private void CheckDatabase(object? db)
    {
        if (db as string != options.Database)
            throw new OdooFault(OdooErrorKind.KeyError, $"database {Wire.PyFormat.Repr(db)} does not exist");
    }

    private bool IsSecret(object? s) => s is string v && (v == Password || v == apiKey);

    private static object? Arg(IReadOnlyList<object?> a, int i) => i < a.Count ? a[i] : null;
}
