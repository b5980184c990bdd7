// Everything a stream's Map and Domain functions may use during one run: the tenant's flags, Odoo, the
// Optiply ids other streams bound, the signpost (run start) and the product key resolver.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Ports;

namespace OdooOptiply.Sync.Streams;

public sealed class StreamContext
{
    public StreamContext(TenantConfig config, IOdooSource odoo, TargetIds targets, DateTime signpost, State.IStateStore? state = null, bool dryRun = false)
    {
        (Config, Odoo, Targets, Signpost, State, DryRun) = (config, odoo, targets, signpost, state, dryRun);
        Products = new ProductKeys(odoo, config.Flags.UseTemplates, targets);
    }

    public TenantConfig Config { get; }
    public SyncFlags Flags => Config.Flags;
    public IOdooSource Odoo { get; }
    public TargetIds Targets { get; }
    /// <summary>When the run started; no bookmark moves past it.</summary>
    public DateTime Signpost { get; }
    /// <summary>Set by the first failure that is fatal for the run (RunFailures): the streams after it do not run.</summary>
    public string? FatalReason { get; set; }
    public DateTime StartDate => Config.Run.EffectiveStartDate(Signpost);
    public ProductKeys Products { get; }
    /// <summary>The state store, for what a stream keeps between runs beyond bindings and bookmarks (key/value).</summary>
    public State.IStateStore? State { get; }
    /// <summary>Nothing is stored (dry run).</summary>
    public bool DryRun { get; }
    public int PageSize => Config.Odoo.PageSize ?? OdooDefaults.PageSize;
    /// <summary>Ends the run at the next page boundary (graceful shutdown, or the tenant's lease lost): the page in hand
    /// is written and its bookmark saved, deletions are not computed from a read that did not finish.</summary>
    public CancellationToken Stop { get; init; }
    /// <summary>Where each stream reports its read as it goes (null: nobody watches, nothing extra is asked of Odoo).</summary>
    public IProgress<StreamProgress>? Reading { get; init; }
    /// <summary>This run is a full reconciliation (--full, or the daily one): what streams keep between runs is computed afresh.</summary>
    public bool Reconcile { get; init; }
    /// <summary>Adopt in every binding space this run (sync --adopt), not only in those never adopted (a new or lost state).</summary>
    public bool Adopt { get; init; }

    /// <summary>Lets this run's detected mass deletions through (sync --allow-mass-deletions): the deletion guard is off once.</summary>
    public bool AllowMassDeletions { get; init; }

    private readonly Dictionary<string, object> _memo = new(StringComparer.Ordinal);

    /// <summary>A value computed once per run (e.g. the internal stock locations), shared by every page.</summary>
    public async Task<T> MemoAsync<T>(string key, Func<Task<T>> compute) where T : notnull
    {
        if (_memo.TryGetValue(key, out var v)) return (T)v;
        var value = await compute();
        _memo[key] = value;
        return value;
    }

    /// <summary>The run's day as Odoo reckons it: the signpost in the login user's time zone (UTC when the user has none,
    /// or when this machine does not know the zone).</summary>
    public Task<DateOnly> OdooTodayAsync(CancellationToken ct) => MemoAsync("odoo.today", async () =>
    {
        var zone = await Odoo.UserTimeZoneAsync(ct);
        var at = zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz) ? TimeZoneInfo.ConvertTimeFromUtc(Signpost, tz) : Signpost;
        return DateOnly.FromDateTime(at);
    });

    public void Remember<T>(string key, T value) where T : notnull => _memo[key] = value;
    public T Recall<T>(string key) => (T)_memo[key];

    /// <summary>Language of the tenant, archived records included (filters say what counts), given companies.</summary>
    public ReadContext ReadContext(IReadOnlyList<long>? companies = null) =>
        new(Flags.Language, IncludeArchived: true, Companies: companies is { Count: > 0 } ? companies : Flags.CompanyIds is { Count: > 0 } ? Flags.CompanyIds : null);
}
