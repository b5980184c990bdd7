// The Singer target contract, watched at the moment each STATE line is printed: every record before it is already
// in Odoo. Also: the summary travels in every STATE, a previous state (--state) is emitted again when the tap sends
// none, a tap state that is not an object is kept whole, and a record repeated within one run counts as existing.
using System.Text;
using System.Text.Json.Nodes;
using OdooOptiply.Singer.Target;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Singer.Tests.Target;

public sealed class StateContractTests
{
    /// <summary>Checks Odoo whenever a line is written: the number of purchase orders named 5xxx at that instant.</summary>
    private sealed class WatchingWriter(TargetHarness h) : StringWriter
    {
        public List<int> OrdersAtEachState { get; } = [];

        public override void WriteLine(string? value)
        {
            OrdersAtEachState.Add(h.Search("purchase.order", "[[\"name\",\"=like\",\"5%\"],[\"state\",\"=\",\"purchase\"]]").Count);
            base.WriteLine(value);
        }
    }

    [Fact]
    public async Task State_IsPrintedOnlyAfterTheRecordsBeforeItAreInOdoo()
    {
        await using var h = await TargetHarness.StartAsync();
        var schema = File.ReadLines(TargetHarness.MessagesFile("buyorders.jsonl")).First();
        string Order(int id) => new JsonObject
        {
            ["type"] = "RECORD", ["stream"] = "BuyOrders",
            ["record"] = new JsonObject { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["supplier_remoteId"] = "4", ["line_items"] = new JsonArray(new JsonObject { ["product_remoteId"] = 1, ["quantity"] = 1 }) },
        }.ToJsonString();
        const string State = """{"type":"STATE","value":{"n":1}}""";
        var input = string.Join('\n', schema, Order(5001), State, Order(5002), Order(5003), State, Order(5004));
        var output = new WatchingWriter(h);
        var target = new SingerTarget(new OdooWriteContext(h.Client), h.Store, output, new TargetOptions(BatchSize: 100));
        await target.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), null, CancellationToken.None);
        Assert.Equal([1, 3, 4], output.OrdersAtEachState); // two tap STATEs, then the final one after 5004
    }

    [Fact]
    public async Task PreviousState_IsEmittedAgain_WithThisRunsSummary()
    {
        await using var h = await TargetHarness.StartAsync();
        var input = string.Join('\n', File.ReadLines(TargetHarness.MessagesFile("taxrates.jsonl")).Take(2));
        var output = new StringWriter();
        var target = new SingerTarget(new OdooWriteContext(h.Client), h.Store, output, new TargetOptions());
        var previous = JsonNode.Parse("""{"bookmarks":{"TaxRates":{"position":1}},"summary":{"Old":{"success":9}}}""");
        await target.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), previous, CancellationToken.None);
        var state = JsonNode.Parse(output.ToString().Trim())!["value"]!;
        Assert.Equal(1, (int)state["bookmarks"]!["TaxRates"]!["position"]!);
        Assert.Null(state["summary"]!["Old"]);
        Assert.Equal(1, (int)state["summary"]!["TaxRates"]!["success"]!);
    }

    [Fact]
    public async Task RepeatedRecordInOneRun_CountsAsExisting_AndATapStateThatIsNoObjectIsKept()
    {
        await using var h = await TargetHarness.StartAsync();
        var lines = File.ReadLines(TargetHarness.MessagesFile("taxrates.jsonl")).ToList();
        var run = await h.RunTextAsync(string.Join('\n', lines[0], lines[1], lines[1], """{"type":"STATE","value":"cursor-42"}"""));
        Assert.Equal((1L, 0L, 1L, 0L), run.Counts("TaxRates"));
        Assert.Equal("cursor-42", (string?)run.States[^1]["value"]);
    }
}
