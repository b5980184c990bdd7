// The one exception the Odoo client throws: what failed (model, method), how it should be handled
// (Outcome: retried, fatal for the run, or rejected for the record; a field error is an
// OdooFieldException, handled by dropping the field) and the server's message, trimmed and never containing a credential.
namespace OdooOptiply.Odoo;


public class OdooException : Exception
{
    public OdooException(Outcome outcome, string serverMessage, Exception? inner = null)
        : base(serverMessage, inner)
    {
        Outcome = outcome;
        ServerMessage = serverMessage;
    }

    public Outcome Outcome { get; }
    /// <summary>The server's (or transport's) message, trimmed to its useful part.</summary>
    public string ServerMessage { get; }
    public string? Model { get; init; }
    public string? Method { get; init; }
    /// <summary>XML-RPC faultCode (1..4), JSON-RPC error code (200 / 0), or null.</summary>
    public int? FaultCode { get; init; }
    /// <summary>The Python exception class when the server named it, e.g. odoo.exceptions.AccessDenied.</summary>
    public string? ErrorName { get; init; }
    /// <summary>HTTP status when the failure came with a non-200 answer.</summary>
    public int? HttpStatus { get; init; }
    /// <summary>A Retry-After the server asked for.</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>The answer could not be read (HTML page, truncated or malformed body): retried at most twice.</summary>
    public bool InvalidResponse { get; init; }
    /// <summary>The message is the program's own words and config values (a refused login naming the user), holding no
    /// secret: the redactor leaves it alone, so a password that is also an ordinary word ("user") does not mask the text.</summary>
    public bool OwnMessage { get; init; }

    public override string Message
    {
        get
        {
            var where = Model is null && Method is null ? "Odoo" : $"Odoo {Model}{(Model is null ? "" : ".")}{Method}";
            var code = HttpStatus is int s ? $", HTTP {s}" : FaultCode is int f ? $", fault {f}" : "";
            return $"{where} failed ({Outcome}{code}): {ServerMessage}";
        }
    }

    /// <summary>The same failure, tagged with the call it belongs to.</summary>
    internal virtual OdooException WithCall(string? model, string? method) =>
        new(Outcome, ServerMessage, InnerException) { Model = model, Method = method, FaultCode = FaultCode, ErrorName = ErrorName, HttpStatus = HttpStatus, RetryAfter = RetryAfter, InvalidResponse = InvalidResponse, OwnMessage = OwnMessage };
}

/// <summary>The server refused a field that does not exist (on this version or for this user).</summary>
public sealed class OdooFieldException : OdooException
{
    public OdooFieldException(string fieldName, string serverMessage, Exception? inner = null)
        : base(Outcome.Rejected, serverMessage, inner) => FieldName = fieldName;

    public string FieldName { get; }

    internal override OdooException WithCall(string? model, string? method) =>
        new OdooFieldException(FieldName, ServerMessage, InnerException) { Model = model, Method = method, FaultCode = FaultCode, ErrorName = ErrorName, HttpStatus = HttpStatus };
}
