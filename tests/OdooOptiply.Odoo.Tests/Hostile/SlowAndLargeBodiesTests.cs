// Answers that would hang or exhaust the client: headers sent and then a body that stalls or drips (the
// per-call timeout must cover the whole body on every transport, XmlReader included), and bodies past the
// answer-size cap, plain or as a gzip bomb (the cap counts decompressed bytes). Each fails with a clear error.
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OdooOptiply.Odoo.Tests.Hostile;

public sealed class SlowAndLargeBodiesTests
{
    private static Task Search(OdooClient c) => c.SearchAsync("res.partner", OdooDomain.All);

    private static string Start(OdooProtocol protocol) => protocol == OdooProtocol.XmlRpc
        ? "<?xml version='1.0'?><methodResponse><params><param><value><array><data>"
        : protocol == OdooProtocol.JsonRpc ? """{"jsonrpc":"2.0","id":1,"result":[""" : "[";

    private static string ContentType(OdooProtocol protocol) => protocol == OdooProtocol.XmlRpc ? "text/xml" : "application/json";

    private static string Item(OdooProtocol protocol) => protocol == OdooProtocol.XmlRpc ? "<value><int>1</int></value>" : "1,";

    [Theory]
    [InlineData(OdooProtocol.XmlRpc)]
    [InlineData(OdooProtocol.JsonRpc)]
    [InlineData(OdooProtocol.Json2)]
    public async Task BodyStallsAfterHeaders_FailsWithTheTimeout(OdooProtocol protocol)
    {
        await using var server = await HostileOdoo.StartAsync(async c =>
        {
            c.Response.ContentType = ContentType(protocol);
            await c.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Start(protocol) + Item(protocol)));
            await c.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(_ => { });
        }, version: 19);
        await using var client = server.Client(protocol, o => o with { Timeout = TimeSpan.FromSeconds(1), MaxRetries = 0 });
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAnyAsync<OdooException>(() => Search(client));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}"); // the bound is the feature (the 1 s timeout), 20x margin
        Assert.Contains("no complete answer within 1 s", e.Message);
    }

    [Theory]
    [InlineData(OdooProtocol.XmlRpc)]
    [InlineData(OdooProtocol.JsonRpc)]
    [InlineData(OdooProtocol.Json2)]
    public async Task BodyDripsOneValueAtATime_FailsWithTheTimeout(OdooProtocol protocol)
    {
        await using var server = await HostileOdoo.StartAsync(async c =>
        {
            c.Response.ContentType = ContentType(protocol);
            await c.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Start(protocol)));
            try
            {
                // Forever, one value each 50 ms: no single read ever waits long, only the whole body does.
                while (!c.RequestAborted.IsCancellationRequested)
                {
                    await c.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Item(protocol)), c.RequestAborted);
                    await c.Response.Body.FlushAsync(c.RequestAborted);
                    await Task.Delay(50, c.RequestAborted);
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        }, version: 19);
        await using var client = server.Client(protocol, o => o with { Timeout = TimeSpan.FromSeconds(1), MaxRetries = 0 });
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAnyAsync<OdooException>(() => Search(client));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}"); // the bound is the feature (the 1 s timeout), 20x margin
        Assert.Contains("no complete answer within 1 s", e.Message);
    }

    [Theory]
    [InlineData(OdooProtocol.XmlRpc)]
    [InlineData(OdooProtocol.JsonRpc)]
    [InlineData(OdooProtocol.Json2)]
    public async Task BodyPastTheCap_IsRejectedNamingTheCap_NotRetried(OdooProtocol protocol)
    {
        // A valid answer of about 2 MB against a cap of 1 MiB.
        var body = Start(protocol) + string.Concat(Enumerable.Repeat(Item(protocol), 2_000_000 / Item(protocol).Length));
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Bytes(c, Encoding.UTF8.GetBytes(body), ContentType(protocol)), version: 19);
        await using var client = server.Client(protocol, o => o with { MaxResponseBytes = 1024 * 1024 });
        var e = await HostileAssert.FailsClearlyAsync(server, () => Search(client), "larger than the cap of 1 MiB", maxAttempts: 1);
        Assert.Equal(Outcome.Rejected, e.Outcome);
    }

    [Theory]
    [InlineData(OdooProtocol.XmlRpc)]
    [InlineData(OdooProtocol.JsonRpc)]
    public async Task GzipBomb_CapCountsDecompressedBytes(OdooProtocol protocol)
    {
        // 64 MiB of spaces compress to about 64 KiB; the cap is 4 MiB.
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Start(protocol)));
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 64; i++) gzip.Write(spaces);
        }
        var bytes = compressed.ToArray();
        Assert.True(bytes.Length < 1024 * 1024, $"the bomb is {bytes.Length} bytes on the wire");
        await using var server = await HostileOdoo.StartAsync(async c =>
        {
            c.Response.Headers.ContentEncoding = "gzip";
            await HostileServer.Bytes(c, bytes, ContentType(protocol));
        });
        await using var client = server.Client(protocol, o => o with { MaxResponseBytes = 4 * 1024 * 1024 });
        var e = await HostileAssert.FailsClearlyAsync(server, () => Search(client), "larger than the cap of 4 MiB", maxAttempts: 1);
        Assert.Contains("after decompression", e.Message);
    }
}
