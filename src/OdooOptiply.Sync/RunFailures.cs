// The one rule for what a failure means to a run (issue 11): FATAL for the run — retrying inside the run
// cannot cure it, so the run stops its writes at once, fails and exits 1 — or REJECTED for one record
// (counted, named with its key and the server's words; the run goes on and exits 4).
// Fatal: Optiply could not give a token (400/401/403 on the token, no answer from the token endpoint),
// Optiply 401/403 on a call, Odoo authentication or access denied (fault 3/4, AccessDenied, AccessError,
// HTTP 401/403), an unknown Odoo model, a TLS certificate refused on either side. Everything else is the
// record's (a 4xx on one payload) or the retry policy's business.
using System.Net.Http;
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync;

public static class RunFailures
{
    /// <summary>A one-line reason when <paramref name="e"/> (or what it wraps) is fatal for the run; null when it concerns one record.</summary>
    public static string? FatalReason(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case OptiplyException { Authentication: true } o: return o.Message;
                case OptiplyException { Status: 401 or 403 } o: return o.Message;
                case OdooException o when IsAccess(o) || IsUnknownModel(o): return $"Odoo: {o.ServerMessage}";
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } h: return $"TLS: {h.Message}";
                case TargetWriteException { Outcome: Outcome.Fatal } t when t.InnerException is null: return t.Message;
            }
        }
        return e is TargetWriteException { Outcome: Outcome.Fatal } tw ? tw.Message : null;
    }

    private static bool IsAccess(OdooException e) =>
        e.FaultCode is 3 or 4 || e.HttpStatus is 401 or 403
        || e.ErrorName?.EndsWith("AccessDenied", StringComparison.Ordinal) == true
        || e.ErrorName?.EndsWith("AccessError", StringComparison.Ordinal) == true;

    private static bool IsUnknownModel(OdooException e) =>
        e.Outcome == OdooOutcome.Fatal && e.ServerMessage.Contains("doesn't exist", StringComparison.Ordinal)
        && e.ServerMessage.Contains("Object ", StringComparison.Ordinal);
}
