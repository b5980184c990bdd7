// Hostile and broken answers from Optiply over real HTTP: error bodies of every shape, 200s with
// documents that are not JSON:API, a page whose links.next points back to itself, ids that are not
// numbers, and a token endpoint that answers nonsense. Each fails clearly and boundedly, or reads right.
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OdooOptiply.Optiply.Tests.Hostile;

public sealed class HostileAnswersTests
{
    private static async Task<List<OptiplyRecord>> ListAll(OptiplyClient client)
    {
        var all = new List<OptiplyRecord>();
        await foreach (var r in client.Products.ListAsync()) all.Add(r);
        return all;
    }

    [Theory]
    [InlineData(422, "application/vnd.api+json", """{"errors":[{"status":"422","detail":"skuCode is too long"}]}""", "skuCode is too long")]
    [InlineData(400, "application/json", """{"errors":[{"meta":{"message":"price must be positive"}}]}""", "price must be positive")]
    [InlineData(400, "application/json", """{"message":"name may not be empty"}""", "name may not be empty")]
    [InlineData(400, "application/json", """{"error":"invalid_request","error_description":"bad filter"}""", "bad filter")]
    [InlineData(400, "application/json", """{"errors":"not a list"}""", "not a list")]
    [InlineData(400, "application/json", """{"errors":[42, null, []]}""", "Optiply refused the data")]
    [InlineData(400, "application/json", """[]""", "Optiply refused the data")]
    [InlineData(400, "application/json", "", "400 Optiply refused the data")]
    [InlineData(500, "text/plain", "NullPointerException at com.optiply.Api", "NullPointerException")]
    [InlineData(403, "text/html", "<html><body><h1>Forbidden</h1><p>account 1 is locked</p></body></html>", "account 1 is locked")]
    [InlineData(418, "application/json", """{"errors":[{"title":"I'm a teapot"}]}""", "teapot")]
    public async Task ErrorBodyOfAnyShape_GivesTheServersMessageAndTheStatus(int status, string contentType, string body, string expected)
    {
        await using var server = await HostileOptiply.StartAsync(c => HostileOptiply.Send(c, status, contentType, body));
        await using var client = server.Client();
        var e = await server.FailsClearlyAsync(() => client.Products.GetAsync("5"), expected, maxAttempts: 1);
        Assert.Equal(status, e.Status);
    }

    [Fact]
    public async Task HtmlGatewayPage_On502_IsRetriedABoundedNumberOfTimes_ThenNamed()
    {
        await using var server = await HostileOptiply.StartAsync(c => HostileOptiply.Send(c, 502, "text/html", "<html><body>502 Bad Gateway nginx</body></html>"));
        await using var client = server.Client();
        var e = await server.FailsClearlyAsync(() => client.Products.GetAsync("5"), "502 Bad Gateway nginx", maxAttempts: 4);
        Assert.Equal(Outcome.Retriable, e.Outcome);
    }

    [Theory]
    [InlineData("<html><body>Welcome to Optiply</body></html>", "not JSON")]
    [InlineData("""{"data":[{"id":"1","type":"products","attributes":{}}""", "not JSON")]
    [InlineData("""{"data":"everything"}""", "no data array")]
    [InlineData("""{"meta":{"total":3}}""", "no data array")]
    [InlineData("""{"data":[{"type":"products","attributes":{"name":"no id"}}]}""", "without an id")]
    [InlineData("""{"data":[17]}""", "without a resource")]
    public async Task Status200WithAnInvalidDocument_FailsSayingWhatIsWrong(string body, string expected)
    {
        await using var server = await HostileOptiply.StartAsync(c => HostileOptiply.Send(c, 200, "application/vnd.api+json", body));
        await using var client = server.Client();
        await server.FailsClearlyAsync(() => ListAll(client), expected, maxAttempts: 1);
    }

    [Fact]
    public async Task PageWhoseNextLinkPointsBackToItself_StopsLoudlyInsteadOfLooping()
    {
        await using var server = await HostileOptiply.StartAsync(c =>
        {
            var data = new JsonArray();
            for (var i = 0; i < 100; i++) data.Add(new JsonObject { ["id"] = $"{i + 1}", ["type"] = "products", ["attributes"] = new JsonObject() });
            var self = $"{c.Request.Scheme}://{c.Request.Host}{c.Request.Path}{c.Request.QueryString}";
            return HostileOptiply.Send(c, 200, "application/vnd.api+json", new JsonObject { ["data"] = data, ["links"] = new JsonObject { ["self"] = self, ["next"] = self } }.ToJsonString());
        });
        await using var client = server.Client();
        await server.FailsClearlyAsync(() => ListAll(client), "points back", maxAttempts: 1);
    }

    [Fact]
    public async Task IdsThatAreNotNumbers_AreKeptAsOpaqueStrings_AndEscapedInUrls()
    {
        string? requested = null;
        await using var server = await HostileOptiply.StartAsync(c =>
        {
            requested ??= c.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            return HostileOptiply.Send(c, 200, "application/vnd.api+json",
                """{"data":[{"id":"abc/../1?x=y","type":"products","attributes":{}},{"id":12.5,"type":"products","attributes":{}},{"id":{"n":1},"type":"products","attributes":{}}],"links":{}}""");
        });
        await using var client = server.Client();
        var ids = (await ListAll(client)).Select(r => r.Id).ToList();
        Assert.Equal(["abc/../1?x=y", "12.5", """{"n":1}"""], ids);
        requested = null;
        await client.Products.DeleteAsync(ids[0]);
        Assert.StartsWith("/v1/products/abc%2F..%2F1%3Fx%3Dy", requested);
    }

    [Fact]
    public async Task ResourceTypeThatIsNotAString_FailsClearly()
    {
        await using var server = await HostileOptiply.StartAsync(c => HostileOptiply.Send(c, 200, "application/vnd.api+json", """{"data":[{"id":"1","type":7,"attributes":{}}],"links":{}}"""));
        await using var client = server.Client();
        await server.FailsClearlyAsync(() => ListAll(client), "type", maxAttempts: 1);
    }

    [Theory]
    [InlineData(200, """{"token_type":"bearer"}""", "without an access_token")]
    [InlineData(200, """{"access_token":12345}""", "access_token")]
    [InlineData(200, "<html>login</html>", "access_token")]
    [InlineData(401, """{"error":"invalid_client","error_description":"Bad client credentials"}""", "Bad client credentials")]
    public async Task TokenEndpointAnsweringNonsense_FailsBeforeAnyApiCall(int status, string body, string expected)
    {
        await using var server = await HostileOptiply.StartAsync(c => HostileOptiply.Send(c, 200, "application/json", "{}"),
            token: c => HostileOptiply.Send(c, status, "application/json", body));
        await using var client = server.Client();
        await server.FailsClearlyAsync(() => client.Products.GetAsync("1"), expected, maxAttempts: 0);
    }
}
