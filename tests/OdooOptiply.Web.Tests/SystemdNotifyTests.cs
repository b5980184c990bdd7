// `odoo-optiply run` under a stand-in for systemd (issue 15): the test is the service manager. It listens on a Unix
// datagram socket and starts the program with NOTIFY_SOCKET (and WATCHDOG_USEC) pointing at it. Microsoft.Extensions.
// Hosting.Systemd 10.0 only turns its notifier on when it believes systemd started the process: PID 1, or a parent
// process whose name (/proc/PPID/comm) is "systemd". So the program's parent is a shell started through a symlink
// named "systemd" (the kernel names a process after the file it was executed as); the shell prints the program's pid.
// Asserted: READY=1 after start-up, WATCHDOG=1 pings while the scheduler runs, STOPPING=1 after SIGTERM, exit 0 —
// for the fixed list of tenants (DaemonHost) and for a tenant folder (ClusterHost).
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Web.Tests;

[Collection(BoardCollection.Name)]
public sealed class SystemdNotifyTests
{
    [Theory]
    [InlineData("config")]
    [InlineData("folder")]
    public async Task Run_UnderSystemd_NotifiesReadyWatchdogAndStopping(string mode)
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions { StrictRequestsPerSecond = null });
        var dir = Directory.CreateTempSubdirectory("systemd-").FullName;
        try
        {
            var tenants = Directory.CreateDirectory(Path.Combine(dir, "tenants")).FullName;
            var config = Path.Combine(tenants, "acme.json");
            await File.WriteAllTextAsync(config, Tenant(odoo, optiply, Path.Combine(dir, "acme.db")));
            var socketPath = Path.Combine(dir, "notify.sock");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            var messages = new List<string>();
            var receiving = ReceiveAsync(listener, messages);

            // The stand-in for systemd: a shell whose process name is "systemd" (a symlink to /bin/sh).
            var systemd = Path.Combine(dir, "systemd");
            File.CreateSymbolicLink(systemd, "/bin/sh");
            var dll = Path.Combine(AppContext.BaseDirectory, "odoo-optiply.dll");
            var args = mode == "config" ? $"--config '{config}'" : $"--tenants-dir '{tenants}'";
            var info = new ProcessStartInfo(systemd)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add($"dotnet '{dll}' run {args} --interval-unit seconds --shutdown-grace 1 & echo \"program pid $!\"; wait $!; echo \"program exit $?\"");
            info.Environment["NOTIFY_SOCKET"] = socketPath;
            info.Environment["WATCHDOG_USEC"] = "1000000"; // WatchdogSec=1: a ping every half second
            var output = new StringBuilder();
            using var shell = new Process { StartInfo = info };
            shell.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            shell.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            shell.Start();
            shell.BeginOutputReadLine();
            shell.BeginErrorReadLine();
            string Printed() { lock (output) return output.ToString(); }
            string Seen() { lock (messages) return string.Join(" | ", messages); }
            try
            {
                await BoardWorld.Until(() => Task.FromResult(Printed().Contains("program pid ", StringComparison.Ordinal)), "the program's pid");
                var pid = int.Parse(Printed().Split("program pid ")[1].Split('\n')[0].Trim(), CultureInfo.InvariantCulture);

                await BoardWorld.Until(() => Task.FromResult(Seen().Contains("READY=1", StringComparison.Ordinal)), "READY=1\n" + Printed());
                Assert.DoesNotContain("STOPPING=1", Seen(), StringComparison.Ordinal);
                await BoardWorld.Until(() => Task.FromResult(Seen().Contains("WATCHDOG=1", StringComparison.Ordinal)), "WATCHDOG=1\n" + Seen());
                Assert.True(Seen().IndexOf("READY=1", StringComparison.Ordinal) < Seen().IndexOf("WATCHDOG=1", StringComparison.Ordinal), Seen());

                using (var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();
                await BoardWorld.Until(() => Task.FromResult(Seen().Contains("STOPPING=1", StringComparison.Ordinal)), "STOPPING=1\n" + Seen());
                await BoardWorld.Until(() => Task.FromResult(Printed().Contains("program exit", StringComparison.Ordinal)), "the program's exit\n" + Printed());
                Assert.Contains("program exit 0", Printed(), StringComparison.Ordinal);
                Assert.True(Seen().IndexOf("READY=1", StringComparison.Ordinal) < Seen().IndexOf("STOPPING=1", StringComparison.Ordinal), Seen());
            }
            finally
            {
                if (!shell.HasExited) shell.Kill(entireProcessTree: true);
                listener.Close();
                try { await receiving; } catch (Exception) { /* closed */ }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static async Task ReceiveAsync(Socket socket, List<string> into)
    {
        var buffer = new byte[4096];
        while (true)
        {
            int n;
            try { n = await socket.ReceiveAsync(buffer, SocketFlags.None); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            lock (into) into.Add(Encoding.UTF8.GetString(buffer, 0, n).Trim());
        }
    }

    private static string Tenant(OdooEmulator odoo, OptiplyEmulator optiply, string state) => new JsonObject
    {
        ["tenant"] = "acme", ["start_date"] = "2020-01-01", ["state_path"] = state,
        ["odoo"] = new JsonObject { ["url"] = odoo.Url.ToString(), ["db"] = odoo.Database, ["username"] = odoo.Username, ["password"] = odoo.Password, ["protocol"] = "xmlrpc" },
        ["optiply"] = new JsonObject
        {
            ["client_id"] = optiply.ClientId, ["client_secret"] = optiply.ClientSecret, ["username"] = optiply.Username, ["password"] = optiply.Password,
            ["account_id"] = optiply.AccountId, ["coupling_id"] = optiply.CouplingId, ["requests_per_second"] = 500,
            ["base_url"] = optiply.BaseUrl.ToString(), ["token_url"] = optiply.TokenUrl.ToString(),
        },
        ["schedule"] = new JsonObject { ["pull_minutes"] = 30, ["export_minutes"] = 30 },
    }.ToJsonString();
}
