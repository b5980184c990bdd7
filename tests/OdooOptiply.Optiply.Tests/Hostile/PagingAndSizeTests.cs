// Optiply answers that would loop or exhaust the client: a server that ignores page[offset] and sends the
// same page again (with or without a next link that moves on), and answers past the size cap, with or
// without a Content-Length. Each stops with a clear error instead of growing memory.
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OdooOptiply.Optiply.Tests.Hostile;

public sealed class PagingAndSizeTests
{
    private static async Task<List<OptiplyRecord>> ListAll(OptiplyClient client)
    {
        var all = new List<OptiplyRecord>();
        await foreach (var r in client.Products.ListAsync()) all.Add(r);
        return all;
    }

    private static string FullPage(int firstId, JsonObject? links = null)
    {
        var data = new JsonArray();
        for (var i = 0; i < 100; i++) data.Add(new JsonObject { ["id"] = $"{firstId + i}", ["type"] = "products", ["attributes"] = new JsonObject() });
        var doc = new JsonObject { ["data"] = data };
        if (links is not null) doc["links"] = links;
        return doc.ToJsonString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ServerIgnoringPageOffset_SamePageAgain_StopsOnTheRepeatedPage(bool withMovingNextLink)
    {
        await using var server = await HostileOptiply.StartAsync(c =>
        {
            // Always the first page, whatever offset was asked; the next link (if any) pretends to move on.
            var offset = long.Parse(c.Request.Query["page[offset]"].FirstOrDefault() ?? "0");
            var links = withMovingNextLink ? new JsonObject { ["next"] = $"http://{c.Request.Host}{c.Request.Path}?page[limit]=100&page[offset]={offset + 100}" } : null;
            return HostileOptiply.Send(c, 200, "application/vnd.api+json", FullPage(1, links));
        });
        await using var client = server.Client();
        var e = await server.FailsClearlyAsync(() => ListAll(client), "repeats the previous page", maxAttempts: 2);
        Assert.Equal(Outcome.Rejected, e.Outcome);
    }

    [Fact]
    public async Task PagesThatMoveOn_AreAllRead()
    {
        await using var server = await HostileOptiply.StartAsync(c =>
        {
            var offset = int.Parse(c.Request.Query["page[offset]"].FirstOrDefault() ?? "0");
            return HostileOptiply.Send(c, 200, "application/vnd.api+json",
                offset < 200 ? FullPage(offset + 1) : """{"data":[{"id":"201","type":"products","attributes":{}}]}""");
        });
        await using var client = server.Client();
        Assert.Equal(201, (await ListAll(client)).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnswerPastTheCap_IsRejectedNamingTheCap_NotRetried(bool chunked)
    {
        var big = Encoding.UTF8.GetBytes("""{"data":[""" + string.Concat(Enumerable.Repeat("""{"id":"1","type":"products","attributes":{}},""", 50_000)) + "]}");
        await using var server = await HostileOptiply.StartAsync(async c =>
        {
            c.Response.ContentType = "application/vnd.api+json";
            if (!chunked) c.Response.ContentLength = big.Length;
            for (var i = 0; i < big.Length; i += 64 * 1024)
            {
                await c.Response.Body.WriteAsync(big.AsMemory(i, Math.Min(64 * 1024, big.Length - i)));
                await c.Response.Body.FlushAsync();
            }
        });
        await using var client = server.Client(o => o with { MaxResponseBytes = 1024 * 1024 });
        var e = await server.FailsClearlyAsync(() => ListAll(client), "larger than the cap of 1 MiB", maxAttempts: 1);
        Assert.Equal(Outcome.Rejected, e.Outcome);
    }
}
