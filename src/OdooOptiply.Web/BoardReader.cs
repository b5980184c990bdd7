// Reads what the board shows from each tenant's state store through the daemon: one row per tenant (every
// flow judged by BoardStatus), and the tenant page's facts (runs, actions, bookmarks, bindings, flags,
// the last adoption report). A tenant whose store cannot be read is a failing row that says why.
using OdooOptiply.Sync;
using OdooOptiply.Sync.Adoption;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Web;

public sealed record TenantRow(string Tenant, FlowState State, string? PausedBy, IReadOnlyList<FlowCell> Cells, string? Problem)
{
    public string? Reason => Problem ?? Cells.Where(c => c.State is FlowState.Failing or FlowState.Late).Select(c => c.Reason).FirstOrDefault(r => r is not null);
}

public sealed record TenantDetail(TenantRow Row, BoardTenant Tenant, IReadOnlyList<RunReport> Runs, IReadOnlyList<BoardAction> Actions,
    IReadOnlyDictionary<string, Bookmark> Bookmarks, IReadOnlyDictionary<string, long> Bindings, IReadOnlyList<AdoptionReport> Adoption,
    DateTime? AdoptionAt, string? LastReconciliation);

public sealed class BoardReader(IBoardDaemon daemon, TimeProvider time)
{
    /// <summary>How many recent runs the board judges a tenant by, and the tenant page lists.</summary>
    public const int RunWindow = 60;

    public async Task<IReadOnlyList<TenantRow>> RowsAsync(CancellationToken ct)
    {
        var rows = new List<TenantRow>();
        foreach (var t in daemon.Tenants) rows.Add((await ReadAsync(t, ct)).Row);
        return rows;
    }

    public async Task<TenantDetail?> DetailAsync(string tenant, CancellationToken ct) =>
        daemon.Tenants.FirstOrDefault(t => t.Name == tenant) is { } t ? await ReadAsync(t, ct) : null;

    private async Task<TenantDetail> ReadAsync(BoardTenant t, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            var store = await daemon.StoreAsync(t.Name, ct);
            var runs = await store.GetRecentRunsAsync(RunWindow, ct);
            var paused = await daemon.PausedAsync(t.Name, ct);
            var next = new Dictionary<BoardJob, DateTimeOffset?>();
            foreach (var job in new[] { BoardJob.Pull, BoardJob.Export }) next[job] = await daemon.NextRunAsync(t.Name, job, ct);
            var cells = BoardFlows.All.Select(f => BoardStatus.Judge(f, runs, t.Interval, now, j => daemon.IsRunning(t.Name, j), j => next[j]))
                .Select(c => paused is not null && c.State != FlowState.Running ? c with { State = FlowState.Paused } : c).ToList();
            var state = paused is not null ? FlowState.Paused : cells.MaxBy(c => BoardStatus.Rank(c.State))!.State;
            var adoptionRun = runs.FirstOrDefault(r => r.Streams.Any(s => s.Adoption is not null));
            return new TenantDetail(new TenantRow(t.Name, state, paused, cells, null), t, runs, await BoardActionLog.ReadAsync(store, ct),
                await store.GetBookmarksAsync(ct), await store.CountBindingsAsync(ct),
                adoptionRun?.Streams.Where(s => s.Adoption is not null).Select(s => s.Adoption!).ToList() ?? [], adoptionRun?.StartedAt,
                await store.GetValueAsync(SyncRunner.LastReconciliationKey, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The state store's own messages say what is wrong (corrupt file, database down) and carry no secret.
            var problem = $"state store cannot be read: {(e is StateStoreException ? e.Message : e.GetType().Name + ": " + e.Message)}";
            var cells = BoardFlows.All.Select(f => new FlowCell(f, FlowState.Failing, null, null, 0, 0, 0, problem, null, null)).ToList();
            return new TenantDetail(new TenantRow(t.Name, FlowState.Failing, null, cells, problem), t, [], [],
                new Dictionary<string, Bookmark>(), new Dictionary<string, long>(), [], null, null);
        }
    }
}
