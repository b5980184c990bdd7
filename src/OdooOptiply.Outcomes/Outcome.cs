// The one outcome vocabulary, for both clients and both directions: what a failure (or a record left alone) means.
// Each client's error table (OdooErrors, OptiplyErrors) decides it at the edge, from the fault or status; the engine's
// runners decide with it alone (RunFailures adds the reason line).
namespace OdooOptiply;

public enum Outcome
{
    /// <summary>The answer was lost (timeout, reset, 5xx after retries): the write may or may not have landed, so it is
    /// looked up before anything is created again.</summary>
    Retriable,
    /// <summary>Fatal for the run (authentication, access, configuration): nothing else will work either; the run stops.</summary>
    Fatal,
    /// <summary>Rejected for the record (400/404/409/422, a ValidationError): counted and named; the run goes on.</summary>
    Rejected,
    /// <summary>Left alone by the rules (no name, not a purchase, a conflict reported): counted with its reason.</summary>
    Skipped,
}
