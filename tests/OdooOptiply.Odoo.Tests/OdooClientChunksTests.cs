// Concurrent id-chunk reads against the Odoo emulator on loopback (issue 16): the same records in the same
// order as the sequential pager, more than one request in flight with N=2, a failed chunk retried whole.
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Odoo.Tests;

public class OdooClientChunksTests
{
    private static OdooOptions Options(OdooEmulator e) => new()
    {
        Url = e.Url, Database = e.Database, Username = e.Username, Password = e.Password, Protocol = OdooProtocol.XmlRpc,
        BackoffBase = TimeSpan.FromMilliseconds(1), BackoffFactor = 1, Timeout = TimeSpan.FromSeconds(20),
    };

    private static readonly string[] Fields = ["name", "default_code", "write_date"];
    private static readonly OdooContext ArchivedToo = new() { ActiveTest = false };

    private static async Task<List<(long, string?)>> SequentialAsync(OdooClient client)
    {
        var all = new List<(long, string?)>();
        await foreach (var page in client.SearchReadPagesAsync("product.product", OdooDomain.All, Fields, new OdooPageOptions { PageSize = 5, Keyset = true }, ArchivedToo))
            all.AddRange(page.Select(r => (r.Id, r.GetString("name"))));
        return all;
    }

    [Fact]
    public async Task TwoConnections_SameRecordsInSameOrderAsSequential_AndOverlap()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var client = new OdooClient(Options(emulator));
        var sequential = await SequentialAsync(client);
        Assert.True(sequential.Count > 10, $"the seed should have several chunks of products, has {sequential.Count}");
        Assert.Equal(1, emulator.InFlightHighWater);
        // The server's pace: every answer waits 200 ms, so two chunks asked together are in flight together.
        emulator.Faults.Options = FaultOptions.Parse("slow=1,slow-ms=200,seed=1");
        var chunked = await client.SearchReadByIdChunksAsync("product.product", OdooDomain.All, Fields, maxConnections: 2, chunkSize: 5, context: ArchivedToo);
        Assert.Equal(sequential, chunked.Select(r => (r.Id, r.GetString("name"))).ToList());
        Assert.True(emulator.InFlightHighWater >= 2, $"in flight at most {emulator.InFlightHighWater}");
        Assert.True(emulator.InFlightHighWater <= 2, $"in flight {emulator.InFlightHighWater} > 2 connections");
    }

    [Fact]
    public async Task OneConnectionByDefault_FailedChunkIsRetried_ResultComplete()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var client = new OdooClient(Options(emulator));
        var sequential = await SequentialAsync(client);
        emulator.Faults.Options = FaultOptions.Parse("5xx=0.4,seed=3");
        var chunked = await client.SearchReadByIdChunksAsync("product.product", OdooDomain.All, Fields, chunkSize: 5, context: ArchivedToo);
        Assert.True(emulator.Faults.TotalInjected > 0, "no fault was injected");
        Assert.True(client.RetryCount > 0);
        Assert.Equal(sequential, chunked.Select(r => (r.Id, r.GetString("name"))).ToList());
        Assert.Equal(1, emulator.InFlightHighWater);
    }
}
