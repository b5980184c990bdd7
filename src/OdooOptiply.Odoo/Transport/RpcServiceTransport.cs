// What XML-RPC and JSON-RPC share: the same three services (common.version, common.authenticate,
// object.execute_kw) with the same arguments. Each protocol only says how one service call travels.
namespace OdooOptiply.Odoo.Transport;

internal abstract class RpcServiceTransport(OdooOptions options) : IOdooTransport
{
    public abstract OdooProtocol Protocol { get; }

    /// <summary>Sends service.method(*args) and returns its value; faults become OdooExceptions.</summary>
    protected abstract Task<OdooReply> PostAsync(string service, string method, IReadOnlyList<object?> args, CancellationToken ct);

    /// <summary>The protocol's "not a valid answer" exception (retried at most twice).</summary>
    protected abstract OdooException Invalid(string why);

    public async Task<OdooServerVersion> VersionAsync(CancellationToken ct)
    {
        var reply = await PostAsync("common", "version", [], ct);
        return OdooServerVersion.FromCommonVersion(reply.Value as OdooRecord ?? throw Invalid("version() did not return a struct"));
    }

    public async Task<long> AuthenticateAsync(CancellationToken ct)
    {
        var reply = await PostAsync("common", "authenticate",
            [options.Database, options.Username, options.RpcSecret, new Dictionary<string, object?>()], ct);
        return Uid(reply.Value);
    }

    public Task<OdooReply> ExecuteAsync(OdooCall call, long uid, CancellationToken ct) =>
        PostAsync("object", "execute_kw",
            [options.Database, uid, options.RpcSecret, call.Model, call.Method, call.Args, call.Kwargs ?? new Dictionary<string, object?>()], ct);

    /// <summary>authenticate() answers a uid, or false when the login is refused (not a fault).</summary>
    private long Uid(object? value) => value switch
    {
        long uid when uid > 0 => uid,
        false => throw new OdooException(Outcome.Fatal,
            $"login refused for user '{options.Username}' on database '{options.Database}' (wrong password or API key, or the user is inactive)") { FaultCode = 3, OwnMessage = true },
        _ => throw new OdooException(Outcome.Fatal, $"authenticate returned {value?.GetType().Name ?? "null"} instead of a uid") { InvalidResponse = true },
    };
}
