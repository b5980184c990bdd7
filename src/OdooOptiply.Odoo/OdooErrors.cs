// The one table that decides what a failure means. Every protocol's failure (XML-RPC fault, JSON-RPC
// error object, JSON-2 status + body, plain HTTP status, broken connection) is first reduced to a
// Failure, then the first matching row below gives its outcome. Read the rows top to bottom.
using System.Text.RegularExpressions;

namespace OdooOptiply.Odoo;

public static partial class OdooErrors
{
    /// <summary>A failure reduced to what the table looks at.</summary>
    public sealed record Failure(string Message, int? FaultCode = null, string? ErrorName = null, int? HttpStatus = null);

    private sealed record Row(string Rule, Func<Failure, bool> Matches, Outcome Outcome);

    private static readonly Row[] Table =
    [
        // 1. A field that does not exist (on this version, or for this user): rejected as sent; the caller drops it and retries
        //    (OdooFieldException).
        new("Invalid field 'x' on (model) 'y'", f => FieldName(f.Message) is not null, Outcome.Rejected),
        // 2. Concurrency: PostgreSQL serialization failures and deadlocks, Odoo 19's LockError (HTTP 409).
        new("serialization failure, deadlock, lock", f => Concurrency().IsMatch(f.Message) || f.ErrorName?.EndsWith("LockError", StringComparison.Ordinal) == true || f.HttpStatus == 409, Outcome.Retriable),
        // 3. Infrastructure in front of Odoo: throttling, gateways, timeouts.
        new("HTTP 408, 429, 502, 503, 504", f => f.HttpStatus is 408 or 429 or 502 or 503 or 504, Outcome.Retriable),
        // 4. Authentication: XML-RPC fault 3, AccessDenied, HTTP 401 (bad or missing API key).
        new("fault 3, AccessDenied, HTTP 401", f => f.FaultCode == 3 || f.ErrorName?.EndsWith("AccessDenied", StringComparison.Ordinal) == true || f.HttpStatus == 401, Outcome.Fatal),
        // 5. Access rights: XML-RPC fault 4, AccessError, HTTP 403.
        new("fault 4, AccessError, HTTP 403", f => f.FaultCode == 4 || f.ErrorName?.EndsWith("AccessError", StringComparison.Ordinal) == true || f.HttpStatus == 403, Outcome.Fatal),
        // 6. A model this database does not have (a module not installed): nothing of the stream can work, fatal for the run.
        new("Object x doesn't exist; JSON-2: 404 the model 'x' does not exist", f => UnknownModel().IsMatch(f.Message), Outcome.Fatal),
        // 7. The request itself is wrong: fault 2 (user/validation/missing error), HTTP 400/404/422: rejected for the record.
        new("fault 2, UserError family, HTTP 400/404/422", f => f.FaultCode == 2 || f.HttpStatus is 400 or 404 or 422 || UserErrors().IsMatch(f.ErrorName ?? ""), Outcome.Rejected),
        // 8. A server error page without Odoo's JSON (a proxy's 500): may pass.
        new("HTTP 5xx without an Odoo error body", f => f.HttpStatus >= 500 && f.ErrorName is null, Outcome.Retriable),
        // 9. Everything else (fault 1 tracebacks: TypeError, AttributeError, ValueError, …) will fail again: rejected.
        new("anything else", _ => true, Outcome.Rejected),
    ];

    /// <summary>The outcome of a failure, by the first matching row of the table.</summary>
    public static Outcome Classify(Failure f) => Table.First(r => r.Matches(f)).Outcome;

    /// <summary>The exception for a failure: outcome from the table, message trimmed.</summary>
    public static OdooException ToException(Failure f, TimeSpan? retryAfter = null, Exception? inner = null)
    {
        var message = Trim(f.Message);
        var outcome = Classify(f);
        return FieldName(f.Message) is not null
            ? new OdooFieldException(FieldName(f.Message)!, message, inner) { FaultCode = f.FaultCode, ErrorName = f.ErrorName, HttpStatus = f.HttpStatus }
            : new OdooException(outcome, message, inner) { FaultCode = f.FaultCode, ErrorName = f.ErrorName, HttpStatus = f.HttpStatus, RetryAfter = retryAfter };
    }

    /// <summary>A connection that failed, was reset or timed out before a complete answer: retriable.</summary>
    public static OdooException FromConnection(string what, Exception inner) =>
        new(Outcome.Retriable, what, inner);

    /// <summary>The field named by "Invalid field 'x' on model 'y'" (Odoo ≤ 18) or "Invalid field 'x' on 'y'" (19).</summary>
    public static string? FieldName(string message)
    {
        var m = InvalidField().Match(message);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>Tracebacks are cut to their last line ("ValueError: …"), then to a readable length.</summary>
    public static string Trim(string message)
    {
        var text = message.Trim();
        if (text.StartsWith("Traceback", StringComparison.Ordinal) || text.Contains("\n  File \"", StringComparison.Ordinal))
            text = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? text;
        return text.Length <= OdooDefaults.MaxMessageLength ? text : text[..OdooDefaults.MaxMessageLength] + "…";
    }

    /// <summary>The rules in order, for documentation and the CLI.</summary>
    public static IEnumerable<(string Rule, Outcome Outcome)> Rules => Table.Select(r => (r.Rule, r.Outcome));

    [GeneratedRegex(@"Object \S+ doesn't exist|the model '[^']+' does not exist")]
    private static partial Regex UnknownModel();

    [GeneratedRegex(@"Invalid field '([^']+)' on (?:model )?'[^']+'")]
    private static partial Regex InvalidField();

    [GeneratedRegex(@"could not serialize access|SerializationFailure|deadlock detected|concurrent update", RegexOptions.IgnoreCase)]
    private static partial Regex Concurrency();

    [GeneratedRegex(@"(UserError|ValidationError|MissingError|RedirectWarning|Warning|NotFound)$")]
    private static partial Regex UserErrors();
}
