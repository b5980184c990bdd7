// PushRequest: a pushed run's "requested by" names its streams and comes back as that set, with their dependencies;
// anything else (a person on the board, a scheduled firing) narrows nothing; the current request is scoped.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Push;

namespace OdooOptiply.Sync.Tests.Push;

public class PushRequestTests
{
    [Fact]
    public void RequestedBy_RoundTrips_AndOtherTextsNarrowNothing()
    {
        var text = PushRequest.RequestedBy(["sellOrders", "products"]);
        Assert.Equal("odoo webhook: products,sellOrders", text);
        Assert.Equal(["products", "sellOrders"], PushRequest.StreamsOf(text)!.Order());
        Assert.Null(PushRequest.StreamsOf("ops on the board"));
        Assert.Null(PushRequest.StreamsOf(null));
        Assert.Null(PushRequest.StreamsOf("odoo webhook: nosuchstream"));
    }

    [Fact]
    public void CurrentStreams_AddDependencies_OnlyInsideTheScope()
    {
        var flags = new SyncFlags();
        Assert.Null(PushRequest.CurrentStreams(flags));
        using (PushRequest.Begin(PushRequest.RequestedBy(["receiptLines"])))
            Assert.Equal(["buyOrders", "products", "receiptLines", "suppliers"], PushRequest.CurrentStreams(flags)!.Order());
        Assert.Null(PushRequest.CurrentStreams(flags));
    }
}
