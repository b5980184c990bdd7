// The start of a run: a server that cannot be reached at all (connection refused, DNS, TLS, no answer)
// fails the run within ConnectTimeout with doctor's fix hint, instead of spending the run's whole retry
// policy (8 tries, factor 3: minutes) on it. One version request on a client without retries; once the
// server answered, the run's own client and its retry policy take over.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Sync;

public static class RunStart
{
    /// <summary>The name a run that could not start reports its failure under.</summary>
    public const string Stream = "start";

    /// <summary>How long the first contact with Odoo may take before the run fails.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public const string OdooFix = "check odoo.url (and that the server answers /xmlrpc/2, /jsonrpc or /json/2); `odoo-optiply doctor` checks every connection";

    /// <param name="handler">the session's shared Odoo handler (the daemon's per-host connection cap), so the probe counts against it too</param>
    public static async Task ProbeOdooAsync(TenantConfig config, TimeProvider time, CancellationToken ct, string? runLabel = null, HttpMessageHandler? handler = null)
    {
        var options = config.ToOdooOptions(null);
        options = options with { MaxRetries = 0, Timeout = options.Timeout < ConnectTimeout ? options.Timeout : ConnectTimeout };
        await using var probe = new OdooClient(options, null, time, handler) { RunLabel = runLabel };
        try { await probe.VersionAsync(ct); }
        catch (OdooException e) when (Unreachable(e))
        {
            throw new OdooException(Outcome.Fatal, $"Odoo at {options.Url.GetLeftPart(UriPartial.Path)} cannot be reached ({e.ServerMessage}): {OdooFix}", e);
        }
    }

    private static bool Unreachable(OdooException e)
    {
        if (e.HttpStatus is not null) return false; // it answered: the run's retry policy decides
        for (Exception? x = e.InnerException; x is not null; x = x.InnerException)
            if (x is HttpRequestException or OperationCanceledException or System.Net.Sockets.SocketException) return true;
        return e.Outcome == Outcome.Fatal && RunFailures.FatalReason(e) is not null;
    }
}
