// IStateStore.SpanOfIdsAsync on both stores (issue 16: an idle poll counts bindings in the store instead of loading
// them): all keys, those that are the prefix + an Odoo id, and the lowest and highest id; other tenants and spaces not
// counted.
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.State.Postgres;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.State;

public abstract class IdSpanContract : IAsyncLifetime
{
    private readonly List<IStateStore> _open = [];
    protected abstract Task<IStateStore> OpenStoreAsync(string tenant);
    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var s in _open) await s.DisposeAsync();
    }

    private async Task<IStateStore> OpenAsync(string tenant)
    {
        var s = await OpenStoreAsync(tenant);
        _open.Add(s);
        return s;
    }

    private static Binding B(string space, string key) => new(space, key, "t" + key, "h", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public async Task SpanOfIds_PlainKeys_CountsMinAndMaxOfThisSpaceOnly()
    {
        var store = await OpenAsync("acme");
        var other = await OpenAsync("other");
        await store.SaveBindingsAsync(new[] { "5", "12", "300", "9000000000" }.Select(k => B("products", k)).Append(B("suppliers", "1")).ToList());
        await other.SaveBindingsAsync([B("products", "1"), B("products", "99999999999")]);
        Assert.Equal(new IdSpan(4, 4, 5, 9_000_000_000), await store.SpanOfIdsAsync("products"));
        Assert.Equal(new IdSpan(1, 1, 1, 1), await store.SpanOfIdsAsync("suppliers"));
        Assert.Equal(new IdSpan(0, 0, 0, 0), await store.SpanOfIdsAsync("sellOrders"));
    }

    [Fact]
    public async Task SpanOfIds_KeysThatAreNoId_AreCountedAsKeysOnly()
    {
        var store = await OpenAsync("acme");
        await store.SaveBindingsAsync(new[] { "7", "31", "x", "", "0", "pos_3" }.Select(k => B("products", k)).ToList());
        Assert.Equal(new IdSpan(6, 2, 7, 31), await store.SpanOfIdsAsync("products"));
        await store.DeleteBindingsAsync("products", ["7", "31"]);
        Assert.Equal(new IdSpan(4, 0, 0, 0), await store.SpanOfIdsAsync("products"));
    }

    [Fact]
    public async Task SpanOfIds_WithPrefix_CountsOnlyKeysOfThatForm()
    {
        var store = await OpenAsync("acme");
        await store.SaveBindingsAsync(new[] { "pos_3", "pos_40", "pos_", "pos_x", "po_5", "12" }.Select(k => B("sellOrdersPos", k)).ToList());
        Assert.Equal(new IdSpan(6, 2, 3, 40), await store.SpanOfIdsAsync("sellOrdersPos", "pos_"));
        await store.DeleteBindingsAsync("sellOrdersPos", ["pos_", "pos_x", "po_5", "12"]);
        Assert.Equal(new IdSpan(2, 2, 3, 40), await store.SpanOfIdsAsync("sellOrdersPos", "pos_"));
    }
}

public sealed class SqliteIdSpanContract : IdSpanContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("span-").FullName;

    protected override async Task<IStateStore> OpenStoreAsync(string tenant) => await SqliteStateStore.OpenAsync(Path.Combine(_dir, "state.db"), tenant);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresIdSpanContract(PostgresServer server) : IdSpanContract
{
    private string _url = "";

    public override async Task InitializeAsync() => _url = await server.CreateDatabaseAsync("span");

    protected override async Task<IStateStore> OpenStoreAsync(string tenant) => await PostgresStateStore.OpenAsync(_url, tenant);
}
