// Tests for Binder: writes through to the store at once, and writes nothing in a dry run.
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.Bindings;

public sealed class BinderTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("binder-").FullName, "s.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() { SqliteConnection.ClearAllPools(); Directory.Delete(Path.GetDirectoryName(_path)!, true); }

    [Fact]
    public async Task BindAsync_IsStoredImmediately()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var binder = await Binder.LoadAsync(store, "products", _time);
        await binder.BindAsync("5", "900", "hash");
        Assert.Equal("900", binder.TargetIdOf("5"));
        var stored = await store.GetBindingAsync("products", "5");
        Assert.Equal(new Binding("products", "5", "900", "hash", _time.GetUtcNow().UtcDateTime), stored);
    }

    [Fact]
    public async Task BindAsync_DryRun_KeepsInMemoryOnly()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var binder = await Binder.LoadAsync(store, "products", _time, dryRun: true);
        await binder.BindAsync("5", "900", "hash");
        Assert.NotNull(binder.Find("5"));
        Assert.Null(await store.GetBindingAsync("products", "5"));
    }

    [Fact]
    public async Task ForgetAsync_RemovesFromMemoryAndStore()
    {
        await using var store = await SqliteStateStore.OpenAsync(_path, "acme");
        var binder = await Binder.LoadAsync(store, "products", _time);
        await binder.BindAsync("5", "900", "h");
        await binder.ForgetAsync(["5"]);
        Assert.Null(binder.Find("5"));
        Assert.Equal(0, (await Binder.LoadAsync(store, "products", _time)).Count);
    }
}
