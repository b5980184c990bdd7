// Which run sent what, and when: every request that carries odoo-optiply's run header (X-Odoo-Optiply-Run:
// tenant/job/epoch, the tenant URL-escaped) with its arrival and its end on the emulator's clock. Both
// emulators keep one (OdooEmulator.Runs, OptiplyEmulator.Runs), so a test can show per tenant that no two
// runs of it were ever talking to the servers at the same time (the cluster test does).
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace OdooOptiply.Emulators.Hosting;

/// <summary>One request of a run: its run label as sent, the tenant and job it names, and when it arrived and ended.</summary>
public sealed record RunRequest(string Run, string Tenant, string Job, DateTimeOffset Start, DateTimeOffset End, string What);

public sealed class RunTraffic(TimeProvider clock)
{
    /// <summary>The header odoo-optiply's clients send while a run is labelled (OdooClient.RunHeader, OptiplyClient.RunHeader).</summary>
    public const string Header = "X-Odoo-Optiply-Run";

    private readonly ConcurrentQueue<RunRequest> _log = new();
    private int _unlabelled;

    /// <summary>Every labelled request so far, in the order they ended.</summary>
    public IReadOnlyList<RunRequest> Requests => _log.ToArray();

    /// <summary>The labelled requests of one tenant.</summary>
    public IReadOnlyList<RunRequest> OfTenant(string tenant) => _log.Where(r => r.Tenant == tenant).ToArray();

    /// <summary>Requests that carried no run header (a manual command, another client).</summary>
    public int Unlabelled => _unlabelled;

    public void Reset()
    {
        _log.Clear();
        _unlabelled = 0;
    }

    /// <summary>Middleware: times the request and records it once it ended (whatever its outcome).</summary>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var start = clock.GetUtcNow();
        try { await next(http); }
        finally
        {
            var label = http.Request.Headers[Header].ToString();
            if (label.Length == 0) Interlocked.Increment(ref _unlabelled);
            else
            {
                var parts = label.Split('/');
                _log.Enqueue(new RunRequest(label, Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? parts[1] : "", start, clock.GetUtcNow(),
                    $"{http.Request.Method} {http.Request.Path}"));
            }
        }
    }
}
