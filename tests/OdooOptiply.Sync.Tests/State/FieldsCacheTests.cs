// Field names kept between sessions (FieldsCache): a new client primed from the state asks no fields_get; another
// server version or an entry older than the limit primes nothing. Against the Odoo emulator over HTTP.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.State;

public class FieldsCacheTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static async Task SavedAsync(SyncHarness h)
    {
        await using var first = new OdooClient(h.Config.ToOdooOptions());
        await first.FieldsGetAsync("product.product");
        await FieldsCache.SaveAsync(h.Store, first, "18.0", new HashSet<string>(), Now, default);
    }

    [Fact]
    public async Task LoadAsync_SameVersion_PrimesWithoutFieldsGet()
    {
        await using var h = await SyncHarness.StartAsync();
        await SavedAsync(h);
        await using var second = new OdooClient(h.Config.ToOdooOptions());
        var (models, _) = await FieldsCache.LoadAsync(h.Store, second, "18.0", Now.AddHours(1), TimeSpan.FromHours(24), default);
        Assert.Contains("product.product", models);
        var calls = second.CallCount;
        Assert.True((await second.FieldsGetAsync("product.product")).Has("default_code"));
        Assert.Equal(calls, second.CallCount);
    }

    [Theory]
    [InlineData("19.0", 1)]   // another server version
    [InlineData("18.0", 25)]  // older than the limit
    [InlineData("18.0", -2)]  // stamped in the future (a clock that was ahead)
    public async Task LoadAsync_StaleOrOtherVersion_PrimesNothing(string version, int hoursLater)
    {
        await using var h = await SyncHarness.StartAsync();
        await SavedAsync(h);
        await using var second = new OdooClient(h.Config.ToOdooOptions());
        var (models, _) = await FieldsCache.LoadAsync(h.Store, second, version, Now.AddHours(hoursLater), TimeSpan.FromHours(24), default);
        Assert.Empty(models);
    }
}
