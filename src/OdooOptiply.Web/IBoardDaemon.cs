// What the web board needs from the daemon that serves it: the tenants with their configs and schedule,
// each tenant's state store (the board reads runs, bookmarks, bindings and flags from it, so it works with
// any IStateStore), what runs right now, and the actions (run now, pause, resume). The daemon implements
// it (OdooOptiply.Cli/Hosting/BoardBridge.cs); the board never touches the scheduler itself.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Web;

/// <summary>The two jobs of a tenant: the pull (Odoo → Optiply streams) and the buy order export (Optiply → Odoo).</summary>
public enum BoardJob { Pull, Export }

/// <summary>A tenant as the board shows it: its configuration (secrets never rendered) and its two intervals.</summary>
public sealed record BoardTenant(TenantConfig Config, TimeSpan PullEvery, TimeSpan ExportEvery)
{
    public string Name => Config.Name;
    public TimeSpan Interval(BoardJob job) => job == BoardJob.Pull ? PullEvery : ExportEvery;
}

public interface IBoardDaemon
{
    IReadOnlyList<BoardTenant> Tenants { get; }

    /// <summary>The tenant's state store (throws when it cannot be opened: a corrupt file, a database down).</summary>
    Task<IStateStore> StoreAsync(string tenant, CancellationToken ct);

    /// <summary>True while a run of this job of this tenant is in progress in this process.</summary>
    bool IsRunning(string tenant, BoardJob job);

    /// <summary>True once the scheduler started and until it stops (readiness).</summary>
    Task<bool> SchedulerRunningAsync(CancellationToken ct);

    /// <summary>Starts the job now, outside its schedule (even when the tenant is paused); returns once it is queued.</summary>
    Task RunNowAsync(string tenant, BoardJob job, string requestedBy, CancellationToken ct);

    /// <summary>Pauses (or resumes) the tenant's scheduled runs; persisted in its state store, so every node and a restart see it.</summary>
    Task SetPausedAsync(string tenant, bool paused, string requestedBy, CancellationToken ct);

    /// <summary>Who paused the tenant and when ("ops at 2026-12-02T10:00:00Z"), or null when it is not paused.</summary>
    Task<string?> PausedAsync(string tenant, CancellationToken ct);

    /// <summary>The next scheduled run of a job as the daemon recorded it, or null.</summary>
    Task<DateTimeOffset?> NextRunAsync(string tenant, BoardJob job, CancellationToken ct);
}
