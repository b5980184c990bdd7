// Taking over an Optiply account the old integration filled (issue 9): a sync with a new or lost state
// file binds what Optiply already holds — by remote id, by a natural key unique on both sides — creates
// only what is left, reports what is ambiguous without creating it, and a second adoption writes nothing.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Streams;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Adoption;

public sealed class TakeoverTests
{
    private static readonly string[] Resources = ["products", "suppliers", "supplierProducts", "productCompositions", "sellOrders", "buyOrders", "buyOrderLines", "receiptLines"];

    private static string Counts(SyncHarness h) => string.Join(", ", Resources.Select(r => $"{r}={h.Count(r)}"));

    [Fact]
    public async Task LostState_SyncAgain_CreatesNothingTwiceAndWritesNothing()
    {
        await using var h = await SyncHarness.StartAsync();
        var first = await h.SyncAsync();
        Assert.True(first.Succeeded, first.Describe());
        var before = Counts(h);
        Assert.True(h.Count("products") > 10 && h.Count("sellOrders") > 0 && h.Count("buyOrders") > 0, before);

        await h.LoseStateAsync();
        var posts = h.Optiply.PostCount;
        var patches = h.Optiply.PatchCount;
        var deletes = h.Optiply.DeleteCount;
        var again = await h.SyncAsync();

        Assert.True(again.Succeeded, again.Describe());
        Assert.True(before == Counts(h), again.Describe());
        Assert.Equal(posts, h.Optiply.PostCount);
        Assert.Equal(patches, h.Optiply.PatchCount); // every adopted record already says what Odoo says
        Assert.Equal(deletes, h.Optiply.DeleteCount);
        var products = again.Of(StreamNames.Products).Adoption!;
        Assert.Equal(h.Count("products"), products.ByRemoteId);
        Assert.Equal(0, products.ToCreate);
        Assert.Equal(products.ByRemoteId, products.Unchanged);
    }

    [Fact]
    public async Task OldIntegrationAccount_RemoteIdsNaturalKeysAndAmbiguity()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.True((await h.SyncAsync()).Succeeded);
        var store = h.Optiply.Store;
        // The old integration's account: most records carry their remote id; some do not.
        var deskId = h.ProductId("OPT-0001");
        var desk = store.All("products").Single(r => r.RemoteId(h.Optiply.CouplingId) == deskId.ToString());
        store.ClearRemoteIds("products", desk.Id); // matched by skuCode
        var chairId = h.ProductId("OPT-0002");
        var chair = store.All("products").Single(r => r.RemoteId(h.Optiply.CouplingId) == chairId.ToString());
        store.ClearRemoteIds("products", chair.Id);
        var chairTwin = store.Seed("products", new JsonObject { ["name"] = "Chair (imported twice)", ["stockLevel"] = 0, ["skuCode"] = "OPT-0002" }); // SKU shared: ambiguous
        var supplier = store.All("suppliers").First();
        store.ClearRemoteIds("suppliers", supplier.Id); // matched by name
        var sp = store.All("supplierProducts").First();
        store.ClearRemoteIds("supplierProducts", sp.Id); // matched by (product, supplier)
        var stranger = store.Seed("suppliers", new JsonObject { ["name"] = "Not In Odoo BV" });
        store.Seed("supplierProducts", new JsonObject { ["name"] = "orphan", ["productId"] = desk.Id, ["supplierId"] = stranger });
        // A different name in Optiply: the adopted record is updated once.
        var deskName = desk.GetString("name");
        store.Change("products", desk.Id, new JsonObject { ["name"] = "Desk (renamed in Optiply)" });
        var before = Counts(h);

        await h.LoseStateAsync();
        var posts = h.Optiply.PostCount;
        var run = await h.SyncAsync();

