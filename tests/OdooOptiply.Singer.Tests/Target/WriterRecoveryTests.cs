// The writer's recoveries, in process: a create whose answer is lost on the way back (Odoo made the order) is found
// by its mark, not sent again; a record bound to an Odoo record deleted since is created again; the sinks work the
// same on every Odoo version the emulator speaks, over each protocol.
using System.Net;
using OdooOptiply.Odoo;

namespace OdooOptiply.Singer.Tests.Target;

public sealed class WriterRecoveryTests
{
    /// <summary>Passes every request on; the first purchase.order create reaches Odoo, but its answer is dropped.</summary>
    private sealed class LoseFirstCreateAnswer() : DelegatingHandler(new SocketsHttpHandler())
    {
        public int Lost { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
            var response = await base.SendAsync(request, ct);
            if (Lost == 0 && body.Contains("purchase.order<", StringComparison.Ordinal) && body.Contains(">create<", StringComparison.Ordinal))
            {
                Lost++;
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ConnectionError, "connection reset after the request was sent", statusCode: null);
            }
            return response;
        }
    }

    [Fact]
    public async Task LostCreateAnswer_OrderFoundByItsMark_NotCreatedTwice()
    {
        var lose = new LoseFirstCreateAnswer();
        await using var h = await TargetHarness.StartAsync(handler: lose);
        var run = await h.RunFileAsync("buyorders.jsonl");
        Assert.Equal(1, lose.Lost);
        Assert.Equal((2L, 0L, 0L, 0L), run.Counts("BuyOrders"));
        var po = Assert.Single(h.Search("purchase.order", "[[\"name\",\"=\",\"5001\"]]"));
        Assert.Equal("purchase", po["state"]); // and still confirmed
    }

    [Fact]
    public async Task BoundRecordDeletedInOdoo_IsCreatedAgain_WhenItChanges()
    {
        await using var h = await TargetHarness.StartAsync();
        await h.RunFileAsync("vendors.jsonl");
        var nordic = Assert.Single(h.Search("res.partner", "[[\"name\",\"=\",\"Nordic Timber AB\"]]"));
        h.Odoo.Data.Unlink("res.partner", [(long)nordic["id"]!]);
        var run = await h.RunTextAsync(File.ReadAllText(TargetHarness.MessagesFile("vendors.jsonl")).Replace("sales@nordictimber.example", "hello@nordictimber.example"));
        Assert.Equal(1L, run.Counts("Vendors").Success);
        Assert.Equal("hello@nordictimber.example", Assert.Single(h.Search("res.partner", "[[\"name\",\"=\",\"Nordic Timber AB\"]]"))["email"]);
    }

    [Fact]
    public async Task AmbiguousSupplierName_FailsTheOrder_NeverTheFirstHit()
    {
        await using var h = await TargetHarness.StartAsync();
        h.Odoo.Data.Create("res.partner", new Dictionary<string, object?> { ["name"] = "Tech Parts GmbH", ["is_company"] = true });
        var run = await h.RunFileAsync("buyorders.jsonl");
        Assert.Equal((1L, 1L, 0L, 0L), run.Counts("BuyOrders"));
        Assert.Empty(h.Search("purchase.order", "[[\"name\",\"=\",\"5001\"]]"));
    }

    [Theory]
    [InlineData(16, OdooProtocol.XmlRpc)]
    [InlineData(17, OdooProtocol.JsonRpc)]
    [InlineData(19, OdooProtocol.Json2)]
    public async Task Sinks_WorkOnEveryVersion(int version, OdooProtocol protocol)
    {
        await using var h = await TargetHarness.StartAsync(version, protocol);
        foreach (var (file, stream, created) in new[] { ("taxrates.jsonl", "TaxRates", 2L), ("vendors.jsonl", "Vendors", 1L), ("buyorders.jsonl", "BuyOrders", 2L), ("bills.jsonl", "Bills", 1L) })
        {
            var run = await h.RunFileAsync(file);
            Assert.Null(run.Error);
            Assert.Equal((created, 0L), (run.Counts(stream).Success, run.Counts(stream).Fail));
        }
        Assert.Equal("purchase", Assert.Single(h.Search("purchase.order", "[[\"name\",\"=\",\"5001\"]]"))["state"]);
    }
}
