// A create whose outcome is unknown must be looked up, never repeated (issue 10.2, 10.3): a 500 answer to a
// POST that did create the record, and a lost answer while another integration writes many records into the
// same account. Each ends with exactly one Optiply record per Odoo record, however many runs follow.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.Streams;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Reliability;

public sealed class LostCreateTests
{
    [Fact]
    public async Task CreateThatLandsButAnswers500_IsFoundAndBound_NeverCreatedAgain()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Optiply.Lies.AnswerLandedCreatesWith500(3);
        for (var run = 0; run < 3; run++) await h.SyncAsync(new SyncOptions(Streams: new HashSet<string> { StreamNames.Products }));
        var products = h.Optiply.Store.All("products");
        var perRemoteId = products.GroupBy(p => p.RemoteId(h.Optiply.CouplingId)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(perRemoteId);
        Assert.Equal(25, products.Count);
        Assert.Equal(25, await h.Store.GetBindingsAsync(StreamNames.Products).CountAsync(b => !b.IsPending));
    }

    [Fact]
    public async Task LostCreate_AfterAnotherIntegrationWrote150Records_IsStillFound()
    {
        await using var h = await SyncHarness.StartAsync();
        var busy = new BusyNeighbourTarget(h.Target, h, loseCreateNumber: 3, othersWrite: 150);
        var first = await h.SyncAsync(new SyncOptions(Streams: new HashSet<string> { StreamNames.Products }), busy);
        Assert.True(busy.Lost, "the test must lose one create");
        await h.SyncAsync(new SyncOptions(Streams: new HashSet<string> { StreamNames.Products }));
        var ours = h.Optiply.Store.All("products").Where(p => p.RemoteId(h.Optiply.CouplingId) == busy.LostRemoteId).ToList();
        Assert.Single(ours);
        Assert.Equal(25, h.Optiply.Store.All("products").Count(p => p.RemoteId(h.Optiply.CouplingId) is { } r && !r.StartsWith("other-")));
        Assert.Equal(0, first.Of(StreamNames.Products).Failed);
    }

    /// <summary>Performs every create; for the n-th, another integration then writes many products into the account and the answer is lost.</summary>
    private sealed class BusyNeighbourTarget(IOptiplyTarget inner, SyncHarness h, int loseCreateNumber, int othersWrite) : PassThroughTarget(inner)
    {
        private int _creates;
        public bool Lost { get; private set; }
        public string? LostRemoteId { get; private set; }

        public override async Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct)
        {
            var id = await base.CreateAsync(resource, attributes, ct);
            if (resource != "products" || ++_creates != loseCreateNumber) return id;
            for (var i = 0; i < othersWrite; i++)
                h.Optiply.Store.Seed("products", new JsonObject { ["name"] = $"Other integration {i}", ["stockLevel"] = 0, ["remoteId"] = $"other-{i}" });
            (Lost, LostRemoteId) = (true, attributes["remoteId"]!.GetValue<string>());
            throw new TargetWriteException(Outcome.Retriable, "the answer was lost");
        }
    }
}
