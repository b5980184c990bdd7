// Inspecting and seeding the emulator's state as a user of Optiply would (what the export tests need).
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Emulators.Tests.Optiply;

public class OptiplyStoreTests
{
    [Fact]
    public async Task Seed_BuyOrderWithLines_IsAUserRecordAndNoApiWrite()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var store = raw.Emulator.Store;
        var product = store.Seed("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 0 });
        var supplier = store.Seed("suppliers", new JsonObject { ["name"] = "ACME" });
        var order = store.Seed("buyOrders", new JsonObject
        {
            ["placed"] = "2025-01-01T00:00:00Z", ["supplierId"] = supplier, ["totalValue"] = 20,
            ["orderLines"] = new JsonArray(new JsonObject { ["productId"] = product, ["quantity"] = 2, ["subtotalValue"] = 20 }),
        });
        var row = store.Get("buyOrders", order)!;
        Assert.False(row.Attributes["createdFromPublicApi"]!.GetValue<bool>());
        Assert.Empty(row.Attributes["remoteIdMap"]!.AsObject());
        Assert.Equal(order, store.All("buyOrderLines").Single().GetLong("buyOrderId"));
        Assert.Equal(0, raw.Emulator.WriteCount);
        var (_, listed) = await raw.GetAsync("buyOrders?filter[remoteIdMap]=null");
        Assert.Equal(400, (await raw.GetAsync("buyOrders?filter[remoteId]=x")).Status);
        Assert.NotNull(listed);
    }

    [Fact]
    public async Task Change_AsUser_MovesUpdatedAtWithoutCountingAWrite()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { Clock = clock });
        var store = raw.Emulator.Store;
        var id = store.Seed("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 0 });
        clock.Advance(TimeSpan.FromSeconds(30));
        var row = store.Change("products", id, new JsonObject { ["name"] = "B" });
        Assert.Equal("B", row.GetString("name"));
        Assert.Equal("2025-01-01T00:00:30.000Z", row.GetString("updatedAt"));
        Assert.Equal(0, raw.Emulator.WriteCount);
    }

    [Fact]
    public async Task Remove_Product_CascadesToSupplierProducts()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var store = raw.Emulator.Store;
        var p = store.Seed("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 0 });
        var s = store.Seed("suppliers", new JsonObject { ["name"] = "ACME" });
        store.Seed("supplierProducts", new JsonObject { ["name"] = "A", ["productId"] = p, ["supplierId"] = s });
        Assert.True(store.Remove("products", p));
        Assert.False(store.Remove("products", p));
        Assert.Empty(store.All("supplierProducts"));
    }

    [Fact]
    public async Task Clear_EmptiesEverythingButAccounts()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var store = raw.Emulator.Store;
        store.Seed("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 0 });
        store.Clear();
        Assert.Empty(store.All("products"));
        Assert.Single(store.All("accounts"));
    }

    [Fact]
    public async Task Seed_InvalidRecord_Throws()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        Assert.ThrowsAny<Exception>(() => raw.Emulator.Store.Seed("products", new JsonObject { ["name"] = "no stock level" }));
        Assert.Throws<ArgumentException>(() => raw.Emulator.Store.All("customers"));
    }

    [Fact]
    public async Task UniquePair_AfterAChangeAndARemoval_SeesTheRowsAsTheyAreNow()
    {
        // The pair check looks rows up through an index by attribute: it must follow in-place changes and deletions.
        await using var raw = await OptiplyRaw.StartAsync();
        var store = raw.Emulator.Store;
        var p1 = store.Seed("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 0 });
        var p2 = store.Seed("products", new JsonObject { ["name"] = "B", ["stockLevel"] = 0 });
        var s = store.Seed("suppliers", new JsonObject { ["name"] = "ACME" });
        JsonObject Pair(long product) => new() { ["name"] = "X", ["productId"] = product, ["supplierId"] = s };
        var moved = store.Seed("supplierProducts", Pair(p1));
        Assert.ThrowsAny<Exception>(() => store.Seed("supplierProducts", Pair(p1)));
        store.Change("supplierProducts", moved, new JsonObject { ["productId"] = p2 });
        store.Seed("supplierProducts", Pair(p1));
        Assert.ThrowsAny<Exception>(() => store.Seed("supplierProducts", Pair(p2)));
        Assert.True(store.Remove("supplierProducts", moved));
        store.Seed("supplierProducts", Pair(p2));
        Assert.Equal([p1, p2], store.All("supplierProducts").Select(r => r.GetLong("productId")!.Value).Order());
    }

    [Fact]
    public async Task Create_DefaultedAttributesSentAsNull_AreFilledAsOptiplyDefaultsSays()
    {
        // Every attribute of OptiplyDefaults.OnCreate, sent as null on a create, comes back filled; and a PATCH with
        // null does not refill it (why clients must never send null for one of them).
        await using var raw = await OptiplyRaw.StartAsync();
        var store = raw.Emulator.Store;
        JsonObject Nulls(string type, JsonObject attrs)
        {
            foreach (var name in OptiplyDefaults.OnCreate[type]) attrs[name] = null;
            return attrs;
        }
        var product = store.Seed("products", Nulls("products", new JsonObject { ["name"] = "A", ["stockLevel"] = 0 }));
        var supplier = store.Seed("suppliers", new JsonObject { ["name"] = "ACME", ["deliveryTime"] = 3 });
        var supplierProduct = store.Seed("supplierProducts", Nulls("supplierProducts", new JsonObject { ["name"] = "A", ["productId"] = product, ["supplierId"] = supplier }));
        var order = store.Seed("buyOrders", Nulls("buyOrders", new JsonObject
        {
            ["placed"] = "2025-01-01T00:00:00Z", ["supplierId"] = supplier, ["totalValue"] = 20,
            ["orderLines"] = new JsonArray(Nulls("buyOrderLines", new JsonObject { ["productId"] = product, ["quantity"] = 2, ["subtotalValue"] = 20 })),
        }));
        var created = new Dictionary<string, OptiplyRow>
        {
            ["products"] = store.Get("products", product)!, ["supplierProducts"] = store.Get("supplierProducts", supplierProduct)!,
            ["buyOrders"] = store.Get("buyOrders", order)!, ["buyOrderLines"] = store.All("buyOrderLines").Single(),
        };
        Assert.Equal(OptiplyDefaults.OnCreate.Keys.Order(), created.Keys.Order());
        foreach (var (type, row) in created)
            foreach (var name in OptiplyDefaults.OnCreate[type])
                Assert.True(row.Attributes[name] is not null, $"{type}.{name} was not filled on create");
        Assert.Equal("2025-01-04T00:00:00.000Z", created["buyOrders"].GetString("expectedDeliveryDate")); // placed + the supplier's 3 days

        var patched = store.Change("supplierProducts", supplierProduct, new JsonObject { ["minimumPurchaseQuantity"] = null });
        Assert.Null(patched.Attributes["minimumPurchaseQuantity"]);
    }
}
