// The emulator's in-memory database, shared by the HTTP endpoints and by tests that change data
// the way an Odoo user would. One reader-writer lock guards it; every public member takes it.
using System.Text.Json;
using OdooOptiply.Emulators.Odoo.Data;
using OdooOptiply.Emulators.Odoo.Orm;
using OdooOptiply.Emulators.Odoo.Schema;
using OdooOptiply.Emulators.Odoo.Wire;

namespace OdooOptiply.Emulators.Odoo;

public sealed class OdooDatabase
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    internal Orm.Orm Orm { get; }

    public OdooDatabase(int version = 18, TimeProvider? clock = null)
    {
        var behaviours = new Behaviours();
        Products.Register(behaviours);
        Names.Register(behaviours);
        StockQuantities.Register(behaviours);
        Purchases.Register(behaviours);
        PurchaseLineRules.Register(behaviours);
        Stock.Register(behaviours);
        Sales.Register(behaviours);
        Misc.Register(behaviours);
        Webhooks.Register(behaviours);
        var store = new RecordStore();
        var profile = VersionProfile.For(version);
        foreach (var model in profile.Models.Keys) store.Table(model); // created up front: reads never add tables
        Orm = new Orm.Orm(profile, store, clock ?? TimeProvider.System, behaviours);
        OdooWebhooks.SeedModels(Orm);
    }

    public int Version => Orm.Profile.Version;
    /// <summary>The webhook calls of base.automation rules (17+): counts, WhenIdleAsync, Synchronous.</summary>
    public OdooWebhooks Webhooks { get; } = new();

    /// <summary>Takes a right from the login user (operation: read, write, create, unlink), as an admin would in Settings.</summary>
    public void DenyRight(string model, string operation) => Orm.DeniedRights[$"{model}:{operation}"] = true;
    public VersionProfile Profile => Orm.Profile;

    /// <summary>Creates a record with Odoo write-form values (many2one as id, x2many as commands).</summary>
    public long Create(string model, IReadOnlyDictionary<string, object?> values) =>
        InWrite(() => Orm.Create(Env.Default, model, Normalise(values)));

    /// <summary>Writes values; <paramref name="writeDate"/> lets a test simulate a late commit.</summary>
    public void Write(string model, IReadOnlyCollection<long> ids, IReadOnlyDictionary<string, object?> values, DateTime? writeDate = null) =>
        InWrite(() =>
        {
            Orm.Write(Env.Default, model, ids.ToList(), Normalise(values),
                writeDate?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        });

    public void Unlink(string model, IReadOnlyCollection<long> ids) => InWrite(() => { Orm.Unlink(Env.Default, model, ids.ToList()); return 0; });

    /// <summary>Rows matching a domain in Odoo's JSON form, archived ones included, in id order; values in store form.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Search(string model, string domainJson = "[]") => InRead(() =>
    {
        using var doc = JsonDocument.Parse(domainJson);
        var domain = PyJson.ToValue(doc.RootElement) as IReadOnlyList<object?>;
        var env = Env.Default with { ActiveTest = false };
        return Orm.Search(env, model, domain, "id").Select(id => Snapshot(Orm.Get(model, id)!)).ToList();
    });

    /// <summary>A copy of the stored row (many2one as id, stored x2many as id lists), or null.</summary>
    public IReadOnlyDictionary<string, object?>? Get(string model, long id) => InRead(() => Orm.Get(model, id) is { } r ? Snapshot(r) : null);

    /// <summary>A record as read() would send it, with computed fields (context keys as Odoo's).</summary>
    public IReadOnlyDictionary<string, object?>? Read(string model, long id, IReadOnlyCollection<string> fields, IReadOnlyDictionary<string, object?>? context = null) =>
        InRead(() =>
        {
            var env = Env.From(context, Orm.Profile.WarehouseContextKey) with { ActiveTest = false };
            return Orm.Read(env, model, [id], Orm.FieldsToFetch(model, fields)).FirstOrDefault();
        });

    public int Count(string model) => InRead(() => Orm.Store.Table(model).Count);

    /// <summary>Receives goods: marks the picking's moves done (with the given quantities per move id, else their demand).</summary>
    public void ValidatePicking(long pickingId, IReadOnlyDictionary<long, double>? quantities = null) =>
        InWrite(() => { Stock.Validate(Orm, Env.Default, pickingId, quantities); return 0; });

    /// <summary>Changes on-hand stock of a product in a location (an inventory adjustment).</summary>
    public void AdjustStock(long productId, long locationId, double delta) =>
        InWrite(() => { Stock.Adjust(Orm, Env.Default, productId, locationId, delta); return 0; });

    /// <summary>Runs a batch of changes under one lock (seeding, bulk test setup).</summary>
    internal T Batch<T>(Func<Orm.Orm, T> work) => InWrite(() => work(Orm));

    internal T InRead<T>(Func<T> f)
    {
        _lock.EnterReadLock();
        try { return f(); } finally { _lock.ExitReadLock(); }
    }

    internal T InWrite<T>(Func<T> f)
    {
        _lock.EnterWriteLock();
        try { return f(); } finally { _lock.ExitWriteLock(); }
    }

    private static Dictionary<string, object?> Snapshot(Dictionary<string, object?> row) =>
        row.Where(kv => !kv.Key.Contains('@')).ToDictionary(kv => kv.Key, kv => kv.Value is List<long> l ? (object?)l.ToList() : kv.Value);

    // Test code passes ints, arrays and nested dictionaries; the ORM expects long and List<object?>.
    private static Dictionary<string, object?> Normalise(IReadOnlyDictionary<string, object?> values) =>
        values.ToDictionary(kv => kv.Key, kv => NormaliseValue(kv.Value));

    private static object? NormaliseValue(object? v) => v switch
    {
        int i => (long)i,
        float f => (double)f,
        decimal m => (double)m,
        string or null => v,
        IReadOnlyDictionary<string, object?> d => Normalise(d),
        System.Collections.IEnumerable e => e.Cast<object?>().Select(NormaliseValue).ToList(),
        _ => v,
    };
}
