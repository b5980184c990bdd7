// XML-RPC answers carrying DTDs, external entities and entity expansion: refused before any entity
// is resolved or expanded (no file read, no network fetch, no memory blow-up), with a clear message.
using System.Diagnostics;
using System.Text;

namespace OdooOptiply.Odoo.Tests.Hostile;

public sealed class XmlAttacksTests
{
    private static Task<HostileOdoo> Serving(string xml) => HostileOdoo.StartAsync(c => HostileServer.Bytes(c, Encoding.UTF8.GetBytes(xml), "text/xml"));

    private static Task<object?> Call(OdooClient c) => c.CallAsync("res.partner", "name_get", [new object[] { 1L }]);

    [Fact]
    public async Task InternalDtd_IsRefused()
    {
        await using var server = await Serving("<?xml version='1.0'?><!DOCTYPE methodResponse [<!ELEMENT methodResponse ANY>]><methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>");
        await using var client = server.Client(OdooProtocol.XmlRpc);
        await HostileAssert.FailsClearlyAsync(server, () => Call(client), "DTD");
    }

    [Fact]
    public async Task ExternalFileEntity_IsNeverResolved()
    {
        var secretFile = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secretFile, "CONTENT-OF-A-LOCAL-FILE");
        try
        {
            await using var server = await Serving($"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file://{secretFile}\">]><methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>");
            await using var client = server.Client(OdooProtocol.XmlRpc);
            var e = await HostileAssert.FailsClearlyAsync(server, () => Call(client), "DTD");
            Assert.DoesNotContain("CONTENT-OF-A-LOCAL-FILE", e.ToString());
        }
        finally { File.Delete(secretFile); }
    }

    [Fact]
    public async Task ExternalHttpEntity_IsNeverFetched()
    {
        var fetched = 0;
        await using var bait = await HostileOdoo.StartAsync(c => { Interlocked.Increment(ref fetched); return HostileServer.Bytes(c, "PWNED"u8.ToArray(), "text/plain"); });
        await using var server = await Serving($"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"{bait.Url}evil.dtd\">]><methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>");
        await using var client = server.Client(OdooProtocol.XmlRpc);
        await HostileAssert.FailsClearlyAsync(server, () => Call(client), "DTD");
        Assert.Equal(0, Volatile.Read(ref fetched));
    }

    [Fact]
    public async Task BillionLaughs_IsNeverExpanded_AndFailsFast()
    {
        var dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++) dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString())};", 10))}\">");
        dtd.Append("]>");
        await using var server = await Serving($"<?xml version='1.0'?>{dtd}<methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>");
        await using var client = server.Client(OdooProtocol.XmlRpc);
        var before = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        await HostileAssert.FailsClearlyAsync(server, () => Call(client), "DTD");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30)); // refused at the DTD, not after expanding it (wide margin for a busy machine)
        Assert.True(GC.GetTotalAllocatedBytes() - before < 200_000_000, "entity expansion allocated memory");
    }

    [Fact]
    public async Task EntityReferenceWithoutDtd_IsRefused()
    {
        await using var server = await Serving("<?xml version='1.0'?><methodResponse><params><param><value><string>&undefined;</string></value></param></params></methodResponse>");
        await using var client = server.Client(OdooProtocol.XmlRpc);
        await HostileAssert.FailsClearlyAsync(server, () => Call(client), "malformed XML");
    }

    [Fact]
    public async Task NestingDeeperThanTheLimit_IsRefusedWithoutStackOverflow()
    {
        var depth = 10_000;
        var xml = new StringBuilder("<?xml version='1.0'?><methodResponse><params><param><value>");
        for (var i = 0; i < depth; i++) xml.Append("<array><data><value>");
        xml.Append("<int>1</int>");
        for (var i = 0; i < depth; i++) xml.Append("</value></data></array>");
        xml.Append("</value></param></params></methodResponse>");
        await using var server = await Serving(xml.ToString());
        await using var client = server.Client(OdooProtocol.XmlRpc);
        await HostileAssert.FailsClearlyAsync(server, () => Call(client), "nested deeper");
    }
}