        Assert.Equal(posts, h.Optiply.PostCount); // not a single create: the ambiguous chair waits, everything else was adopted
        Assert.Equal(before, Counts(h));
        var products = run.Of(StreamNames.Products);
        Assert.Equal(1, products.Adoption!.ByNaturalKey);
        Assert.Equal(1, products.Adoption.Ambiguous);
        Assert.Equal(2, products.Adoption.Unmatched); // the chair and its twin: ambiguous, left alone by default
        Assert.Contains(products.Errors, e => e.Contains("skuCode=OPT-0002") && e.Contains(chair.Id.ToString()) && e.Contains(chairTwin.ToString()));
        Assert.Equal(deskName, store.Get("products", desk.Id)!.GetString("name")); // Odoo's name, written once
        Assert.Equal(deskId.ToString(), store.Get("products", desk.Id)!.RemoteId(h.Optiply.CouplingId)); // remote id written back
        Assert.Equal(1, run.Of(StreamNames.Suppliers).Adoption!.ByNaturalKey);
        Assert.Equal(1, run.Of(StreamNames.SupplierProducts).Adoption!.ByNaturalKey);
        Assert.True(run.Of(StreamNames.SupplierProducts).Adoption!.Unmatched >= 1);
        // The ambiguous product has no binding, so its supplier products and lines wait too: none created.
        Assert.Null(await h.Store.GetBindingAsync(StreamNames.Products, chairId.ToString()));

        // A later run (adoption done) keeps the ambiguous record uncreated.
        var later = await h.SyncAsync();
        Assert.Equal(posts, h.Optiply.PostCount);
        Assert.Contains(later.Of(StreamNames.Products).SkipReasons.Keys, k => k.Contains("ambiguous"));

        // Adopting the same account again, from a lost state once more, writes nothing.
        await h.LoseStateAsync();
        var writes = h.Optiply.WriteCount;
        var third = await h.SyncAsync();
        Assert.Equal(writes, h.Optiply.WriteCount);
        Assert.Equal(before, Counts(h));
        Assert.Equal(1, third.Of(StreamNames.Products).Adoption!.Ambiguous);

        // Once a user removes the twin, sync --adopt binds the chair by its SKU.
        store.Remove("products", chairTwin);
        var settled = await h.SyncAsync(new SyncOptions(Adopt: true));
        Assert.Equal(posts, h.Optiply.PostCount);
        Assert.NotNull(await h.Store.GetBindingAsync(StreamNames.Products, chairId.ToString()));
        Assert.Equal(0, settled.Of(StreamNames.Products).Adoption!.Ambiguous);
    }

    [Fact]
    public async Task DryRunAdopt_PrintsThePlanAndWritesNothing()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.True((await h.SyncAsync()).Succeeded);
        await h.LoseStateAsync();
        var writes = h.Optiply.WriteCount;
        var plan = await h.SyncAsync(new SyncOptions(DryRun: true, Adopt: true));
        Assert.Equal(writes, h.Optiply.WriteCount);
        Assert.Empty(await h.Store.GetBindingsAsync(StreamNames.Products).ToListAsync());
        var products = plan.Of(StreamNames.Products).Adoption!;
        Assert.Equal(h.Count("products"), products.ByRemoteId);
        Assert.Contains("adopted", products.Describe());
    }

    [Fact]
    public async Task DisableUnmatched_DisablesOptiplyOnlyProducts()
    {
        await using var h = await SyncHarness.StartAsync(flags: f => f with { AdoptUnmatched = OdooOptiply.Sync.Config.AdoptUnmatchedValues.Disable });
        var lone = h.Optiply.Store.Seed("products", new JsonObject { ["name"] = "Only in Optiply", ["stockLevel"] = 1, ["skuCode"] = "LONE-1", ["status"] = "enabled" });
        var run = await h.SyncAsync();
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal("disabled", h.Optiply.Store.Get("products", lone)!.GetString("status"));
        Assert.Equal(1, run.Of(StreamNames.Products).Adoption!.Disabled);
    }
}
