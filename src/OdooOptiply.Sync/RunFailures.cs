// The one rule for what a failure means to a run (issue 11): FATAL for the run — retrying inside the run
// cannot cure it, so the run stops its writes at once, fails and exits 1 — or REJECTED for one record
// (counted, named with its key and the server's words; the run goes on and exits 4).
// Fatal: Optiply could not give a token (400/401/403 on the token, no answer from the token endpoint),
// Optiply 401/403 on a call, Odoo authentication or access denied (fault 3/4, AccessDenied, AccessError,
// HTTP 401/403), an unknown Odoo model, a TLS certificate refused on either side, a configuration the server refuses
// (a language it lacks, a redirect). Each client's error table decides it at the edge (Outcome.Fatal); this file
// gives the one-line reason. Everything else is the record's (Outcome.Rejected) or the retry policy's business.
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
                // Decided at the edge by each client's table (OdooErrors, OptiplyErrors): Outcome.Fatal.
                case OptiplyException { Outcome: Outcome.Fatal } o: return o.Message;
                case OptiplyException { Authentication: true } o: return o.Message;
                case OdooException { Outcome: Outcome.Fatal } o: return $"Odoo: {o.ServerMessage}";
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } h: return $"TLS: {h.Message}";
                case TargetWriteException { Outcome: Outcome.Fatal } t when t.InnerException is null: return t.Message;
            }
        }
        return e is TargetWriteException { Outcome: Outcome.Fatal } tw ? tw.Message : null;
    }
}
