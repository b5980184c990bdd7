// The adoption rules on their own, in memory: remote id first, a natural key only where it is unique on
// both sides, claims never shared, and what "already says the same" means (numbers, instants, remote ids).
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Adoption;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Tests.Adoption;

public sealed class AdopterTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"adopter-{Guid.NewGuid():N}.db");
    private SqliteStateStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteStateStore.OpenAsync(_path, "t");

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private static TargetRecord Rec(string id, JsonObject attrs, params string[] remoteIds) => new(id, attrs, remoteIds);

    private async Task<Adopter> AdopterOver(params TargetRecord[] records)
    {
        var binder = await Binder.LoadAsync(_store, "products", TimeProvider.System);
        return Adopter.Over(AdoptionIndex.Of("products", [new("skuCode"), new("eanCode")], records), binder);
    }

    [Fact]
    public async Task RemoteId_Wins_AndAnEqualRecordIsNotWritten()
    {
        var a = await AdopterOver(Rec("7", new JsonObject { ["name"] = "Desk", ["price"] = "12.50", ["skuCode"] = "D1" }, "12"));
        var d = a.Decide("12", new JsonObject { ["name"] = "Desk", ["price"] = 12.5, ["skuCode"] = "D1", ["remoteId"] = "12" }, null);
        Assert.Equal((AdoptionVerdict.Adopt, "7", true), (d.Verdict, d.TargetId, d.Equal));
        Assert.Equal(1, a.Counter.ByRemoteId);
    }

    [Fact]
    public async Task SameRemoteIdTwiceInOptiply_IsAmbiguous()
    {
        var a = await AdopterOver(Rec("7", new JsonObject(), "12"), Rec("8", new JsonObject(), "12"));
        var d = a.Decide("12", new JsonObject { ["remoteId"] = "12" }, null);
        Assert.Equal(AdoptionVerdict.Ambiguous, d.Verdict);
        Assert.Contains("7, 8", d.Reason);
    }

    [Fact]
    public async Task NaturalKey_UniqueOnBothSides_AdoptsAndAsksToWriteTheRemoteId()
    {
        var a = await AdopterOver(Rec("7", new JsonObject { ["skuCode"] = "D1", ["remoteIdMap"] = new JsonObject() }));
        Assert.True(a.TryDefer(new MappedItem("12", MapResult.Send(new JsonObject { ["skuCode"] = "D1", ["remoteId"] = "12" }))));
        var (items, counts) = a.TakeDeferred();
        var d = a.Decide("12", items[0].Result.Payload!, null, counts);
        Assert.Equal((AdoptionVerdict.Adopt, "7", false), (d.Verdict, d.TargetId, d.Equal)); // remoteId differs: written once
    }

    [Fact]
    public async Task NaturalKey_SharedByTwoOdooRecords_IsAmbiguousForBoth()
    {
        var a = await AdopterOver(Rec("7", new JsonObject { ["skuCode"] = "D1" }));
        foreach (var id in new[] { "12", "13" })
            Assert.True(a.TryDefer(new MappedItem(id, MapResult.Send(new JsonObject { ["skuCode"] = "D1", ["remoteId"] = id }))));
        var (items, counts) = a.TakeDeferred();
        Assert.All(items, i => Assert.Equal(AdoptionVerdict.Ambiguous, a.Decide(i.SourceId, i.Result.Payload!, null, counts).Verdict));
        Assert.Equal(["12", "13"], a.AmbiguousSources.Order());
    }

    [Fact]
    public async Task SkuAbsent_FallsBackToEan_AndNothingMatching_IsCreated()
    {
        var a = await AdopterOver(Rec("7", new JsonObject { ["eanCode"] = "871234500000" }));
        Assert.Equal("7", a.Decide("12", new JsonObject { ["skuCode"] = null, ["eanCode"] = "871234500000" }, null).TargetId);
        Assert.Equal(AdoptionVerdict.Create, a.Decide("13", new JsonObject { ["skuCode"] = "NEW" }, null).Verdict);
        Assert.Equal(1, a.Counter.ToCreate);
    }

    [Fact]
    public async Task ARecordBoundAlready_IsNeverAdoptedByAnother()
    {
        var binder = await Binder.LoadAsync(_store, "products", TimeProvider.System);
        await binder.BindAsync("99", "7", "h");
        var a = Adopter.Over(AdoptionIndex.Of("products", [new("skuCode")], [Rec("7", new JsonObject { ["skuCode"] = "D1" })]), binder);
        Assert.Equal(AdoptionVerdict.Create, a.Decide("12", new JsonObject { ["skuCode"] = "D1" }, null).Verdict);
    }

    [Theory]
    [InlineData("\"2026-11-20T09:30:00Z\"", "\"2026-11-20T09:30:00.000+00:00\"", true)]
    [InlineData("12.5", "\"12.50\"", true)]
    [InlineData("\"0012\"", "12", false)] // a code is not a number
    [InlineData("null", "null", true)]
    [InlineData("\"a\"", "\"b\"", false)]
    public void Same_ComparesValuesAsOptiplyEchoesThem(string ours, string theirs, bool same) =>
        Assert.Equal(same, PayloadComparer.Same(JsonNode.Parse(ours), JsonNode.Parse(theirs)));

    [Fact]
    public void Differences_IgnoreWriteOnlyAttributesAndRemoteIdsOfResourcesWithoutAMap()
    {
        var payload = new JsonObject { ["quantity"] = 3, ["orderLines"] = new JsonArray(), ["remoteId"] = "5" };
        Assert.Empty(PayloadComparer.Differences(payload, new JsonObject { ["quantity"] = 3 }, []));
        Assert.Equal(["remoteId"], PayloadComparer.Differences(payload, new JsonObject { ["quantity"] = 3, ["remoteIdMap"] = new JsonObject() }, []));
    }
}
