// The one exception the Optiply client throws for a failed call: the HTTP status (0 when no answer
// came), what a caller should do about it (Outcome), and the server's message with secrets removed.
namespace OdooOptiply.Optiply;

/// <summary>Retriable: try again later. Fatal: fix something first. Validation: the payload was refused (400/422).
/// NotFound: the record does not exist. Conflict: a unique pair already exists (409).</summary>

public sealed class OptiplyException(int status, Outcome outcome, string message, string? method = null,
    string? path = null, string? serverMessage = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>HTTP status, or 0 when the request got no answer (timeout, broken connection).</summary>
    public int Status { get; } = status;
    public Outcome Outcome { get; } = outcome;
    public string? Method { get; } = method;
    /// <summary>Path and query of the request (never the token).</summary>
    public string? Path { get; } = path;
    /// <summary>The message Optiply gave, from whatever error shape arrived, redacted and trimmed.</summary>
    public string? ServerMessage { get; } = serverMessage;
    /// <summary>No token could be had (credentials refused, token endpoint unreachable or silent): nothing else in this run can work.</summary>
    public bool Authentication { get; init; }
}
