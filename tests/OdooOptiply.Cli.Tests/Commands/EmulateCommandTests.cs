// `emulate odoo --clock-offset`: the emulator's clock, and so the seed's write_date, runs that far from now
// (the sync benchmark seeds an hour in the past so its first sync meets old data, as in a real database).
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Odoo;

namespace OdooOptiply.Cli.Tests.Commands;

public class EmulateCommandTests
{
    [Fact]
    public async Task EmulateOdoo_ClockOffset_StampsTheSeedThatFarFromNow()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var root = new RootCommand { EmulateCommand.Create() };
        using var cts = new CancellationTokenSource();
        var run = root.Parse(["emulate", "odoo", "--port", port.ToString(), "--seed", "demo", "--clock-offset", "-3600"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() }, cts.Token);
        await using var client = new OdooClient(new OdooOptions
        {
            Url = new Uri($"http://127.0.0.1:{port}/"), Database = "optiply_demo", Username = "admin", Password = "admin", Protocol = OdooProtocol.JsonRpc,
            MaxRetries = 0, Timeout = TimeSpan.FromSeconds(5),
        });
        // The command prints its address on the console, not on the invocation's output: ask until it answers.
        IReadOnlyList<OdooRecord>? records = null;
        await Eventually.TrueAsync(async () =>
        {
            try { records = await client.ReadAsync("product.product", await client.SearchAsync("product.product", OdooDomain.All, limit: 1), ["write_date"]); }
            catch (Exception) when (!run.IsCompleted) { }
            return records is not null;
        }, "the emulator to answer");
        var age = DateTime.UtcNow - records![0].GetDateTime("write_date")!.Value;
        Assert.InRange(age.TotalSeconds, 3600 - 60, 3600 + 60);
        cts.Cancel();
        Assert.Equal(0, await run);
    }
}
