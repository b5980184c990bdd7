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

    [Theory]
    [InlineData("1763631000000")]                  // epoch milliseconds (Jackson's default), a number
    [InlineData("\"1763631000000\"")]              // the same as digits
    [InlineData("\"2025-11-20T09:30:00Z\"")]
    [InlineData("\"2025-11-20T10:30:00+01:00\"")]
    [InlineData("\"2025-11-20T09:30:00\"")]        // no offset: UTC
    [InlineData("\"2025-11-20T09:30:00.000+0000\"")]
    public void GetDateTime_EveryFormOptiplyMaySend_IsReadInUtc(string json)
    {
        var r = Parse("""{"id":"1","type":"buyOrders","attributes":{"placed":""" + json + "}}");
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 9, 30, 0, TimeSpan.Zero), r.GetDateTime("placed"));
    }

    [Fact]
    public void GetDateTime_DateOnlyNullAndNonsense_AreMidnightNullAndNull()
    {
        var r = Parse("""{"id":"1","type":"buyOrders","attributes":{"d":"2025-11-20","n":null,"x":"soon"}}""");
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 0, 0, 0, TimeSpan.Zero), r.GetDateTime("d"));
        Assert.Null(r.GetDateTime("n"));
        Assert.False(r.HasValue("n"));
        Assert.Null(r.GetDateTime("x"));
        Assert.True(r.HasValue("x"));
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
