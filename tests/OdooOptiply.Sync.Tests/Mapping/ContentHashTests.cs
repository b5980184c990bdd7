// Tests for ContentHash: key order does not matter, content does.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Tests.Mapping;

public class ContentHashTests
{
    [Fact]
    public void Of_SameAttributesInOtherOrder_SameHash() =>
        Assert.Equal(
            ContentHash.Of(new JsonObject { ["a"] = 1, ["b"] = new JsonObject { ["y"] = "x", ["x"] = true } }),
            ContentHash.Of(new JsonObject { ["b"] = new JsonObject { ["x"] = true, ["y"] = "x" }, ["a"] = 1 }));

    [Fact]
    public void Of_ChangedValue_DifferentHash() =>
        Assert.NotEqual(ContentHash.Of(new JsonObject { ["a"] = 1 }), ContentHash.Of(new JsonObject { ["a"] = 2 }));

    [Fact]
    public void Canonical_SortsKeysWithoutWhitespace() =>
        Assert.Equal("{\"a\":[1,null],\"b\":\"x\"}", ContentHash.Canonical(new JsonObject { ["b"] = "x", ["a"] = new JsonArray(1, null) }));
}
