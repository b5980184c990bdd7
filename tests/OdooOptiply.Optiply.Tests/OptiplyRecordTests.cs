// Reading records: decimals from strings or numbers, ids as strings, remoteIdMap, nested attributes.
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyRecordTests
{
    private static OptiplyRecord Parse(string json) => OptiplyRecord.FromResource(JsonNode.Parse(json), "suppliers");

    [Fact]
    public void FromResource_KeepsAttributesNested_TypeAttributeDoesNotCollide()
    {
        var r = Parse("""{"id":"12","type":"suppliers","attributes":{"type":"vendor","name":"ACME"},"relationships":{"buyOrders":{"links":{}}}}""");
        Assert.Equal(("12", "suppliers", "vendor"), (r.Id, r.Type, r.GetString("type")));
        Assert.NotNull(r.Relationships);
    }

    [Fact]
    public void GetDecimal_ReadsStringsAndNumbers()
    {
        var r = Parse("""{"id":"1","type":"products","attributes":{"a":"12.50","b":3.25,"c":null,"d":"x"}}""");
        Assert.Equal(12.50m, r.GetDecimal("a"));
        Assert.Equal(3.25m, r.GetDecimal("b"));
        Assert.Null(r.GetDecimal("c"));
        Assert.Null(r.GetDecimal("d"));
    }

    [Fact]
    public void GetLongAndDateTime_ReadLenientForms()
    {
        var r = Parse("""{"id":1,"type":"products","attributes":{"n":"42","m":7,"t":"2025-01-01T10:00:00+02:00"}}""");
        Assert.Equal("1", r.Id);
        Assert.Equal(42, r.GetLong("n"));
        Assert.Equal(7, r.GetLong("m"));
        Assert.Equal(DateTimeOffset.Parse("2025-01-01T08:00:00Z"), r.GetDateTime("t"));
        Assert.Equal(TimeSpan.Zero, r.GetDateTime("t")!.Value.Offset);
    }

    [Fact]
    public void RemoteId_ByCouplingOrFirstValue()
    {
        var r = Parse("""{"id":"1","type":"products","attributes":{"remoteIdMap":{"4711":"SKU-1","12":"X"}}}""");
        Assert.Equal("X", r.RemoteId(12));
        Assert.Equal("SKU-1", r.RemoteId());
        Assert.Null(r.RemoteId(5));
    }
}
