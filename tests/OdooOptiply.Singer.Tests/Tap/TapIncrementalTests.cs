// Incremental reads and state: a second run from the final STATE emits only what changed, ties on
// write_date are broken by id across pages, a recent second is saved whole, start_date bounds the
// first read, and full_sync_streams read in full between ACTIVATE_VERSIONs. The emulator's clock is fake.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Singer.Tests.Tap.Support;

namespace OdooOptiply.Singer.Tests.Tap;

public class TapIncrementalTests
{
    private static readonly DateTimeOffset Seeded = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static async Task<(OdooEmulator Odoo, FakeTimeProvider Clock)> StartAsync(int version = 18)
    {
        var clock = new FakeTimeProvider(Seeded);
        var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version, Clock = clock });
        clock.Advance(TimeSpan.FromMinutes(5)); // the seed is settled when the tap first runs
        return (odoo, clock);
    }

    private static List<long> Ids(IEnumerable<JsonObject> records) => records.Select(r => (long)r["id"]!).ToList();

    [Fact]
    public async Task SecondRun_FromFinalState_EmitsOnlyChangedRecords()
    {
        var (odoo, clock) = await StartAsync();
        await using var _ = odoo;
        var config = TapHarness.Config(odoo);
        var first = await TapHarness.SyncAsync(config, time: clock);
        Assert.Equal(15, first.Records("customers").Count());

        clock.Advance(TimeSpan.FromMinutes(1));
        odoo.Data.Write("res.partner", [3], new Dictionary<string, object?> { ["phone"] = "+31 20 000 0000" });
        var added = odoo.Data.Create("res.partner", new Dictionary<string, object?> { ["name"] = "New Customer BV", ["customer_rank"] = 1L });
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await TapHarness.SyncAsync(config, state: first.FinalState, time: clock);

        Assert.Equal([3, added], Ids(second.Records("customers")));
        Assert.Equal("+31 20 000 0000", (string?)second.Records("customers").First()["phone"]);
        // Nothing else changed: no incremental stream sends anything; the full-table stream (stock) is read whole again.
        Assert.Equal(["customers", "stock"], second.StreamsWithRecords.Order());
        Assert.Equal(first.Records("stock").Count(), second.Records("stock").Count());
        // And a third run from the second's state sends no customer at all.
        var third = await TapHarness.SyncAsync(config, state: second.FinalState, time: clock);
        Assert.Empty(third.Records("customers"));
    }

    [Fact]
    public async Task SameSecond_PagedOneByOne_EveryRecordOnceInIdOrder()
    {
        var (odoo, clock) = await StartAsync();
        await using var _ = odoo;
        // Every partner was seeded in the same second: only the id orders them, across pages of one (from a bookmark before
        // the seed, so the read goes in (write_date, id) order rather than the first read's id order).
        var old = new JsonObject { ["bookmarks"] = new JsonObject { ["customers"] = new JsonObject { ["replication_key_value"] = "2000-01-01T00:00:00+00:00" } } };
        var output = await TapHarness.SyncAsync(TapHarness.Config(odoo, new { page_size = 1 }), TapHarness.Select(await TapHarness.DiscoverAsync(TapHarness.Config(odoo)), "customers"), old, clock);
        var ids = Ids(output.Records("customers"));
        Assert.Equal(odoo.Data.Search("res.partner").Select(r => (long)r["id"]!).Order(), ids);
        // One STATE per page, each naming the last record before it.
        var states = output.OfType("STATE").Select(s => s["value"]!["bookmarks"]!["customers"]).Where(b => b is not null).ToList();
        Assert.True(states.Count >= ids.Count);
        Assert.Equal(ids[^1], (long)output.FinalState["bookmarks"]!["customers"]!["last_id"]!);
    }

    [Fact]
    public async Task FromABookmarkInsideASecond_ReadsOnlyHigherIdsOfThatSecond()
    {
        var (odoo, clock) = await StartAsync();
        await using var _ = odoo;
        var state = new JsonObject
        {
            ["bookmarks"] = new JsonObject
            {
                ["customers"] = new JsonObject { ["replication_key"] = "write_date", ["replication_key_value"] = Seeded.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'"), ["last_id"] = 7 },
            },
        };
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(TapHarness.Config(odoo)), "customers");
        var output = await TapHarness.SyncAsync(TapHarness.Config(odoo), catalog, state, clock);
        var all = odoo.Data.Search("res.partner").Select(r => (long)r["id"]!).ToList();
        Assert.Equal(all.Where(id => id > 7), Ids(output.Records("customers")));
        // A state written by tap-odoo (no last_id) resumes inclusively: the whole second again.
        state["bookmarks"]!["customers"]!.AsObject().Remove("last_id");
        var inclusive = await TapHarness.SyncAsync(TapHarness.Config(odoo), catalog, state, clock);
        Assert.Equal(all, Ids(inclusive.Records("customers")));
    }

    [Fact]
    public async Task RecentSecond_IsSavedWhole_SoALaterWriteInItIsNotMissed()
    {
        var (odoo, clock) = await StartAsync();
        await using var _ = odoo;
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(TapHarness.Config(odoo)), "customers");
        var now = clock.GetUtcNow();
        odoo.Data.Write("res.partner", [9], new Dictionary<string, object?> { ["phone"] = "1" }); // written now, highest id of this second
        var first = await TapHarness.SyncAsync(TapHarness.Config(odoo), catalog, time: clock);
        Assert.Equal(0, (long)first.FinalState["bookmarks"]!["customers"]!["last_id"]!);
        odoo.Data.Write("res.partner", [2], new Dictionary<string, object?> { ["phone"] = "2" }); // same second, lower id, after the read
        Assert.Equal(now, clock.GetUtcNow());
        var second = await TapHarness.SyncAsync(TapHarness.Config(odoo), catalog, first.FinalState, clock);
        Assert.Contains(2L, Ids(second.Records("customers")));
    }

    [Fact]
    public async Task StartDate_BoundsTheFirstReadOnly()
    {
        var (odoo, clock) = await StartAsync();
        await using var _ = odoo;
        odoo.Data.Write("res.partner", [4], new Dictionary<string, object?> { ["phone"] = "4" });
        clock.Advance(TimeSpan.FromMinutes(5));
        var config = TapHarness.Config(odoo, new { start_date = Seeded.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") });
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(config), "customers", "products");
        var output = await TapHarness.SyncAsync(config, catalog, time: clock);
        Assert.Equal([4L], Ids(output.Records("customers")));
        Assert.Empty(output.Records("products"));
    }

    [Fact]
    public async Task FullSyncStreams_ReadEverythingBetweenActivateVersions_AndIgnoreTheBookmark()
    {
        var (odoo, clock) = await StartAsync();
        await using var _ = odoo;
        var config = TapHarness.Config(odoo, new { full_sync_streams = new[] { "products" } });
        var catalog = TapHarness.Select(await TapHarness.DiscoverAsync(config), "products");
        var first = await TapHarness.SyncAsync(config, catalog, time: clock);
        var kinds = first.Messages.Select(m => (string)m["type"]!).ToList();
        Assert.Equal(["SCHEMA", "ACTIVATE_VERSION"], kinds.Take(2));
        Assert.Equal(["ACTIVATE_VERSION", "STATE"], kinds.TakeLast(2));
        var version = (long)first.OfType("ACTIVATE_VERSION").First()["version"]!;
        Assert.All(first.OfType("RECORD"), r => Assert.Equal(version, (long)r["version"]!));
        Assert.Equal(odoo.Data.Count("product.product"), first.Records("products").Count());
        Assert.Equal(version, (long)first.FinalState["bookmarks"]!["products"]!["version"]!);

        // Run two: every product again (nothing changed), a newer version, and only the closing ACTIVATE_VERSION (the table exists).
        clock.Advance(TimeSpan.FromSeconds(1));
        odoo.Data.Unlink("product.product", [2]);
        var second = await TapHarness.SyncAsync(config, catalog, first.FinalState, clock);
        Assert.Single(second.OfType("ACTIVATE_VERSION"));
        Assert.True((long)second.OfType("ACTIVATE_VERSION").Single()["version"]! > version);
        Assert.DoesNotContain(2L, Ids(second.Records("products")));
        Assert.Equal(first.Records("products").Count() - 1, second.Records("products").Count());
    }
}
