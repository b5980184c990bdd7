// `emulate odoo|optiply --port P` on a port another program holds: one line naming the port, exit 2, no stack trace
// (the real program, so Kestrel's own start-up path is what is tested).
using System.Net;
using System.Net.Sockets;
using OdooOptiply.Cli.Tests.Reliability;

namespace OdooOptiply.Cli.Tests;

public class EmulatorPortTests
{
    [Theory]
    [InlineData("odoo")]
    [InlineData("optiply")]
    public async Task Emulate_OnATakenPort_SaysSoInOneLineAndExits2(string system)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var run = await ProgramProcess.RunAsync(["emulate", system, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(2, run.ExitCode);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"error: port {port} on 127.0.0.1 is already in use by another program; choose another with --port, or --port 0 for any free port",
            Assert.Single(lines));
        Assert.DoesNotContain("   at ", run.Out + run.Err);
    }
}
