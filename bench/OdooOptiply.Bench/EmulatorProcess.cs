// Runs an emulator as a separate process (`dotnet odoo-optiply.dll emulate odoo|optiply …`), so the
// benchmark measures a client talking over loopback, not two things sharing one runtime and heap.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OdooOptiply.Bench;

internal sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static Task<EmulatorProcess> StartAsync(string cliDll, int version, int products, TimeSpan startTimeout) =>
        StartOdooAsync(cliDll, version, $"large:{products}", [], startTimeout);

    /// <summary>`emulate odoo --seed SEED` plus <paramref name="extra"/> arguments; ready when common.version answers.</summary>
    public static async Task<EmulatorProcess> StartOdooAsync(string cliDll, int version, string seed, IEnumerable<string> extra, TimeSpan startTimeout)
    {
        var port = FreePort();
        var emulator = Start(cliDll, ["emulate", "odoo", "--port", port.ToString(), "--version", version.ToString(), "--seed", seed, .. extra],
            new Uri($"http://127.0.0.1:{port}/"), "odoo");
        await emulator.WaitReadyAsync(startTimeout);
        return emulator;
    }

    /// <summary>`emulate optiply`; ready when its token endpoint answers (any status).</summary>
    public static async Task<EmulatorProcess> StartOptiplyAsync(string cliDll, TimeSpan startTimeout)
    {
        var port = FreePort();
        var emulator = Start(cliDll, ["emulate", "optiply", "--port", port.ToString()], new Uri($"http://127.0.0.1:{port}/"), "optiply");
        await emulator.WaitReadyAsync(startTimeout, "api/auth/oauth/token", anyStatus: true);
        return emulator;
    }

    /// <summary>The process's peak working set so far (Linux: VmHWM), for the emulator's own memory.</summary>
    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.PeakWorkingSet64;
        }
    }

    private static EmulatorProcess Start(string cliDll, string[] args, Uri url, string label)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(cliDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [{label}] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [{label}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new EmulatorProcess(process, url);
    }

    // Ready when common.version answers over JSON-RPC (or, for Optiply, when the token endpoint answers at all).
    private async Task WaitReadyAsync(TimeSpan timeout, string path = "jsonrpc", bool anyStatus = false)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the emulator exited with code {_process.ExitCode}");
            try
            {
                var body = new StringContent("{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,\"params\":{\"service\":\"common\",\"method\":\"version\",\"args\":[]}}", System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(Url, path), body);
                if (anyStatus || response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the emulator did not answer within {timeout.TotalSeconds} s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
