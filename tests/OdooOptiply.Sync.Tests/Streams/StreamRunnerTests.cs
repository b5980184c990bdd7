// End-to-end tests of the one loop (StreamRunner) over HTTP between both emulators, time driven by a fake
// clock: incremental reads see exactly what changed (stock-only changes, archiving, deleting, new orders,
// deleted supplier prices), ties on write_date and late commits are not lost, lost creates are not repeated.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Streams;

public class StreamRunnerTests(ITestOutputHelper output)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private async Task<SyncHarness> SyncedAsync(Func<OdooOptiply.Sync.Config.SyncFlags, OdooOptiply.Sync.Config.SyncFlags>? flags = null)
    {
        var h = await SyncHarness.StartAsync(flags: flags, clock: _clock);
        _clock.Advance(TimeSpan.FromHours(1)); // the seed's write_date lies outside the next runs' overlap window
        var first = await h.SyncAsync();
        Assert.True(first.Succeeded, first.Describe());
        _clock.Advance(TimeSpan.FromHours(1));
        return h;
    }

    private async Task<RunReport> AgainAsync(SyncHarness h)
    {
        var run = await h.SyncAsync();
        output.WriteLine(run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        return run;
    }

    [Fact]
    public async Task RunAsync_StockOnlyChange_UpdatesThatProductOnly()
    {
        await using var h = await SyncedAsync();
        var product = h.ProductId("OPT-0003");
        var before = (long)h.ByRemoteId("products", product.ToString())!["stockLevel"]!;
        h.Odoo.Data.AdjustStock(product, h.IdOf("stock.location", "[[\"usage\",\"=\",\"internal\"]]"), 7);
        var writes = h.Optiply.WriteCount;
        var run = await AgainAsync(h);
        Assert.Equal(before + 7, (long)h.ByRemoteId("products", product.ToString())!["stockLevel"]!);
        Assert.Equal(1, run.Of("products").Updated);
        Assert.Equal(1, h.Optiply.WriteCount - writes);
        Assert.True(run.Of("products").Read <= 2, "only the changed product is read");
    }

    [Fact]
    public async Task RunAsync_ArchivedProduct_IsDisabled()
    {
        await using var h = await SyncedAsync();
        var product = h.ProductId("OPT-0004");
        h.Odoo.Data.Write("product.product", [product], new Dictionary<string, object?> { ["active"] = false });
        var run = await AgainAsync(h);
        Assert.Equal("disabled", (string)h.ByRemoteId("products", product.ToString())!["status"]!);
        Assert.Equal(1, run.Of("products").Updated);
    }

    [Fact]
    public async Task RunAsync_DeletedProduct_IsDeletedInOptiply()
    {
        await using var h = await SyncedAsync();
        var tmpl = h.Odoo.Data.Create("product.template", new Dictionary<string, object?> { ["name"] = "Temp", ["type"] = "consu", ["is_storable"] = true, ["default_code"] = "TMP-1" });
        await AgainAsync(h);
        var product = h.ProductId("TMP-1");
        Assert.NotNull(h.ByRemoteId("products", product.ToString()));
        _clock.Advance(TimeSpan.FromHours(1));
        h.Odoo.Data.Unlink("product.template", [tmpl]);
        var run = await AgainAsync(h);
        Assert.Null(h.ByRemoteId("products", product.ToString()));
        Assert.Equal(1, run.Of("products").Deleted);
    }

    [Fact]
    public async Task RunAsync_NewSaleOrder_TravelsAlone()
    {
        await using var h = await SyncedAsync();
        var customer = h.IdOf("res.partner", "[[\"customer_rank\",\">\",0]]");
        var order = h.Odoo.Data.Create("sale.order", new Dictionary<string, object?>
        {
            ["partner_id"] = customer, ["state"] = "sale", ["date_order"] = "2026-03-02 09:30:00",
            ["order_line"] = new List<object?> { new List<object?> { 0L, 0L, new Dictionary<string, object?> { ["product_id"] = h.ProductId("OPT-0001"), ["product_uom_qty"] = 3.0, ["price_unit"] = 10.0 } } },
        });
        var writes = h.Optiply.WriteCount;
        var run = await AgainAsync(h);
        Assert.Equal(1, run.Of("sellOrders").Created);
        Assert.Equal(1, h.Optiply.WriteCount - writes);
        var created = h.ByRemoteId("sellOrders", order.ToString())!;
        Assert.Equal(30.0, double.Parse(created["totalValue"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RunAsync_DeletedSupplierPrice_DeletesSupplierProduct()
    {
        await using var h = await SyncedAsync();
        var before = h.Count("supplierProducts");
        // A (vendor, variant) pair with one row only: deleting it removes the pair (a price break would only change it).
        var rows = h.Odoo.Data.Search("product.supplierinfo", "[[\"product_id\",\"!=\",false]]");
        var single = rows.GroupBy(r => (Id(r["partner_id"]), Id(r["product_id"]))).First(g => g.Count() == 1).Single();
        h.Odoo.Data.Unlink("product.supplierinfo", [Convert.ToInt64(single["id"])]);
        var run = await AgainAsync(h);
        Assert.Equal(1, run.Of("supplierProducts").Deleted);
        Assert.Equal(before - 1, h.Count("supplierProducts"));
        Assert.Null(h.ByRemoteId("supplierProducts", $"{Id(single["partner_id"])}_{Id(single["product_id"])}"));
    }

    [Fact]
    public async Task RunAsync_DeletedBom_ParentNoLongerAssembledAndOnlyItWritten()
    {
        await using var h = await SyncedAsync();
        var bom = h.Odoo.Data.Search("mrp.bom", "[[\"code\",\"=\",\"KIT\"]]").Single();
        var parent = h.IdOf("product.product", $"[[\"product_tmpl_id\",\"=\",{Id(bom["product_tmpl_id"])}]]");
        Assert.True((bool)h.ByRemoteId("products", parent.ToString())!["assembled"]!);
        h.Odoo.Data.Unlink("mrp.bom", [Convert.ToInt64(bom["id"])]);
        var run = await AgainAsync(h);
        Assert.False((bool)h.ByRemoteId("products", parent.ToString())!["assembled"]!);
        Assert.Equal((0, 1, 0), (run.Of("products").Created, run.Of("products").Updated, run.Of("products").Deleted));
        Assert.Equal(3, run.Of("productCompositions").Deleted);
        Assert.Equal(0, (await AgainAsync(h)).Of("products").Updated);
    }

    [Fact]
    public async Task RunAsync_DeletedBomWithTemplates_TemplateNoLongerAssembled()
    {
        await using var h = await SyncedAsync(f => f with { UseTemplates = true });
        var bom = h.Odoo.Data.Search("mrp.bom", "[[\"code\",\"=\",\"KIT\"]]").Single();
        var template = Id(bom["product_tmpl_id"]).ToString();
        Assert.True((bool)h.ByRemoteId("products", template)!["assembled"]!);
        h.Odoo.Data.Unlink("mrp.bom", [Convert.ToInt64(bom["id"])]);
        var run = await AgainAsync(h);
        Assert.False((bool)h.ByRemoteId("products", template)!["assembled"]!);
        Assert.Equal(1, run.Of("products").Updated);
    }

    [Fact]
    public async Task RunAsync_LastBomLineRemoved_ParentNoLongerAssembled()
    {
        await using var h = await SyncedAsync();
        var bom = h.Odoo.Data.Search("mrp.bom", "[[\"product_id\",\"!=\",false]]").Single();
        var parent = Id(bom["product_id"]);
        Assert.True((bool)h.ByRemoteId("products", parent.ToString())!["assembled"]!);
        var lines = h.Odoo.Data.Search("mrp.bom.line", $"[[\"bom_id\",\"=\",{bom["id"]}]]").Select(l => Convert.ToInt64(l["id"])).ToList();
        h.Odoo.Data.Unlink("mrp.bom.line", lines);
        var run = await AgainAsync(h);
        Assert.False((bool)h.ByRemoteId("products", parent.ToString())!["assembled"]!);
        Assert.Equal(1, run.Of("products").Updated);
        Assert.Equal(lines.Count, run.Of("productCompositions").Deleted);
    }

    [Fact]
    public async Task RunAsync_SupplierPricesOutOfForce_AreIgnored()
    {
        await using var h = await SyncedAsync();
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var singles = h.Odoo.Data.Search("product.supplierinfo", "[[\"product_id\",\"!=\",false]]")
            .GroupBy(r => (Id(r["partner_id"]), Id(r["product_id"]))).Where(g => g.Count() == 1).Select(g => g.Single()).Take(2).ToList();
        // A pair whose only price expired yesterday leaves Optiply.
        var expired = singles[0];
        h.Odoo.Data.Write("product.supplierinfo", [Convert.ToInt64(expired["id"])],
            new Dictionary<string, object?> { ["date_end"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        // A cheaper price break starting next month does not replace today's price.
        var kept = singles[1];
        var keptId = $"{Id(kept["partner_id"])}_{Id(kept["product_id"])}";
        var price = h.ByRemoteId("supplierProducts", keptId)!["price"]!.ToJsonString();
        h.Odoo.Data.Create("product.supplierinfo", new Dictionary<string, object?>
        {
            ["partner_id"] = Id(kept["partner_id"]), ["product_tmpl_id"] = Id(kept["product_tmpl_id"]), ["product_id"] = Id(kept["product_id"]),
            ["price"] = 0.5, ["min_qty"] = 0.0, ["delay"] = 1L, ["sequence"] = 0L, ["company_id"] = 1L, ["product_uom"] = 1L,
            ["date_start"] = today.AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        var run = await AgainAsync(h);
        Assert.Null(h.ByRemoteId("supplierProducts", $"{Id(expired["partner_id"])}_{Id(expired["product_id"])}"));
        Assert.Equal(price, h.ByRemoteId("supplierProducts", keptId)!["price"]!.ToJsonString());
        Assert.Equal((0, 0, 1), (run.Of("supplierProducts").Created, run.Of("supplierProducts").Updated, run.Of("supplierProducts").Deleted));
    }

    [Fact]
    public async Task RunAsync_SupplierPriceValidity_IsReckonedInTheOdooUsersTimeZone()
    {
        // 11:00 UTC on 2 March is already 3 March in Kiritimati (UTC+14): a price ending on 2 March has expired there.
        await using var h = await SyncedAsync();
        var utcToday = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var single = h.Odoo.Data.Search("product.supplierinfo", "[[\"product_id\",\"!=\",false]]")
            .GroupBy(r => (Id(r["partner_id"]), Id(r["product_id"]))).Where(g => g.Count() == 1).Select(g => g.Single()).First();
        var pair = $"{Id(single["partner_id"])}_{Id(single["product_id"])}";
        h.Odoo.Data.Write("product.supplierinfo", [Convert.ToInt64(single["id"])],
            new Dictionary<string, object?> { ["date_end"] = utcToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        await AgainAsync(h);
        Assert.NotNull(h.ByRemoteId("supplierProducts", pair)); // Europe/Brussels (the seed's): still 2 March, in force

        h.Odoo.Data.Write("res.users", [2], new Dictionary<string, object?> { ["tz"] = "Pacific/Kiritimati" });
        _clock.Advance(TimeSpan.FromMinutes(1));
        var run = await AgainAsync(h);
        Assert.Null(h.ByRemoteId("supplierProducts", pair));
        Assert.Equal(1, run.Of("supplierProducts").Deleted);
    }

    [Fact]
    public async Task RunAsync_WriteDateTiesAcrossPages_NoneIsLost()
    {
        await using var h = await SyncedAsync();
        h.Config = h.Config with { Odoo = h.Config.Odoo with { PageSize = 2 } };
        var same = _clock.GetUtcNow().UtcDateTime;
        var ids = Enumerable.Range(1, 5).Select(i => h.Odoo.Data.Create("product.template",
            new Dictionary<string, object?> { ["name"] = $"Tie {i}", ["type"] = "consu", ["is_storable"] = true, ["default_code"] = $"TIE-{i}" })).ToList();
        var variants = ids.Select(t => h.IdOf("product.product", $"[[\"product_tmpl_id\",\"=\",{t}]]")).ToList();
        h.Odoo.Data.Write("product.product", variants, new Dictionary<string, object?> { ["barcode"] = false }, same);
        var run = await AgainAsync(h);
        Assert.Equal(5, run.Of("products").Created);
        Assert.All(variants, v => Assert.NotNull(h.ByRemoteId("products", v.ToString())));
    }

    [Fact]
    public async Task RunAsync_SupplierRowsMappedInSmallBatches_SameSupplierProductsAsInOneBatch()
    {
        // Batches of whole templates (GroupField): with 2 rows per batch, every price break, template-level row and
        // first-vendor choice must still resolve as when the whole set is mapped at once.
        static SyncFlags Flags(SyncFlags f) => f with { MapPreferred = true, MapLotSizes = true };
        await using var whole = await SyncHarness.StartAsync(flags: Flags, clock: _clock);
        await using var small = await SyncHarness.StartAsync(flags: Flags, clock: _clock);
        small.Config = small.Config with { Odoo = small.Config.Odoo with { PageSize = 2 } };
        var (a, b) = (await whole.SyncAsync(), await small.SyncAsync());
        Assert.True(a.Succeeded && b.Succeeded, a.Describe() + "\n" + b.Describe());
        string Terms(SyncHarness h) => string.Join("\n", h.Optiply.Store.All("supplierProducts")
            .Select(r => $"{r.RemoteId(h.Optiply.CouplingId)} {r.GetString("name")} {r.Attributes["price"]} {r.Attributes["minimumPurchaseQuantity"]} " +
                         $"{r.Attributes["lotSize"]} {r.Attributes["deliveryTime"]} {r.Attributes["preferred"]}")
            .Order(StringComparer.Ordinal));
        Assert.True(a.Of("supplierProducts").Created >= 20, a.Describe());
        Assert.Equal(Terms(whole), Terms(small));
        Assert.Equal(a.Of("supplierProducts").Created, b.Of("supplierProducts").Created);
    }

    [Fact]
    public async Task RunAsync_LateCommitInsideOverlap_IsSeen()
    {
        await using var h = await SyncedAsync();
        await AgainAsync(h); // bookmark now at the signpost of this run
        var signpost = _clock.GetUtcNow().UtcDateTime;
        _clock.Advance(TimeSpan.FromMinutes(10));
        var product = h.ProductId("OPT-0005");
        // Written "before" the last run's signpost, committed after it: the overlap window must catch it.
        h.Odoo.Data.Write("product.product", [product], new Dictionary<string, object?> { ["barcode"] = "8700000000017" }, signpost.AddSeconds(-60));
        await AgainAsync(h);
        Assert.Equal("8700000000017", (string)h.ByRemoteId("products", product.ToString())!["eanCode"]!);
    }

    [Fact]
    public async Task RunAsync_CreateAnswerLost_IsFoundNotRepeated()
    {
        await using var h = await SyncHarness.StartAsync(clock: _clock);
        var lossy = new LosingTarget(h.Target, every: 3);
        var run = await h.SyncAsync(target: lossy);
        output.WriteLine(run.Describe());
        Assert.True(lossy.Lost > 0);
        Assert.True(run.Succeeded, run.Describe());
        var remoteIds = h.Optiply.Store.All("products").Select(r => r.RemoteId(h.Optiply.CouplingId)).ToList();
        Assert.Equal(remoteIds.Count, remoteIds.Distinct().Count());
        _clock.Advance(TimeSpan.FromHours(1));
        var writes = h.Optiply.WriteCount;
        Assert.Equal(0, (await h.SyncAsync()).Writes);
        Assert.Equal(writes, h.Optiply.WriteCount);
    }

    [Fact]
    public async Task RunAsync_CrashBetweenCreateAndBind_NextRunFindsItInsteadOfCreatingAgain()
    {
        await using var h = await SyncHarness.StartAsync(clock: _clock);
        var crashed = await h.SyncAsync(new SyncOptions(Streams: new HashSet<string> { "products", "suppliers" }), target: new CrashingTarget(h.Target, afterCreates: 4));
        Assert.Equal(StreamStatus.Failed, crashed.Of("products").Status);
        Assert.Equal(4, h.Count("products"));
        _clock.Advance(TimeSpan.FromHours(1));
        var run = await AgainAsync(h);
        var remoteIds = h.Optiply.Store.All("products").Select(r => r.RemoteId(h.Optiply.CouplingId)).ToList();
        Assert.Equal(remoteIds.Count, remoteIds.Distinct().Count());
        Assert.Equal(25, remoteIds.Count);
        Assert.Equal(21, run.Of("products").Created); // the 4th create was found again, not repeated
    }

    [Fact]
    public async Task RunAsync_StopRequestedMidStream_FinishesThePageSavesStateAndTheNextRunGoesOn()
    {
        await using var h = await SyncHarness.StartAsync(clock: _clock);
        h.Config = h.Config with { Odoo = h.Config.Odoo with { PageSize = 5 } };
        using var stop = new CancellationTokenSource();
        var stopping = new StoppingTarget(h.Target, stop, afterCreates: 7); // in the products stream's second page
        var stopped = await h.Runner(stopping).RunAsync(new SyncOptions(), stop: stop.Token);
        output.WriteLine(stopped.Describe());
        Assert.False(stopped.Succeeded);
        Assert.Equal(StreamStatus.Failed, stopped.Of("products").Status);
        Assert.Contains(OdooOptiply.Sync.Streams.StreamRunner.StoppedMessage, stopped.Of("products").Errors);
        Assert.Equal((10, 0), (stopped.Of("products").Created, stopped.Of("products").Deleted)); // the page in hand was finished
        Assert.Equal(10, h.Count("products"));
        Assert.All(stopped.Streams.Where(s => s.Stream != "products"), s => Assert.Equal(StreamStatus.NotRun, s.Status));
        Assert.NotNull(await h.Store.GetBookmarkAsync("products"));

        _clock.Advance(TimeSpan.FromMinutes(30));
        var next = await AgainAsync(h);
        Assert.Equal(15, next.Of("products").Created);
        var remoteIds = h.Optiply.Store.All("products").Select(r => r.RemoteId(h.Optiply.CouplingId)).ToList();
        Assert.Equal(remoteIds.Count, remoteIds.Distinct().Count());
    }

    /// <summary>Passes every call through and requests the stop after <paramref name="afterCreates"/> creates.</summary>
    private sealed class StoppingTarget(IOptiplyTarget inner, CancellationTokenSource stop, int afterCreates) : PassThroughTarget(inner)
    {
        private int _creates;
        public override async Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct)
        {
            var id = await base.CreateAsync(resource, attributes, ct);
            if (++_creates == afterCreates) await stop.CancelAsync();
            return id;
        }
    }

    /// <summary>Lets the first creates through, then "dies" right after the server made the next record.</summary>
    private sealed class CrashingTarget(IOptiplyTarget inner, int afterCreates) : PassThroughTarget(inner)
    {
        private int _creates;

        public override async Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct)
        {
            var id = await base.CreateAsync(resource, attributes, ct);
            if (++_creates == afterCreates) throw new InvalidOperationException("the process died here");
            return id;
        }
    }

    [Fact]
    public async Task RunAsync_ProductMovedToAnotherCompany_IsDisabledNotDeleted()
    {
        await using var h = await SyncedAsync(f => f with { CompanyIds = [1] });
        var product = h.ProductId("OPT-0006");
        h.Odoo.Data.Write("product.product", [product], new Dictionary<string, object?> { ["company_id"] = 2L });
        var run = await AgainAsync(h);
        Assert.Equal("disabled", (string)h.ByRemoteId("products", product.ToString())!["status"]!);
        Assert.Equal(0, run.Of("products").Deleted);
    }

    private static long Id(object? many2one) => many2one switch
    {
        IReadOnlyList<object?> l => Convert.ToInt64(l[0]),
        _ => Convert.ToInt64(many2one),
    };

    /// <summary>Performs every create, but reports every n-th one as lost (timeout after the server acted).</summary>
    private sealed class LosingTarget(IOptiplyTarget inner, int every) : PassThroughTarget(inner)
    {
        private int _creates;
        public int Lost { get; private set; }

        public override async Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct)
        {
            var id = await base.CreateAsync(resource, attributes, ct);
            if (++_creates % every != 0) return id;
            Lost++;
            throw new TargetWriteException(Outcome.Retriable, "the answer was lost");
        }

    }
}
