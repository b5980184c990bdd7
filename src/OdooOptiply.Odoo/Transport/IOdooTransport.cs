// The seam between the client and the wire: one implementation per protocol (XML-RPC, JSON-RPC,
// JSON-2). Calls arrive in RPC shape (positional args + kwargs, context inside kwargs); JSON-2 maps them to names.
namespace OdooOptiply.Odoo.Transport;

/// <summary>One ORM call: model.method(*args, **kwargs) as the user with id Uid.</summary>
public sealed record OdooCall(string Model, string Method, IReadOnlyList<object?> Args, IReadOnlyDictionary<string, object?>? Kwargs = null);

public interface IOdooTransport
{
    OdooProtocol Protocol { get; }
    /// <summary>The server's version; needs no login.</summary>
    Task<OdooServerVersion> VersionAsync(CancellationToken ct);
    /// <summary>Logs in and returns the uid; a refused login is a Fatal OdooException.</summary>
    Task<long> AuthenticateAsync(CancellationToken ct);
    /// <summary>Runs one call; failures are OdooExceptions classified by OdooErrors.</summary>
    Task<OdooReply> ExecuteAsync(OdooCall call, long uid, CancellationToken ct);
}
