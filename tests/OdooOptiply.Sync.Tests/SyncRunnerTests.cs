// End-to-end tests of SyncRunner over HTTP between the two emulators: every stream on every Odoo version
// profile, the rerun that must not write to Optiply at all, dry runs, dependency stops, forced full reads
// and the periodic reconciliation.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests;

public class SyncRunnerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(16, "xmlrpc")]
    [InlineData(17, "jsonrpc")]
    [InlineData(18, "xmlrpc")]
    [InlineData(19, "json2")]
    public async Task RunAsync_DemoCompanyOnEveryVersion_EveryStreamTravelsAndRerunWritesNothing(int version, string protocol)
    {
        await using var h = await SyncHarness.StartAsync(version, flags: f => f with { MapSellOrdersPos = true }, protocol: protocol);
        var first = await h.SyncAsync();
        output.WriteLine(first.Describe());
        Assert.True(first.Succeeded, first.Describe());
        foreach (var stream in new[] { "products", "productCompositions", "suppliers", "supplierProducts", "sellOrders", "sellOrdersPos", "buyOrders", "buyOrderLines", "receiptLines" })
            Assert.True(first.Of(stream).Created > 0, $"{stream} created nothing on v{version}\n{first.Describe()}");
        Assert.All(first.Streams, s => Assert.Equal(0, s.Failed));
        var writes = h.Optiply.WriteCount;
        var second = await h.SyncAsync();
        output.WriteLine(second.Describe());
        Assert.True(second.Succeeded, second.Describe());
        Assert.Equal(writes, h.Optiply.WriteCount);
        Assert.Equal(0, second.Writes);
    }

    [Fact]
    public async Task RunAsync_ReceiptLines_SumToEachLinesReceivedQuantity()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.True((await h.SyncAsync()).Succeeded);
        var lines = h.Odoo.Data.Search("purchase.order.line", "[[\"qty_received\",\">\",0]]");
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var target = h.ByRemoteIdOrNull("buyOrderLines", line["id"]!.ToString()!) ?? FindLine(h, Convert.ToInt64(line["id"]));
            var sum = h.Optiply.Store.All("receiptLines").Where(r => r.GetLong("buyOrderLineId") == target).Sum(r => r.GetLong("quantity") ?? 0);
            Assert.Equal(Convert.ToDouble(line["qty_received"]), sum);
        }
    }

    private static long? FindLine(SyncHarness h, long odooLineId) =>
        h.Store.GetBindingAsync("buyOrderLines", odooLineId.ToString()).GetAwaiter().GetResult() is { } b ? long.Parse(b.TargetId) : null;

    [Fact]
    public async Task RunAsync_DryRun_CountsWhatWouldTravelAndWritesNothing()
    {
        await using var h = await SyncHarness.StartAsync();
        var dry = await h.SyncAsync(new SyncOptions(DryRun: true));
        Assert.True(dry.Succeeded, dry.Describe());
        Assert.Equal(0, h.Optiply.WriteCount);
        Assert.Empty(await h.Store.GetRecentRunsAsync(1));
        Assert.Empty(await h.Store.GetBookmarksAsync());
        var real = await h.SyncAsync();
        Assert.Equal(real.Of("products").Created, dry.Of("products").Created);
        Assert.Equal(real.Of("supplierProducts").Created, dry.Of("supplierProducts").Created);
    }

    [Fact]
    public async Task RunAsync_ProductsFail_DependentsNotRunOthersDo()
    {
        await using var h = await SyncHarness.StartAsync();
        var run = await h.SyncAsync(target: new RefusingTarget(h.Target, "products"));
        output.WriteLine(run.Describe());
        Assert.Equal(StreamStatus.Failed, run.Of("products").Status);
        foreach (var dependent in new[] { "productCompositions", "supplierProducts", "sellOrders", "buyOrders", "receiptLines" })
            Assert.Equal(StreamStatus.NotRun, run.Of(dependent).Status);
        Assert.Equal(StreamStatus.Ok, run.Of("suppliers").Status);
        Assert.True(h.Count("suppliers") > 0);
        Assert.False(run.Succeeded);
    }

    [Fact]
    public async Task RunAsync_FullSyncStreams_ReadOnlyThoseInFull()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var h = await SyncHarness.StartAsync(clock: clock);
        clock.Advance(TimeSpan.FromHours(1));
        await h.SyncAsync();
        clock.Advance(TimeSpan.FromHours(1));
        h.Config = h.Config with { Run = h.Config.Run with { FullSyncStreams = new HashSet<string> { "products" } } };
        var run = await h.SyncAsync();
        Assert.True(run.Of("products").FullRead);
        Assert.Equal(30, run.Of("products").Read);
        Assert.False(run.Of("sellOrders").FullRead);
        Assert.Equal(0, run.Of("sellOrders").Read);
        Assert.Equal(0, run.Writes);
    }

    [Fact]
    public async Task RunAsync_ReconciliationDue_ReadsEverythingInFull()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var h = await SyncHarness.StartAsync(clock: clock);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.All((await h.SyncAsync()).Streams.Where(s => s.Status == StreamStatus.Ok), s => Assert.True(s.FullRead));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.All((await h.SyncAsync()).Streams.Where(s => s.Status == StreamStatus.Ok && s.Stream is "products" or "sellOrders"), s => Assert.False(s.FullRead));
        clock.Advance(TimeSpan.FromHours(23));
        var due = await h.SyncAsync();
        Assert.All(due.Streams.Where(s => s.Status == StreamStatus.Ok), s => Assert.True(s.FullRead));
        Assert.Equal(0, due.Writes);
    }

    /// <summary>Fails every write to one resource as Optiply would on a revoked key.</summary>
    private sealed class RefusingTarget(IOptiplyTarget inner, string resource) : PassThroughTarget(inner)
    {
        // A stream failure that is not fatal for the run (a 401 would stop every stream: RunFailuresTests).
        private Task Check(string r) => r == resource ? throw new InvalidOperationException("products broke") : Task.CompletedTask;
        public override async Task<string> CreateAsync(string r, JsonObject a, CancellationToken ct) { await Check(r); return await Inner.CreateAsync(r, a, ct); }
        public override async Task UpdateAsync(string r, string id, JsonObject a, CancellationToken ct) { await Check(r); await Inner.UpdateAsync(r, id, a, ct); }
        public override async Task<bool> DeleteAsync(string r, string id, CancellationToken ct) { await Check(r); return await Inner.DeleteAsync(r, id, ct); }
    }

    [Fact]
    public async Task RunAsync_EveryPayloadSent_HasNoNullForAnAttributeOptiplyDefaults()
    {
        // The rule the crash suite taught (docs/reliability.md): a null for an attribute Optiply fills on a create
        // (OptiplyDefaults) would end differently after a PATCH. Every create and update of a full run, and of a
        // run after changes, with every flag that adds such an attribute on.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var h = await SyncHarness.StartAsync(clock: clock,
            flags: f => f with { MapLotSizes = true, MapPreferred = true, MapSellOrdersPos = true, BoCompletedOnReceipt = true });
        var sent = new SentPayloads(h.Target);
        Assert.True((await h.SyncAsync(target: sent)).Succeeded);
        clock.Advance(TimeSpan.FromHours(1));
        OdooOptiply.Sync.Tests.Reliability.ScenarioSteps.ChangeOdoo(h.Odoo);
        Assert.True((await h.SyncAsync(target: sent)).Succeeded);
        foreach (var type in OdooOptiply.Emulators.Optiply.OptiplyDefaults.OnCreate.Keys)
            Assert.True(sent.Payloads.Any(p => p.Resource == type), $"no {type} payload was sent: the check would prove nothing");
        var nulls = sent.Payloads
            .SelectMany(p => OdooOptiply.Emulators.Optiply.OptiplyDefaults.OnCreate.GetValueOrDefault(p.Resource, [])
                .Where(name => p.Attributes.ContainsKey(name) && p.Attributes[name] is null).Select(name => $"{p.Resource}.{name}"))
            .Distinct().ToList();
        Assert.True(nulls.Count == 0, "sent as null: " + string.Join(", ", nulls));
        Assert.True(sent.Updates > 0);
    }

    /// <summary>Passes every call through and keeps a copy of each created or updated payload.</summary>
    private sealed class SentPayloads(IOptiplyTarget inner) : PassThroughTarget(inner)
    {
        public List<(string Resource, JsonObject Attributes)> Payloads { get; } = [];
        public int Updates { get; private set; }
        public override Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct)
        {
            Payloads.Add((resource, (JsonObject)attributes.DeepClone()));
            return base.CreateAsync(resource, attributes, ct);
        }
        public override Task UpdateAsync(string resource, string id, JsonObject attributes, CancellationToken ct)
        {
            Payloads.Add((resource, (JsonObject)attributes.DeepClone()));
            Updates++;
            return base.UpdateAsync(resource, id, attributes, ct);
        }
    }
}
