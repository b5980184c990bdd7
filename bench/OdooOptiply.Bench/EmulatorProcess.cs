// Runs the Odoo emulator as a separate process (`dotnet odoo-optiply.dll emulate odoo …`), so the
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

    public static async Task<EmulatorProcess> StartAsync(string cliDll, int version, int products, TimeSpan startTimeout)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cliDll, "emulate", "odoo", "--port", port.ToString(), "--version", version.ToString(), "--seed", $"large:{products}" },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [emulator] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [emulator] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var emulator = new EmulatorProcess(process, url);
        await emulator.WaitReadyAsync(startTimeout);
        return emulator;
    }

    // Ready when common.version answers over JSON-RPC.
    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the emulator exited with code {_process.ExitCode}");
            try
            {
                var body = new StringContent("{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,\"params\":{\"service\":\"common\",\"method\":\"version\",\"args\":[]}}", System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(Url, "jsonrpc"), body);
                if (response.StatusCode == HttpStatusCode.OK) return;
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
