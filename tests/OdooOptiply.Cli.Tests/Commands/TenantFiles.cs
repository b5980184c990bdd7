// Test support for command and process tests: both emulators on loopback, a tenant file (secrets in the
// file: test values only) with its state database in a temp folder, and the built odoo-optiply program run
// as a real child process (`dotnet odoo-optiply.dll ...`) whose stderr can be watched for pause markers.
using OdooOptiply.Sync;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync.Export;

namespace OdooOptiply.Cli.Tests.Commands;

internal sealed class TenantFiles : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-export-").FullName;
    public OdooEmulator Odoo { get; private set; } = null!;
    public OptiplyEmulator Optiply { get; private set; } = null!;
    public string ConfigPath => Path.Combine(_dir, "tenant.json");
    public string StatePath => Path.Combine(_dir, "state.db");

    public static async Task<TenantFiles> StartAsync(int version = 18, JsonObject? extra = null)
    {
        var t = new TenantFiles
        {
            Odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version }),
            Optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions { StrictRequestsPerSecond = null }),
        };
        var config = new JsonObject
        {
            ["tenant"] = "acme",
            ["odoo"] = new JsonObject { ["url"] = t.Odoo.Url.ToString(), ["db"] = t.Odoo.Database, ["username"] = t.Odoo.Username, ["password"] = t.Odoo.Password, ["protocol"] = "xmlrpc" },
            ["optiply"] = new JsonObject
            {
                ["client_id"] = t.Optiply.ClientId, ["client_secret"] = t.Optiply.ClientSecret, ["username"] = t.Optiply.Username, ["password"] = t.Optiply.Password,
                ["account_id"] = t.Optiply.AccountId, ["coupling_id"] = t.Optiply.CouplingId, ["requests_per_second"] = 500,
                ["base_url"] = t.Optiply.BaseUrl.ToString(), ["token_url"] = t.Optiply.TokenUrl.ToString(),
            },
            ["start_date"] = "2020-01-01",
            ["state_path"] = t.StatePath,
        };
        foreach (var (k, v) in extra ?? []) config[k] = v?.DeepClone();
        await File.WriteAllTextAsync(t.ConfigPath, config.ToJsonString());
        return t;
    }

    /// <summary>A buy order made by a user in Optiply for the first supplier and the first two enabled products Odoo gave it.</summary>
    public long SeedBuyOrder()
    {
        var coupling = Optiply.CouplingId;
        var supplier = Optiply.Store.All("suppliers").First(s => s.RemoteId(coupling) is not null).Id;
        var products = Optiply.Store.All("products").Where(p => p.GetString("status") == "enabled" && p.RemoteId(coupling) is not null).Take(2).Select(p => p.Id).ToList();
        return Optiply.Store.Seed("buyOrders", new JsonObject
        {
            ["supplierId"] = supplier, ["placed"] = "2026-11-20T09:30:00Z", ["expectedDeliveryDate"] = "2026-12-04T00:00:00Z", ["totalValue"] = 55m,
            ["orderLines"] = new JsonArray(products.Select((p, i) => (JsonNode)new JsonObject { ["productId"] = p, ["quantity"] = 5 + i, ["subtotalValue"] = 20m + i * 15 }).ToArray()),
        });
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> PurchaseOrdersOf(long buyOrderId) =>
        Odoo.Data.Search("purchase.order", $"[[\"origin\",\"=\",\"{ExportMark.Origin(buyOrderId.ToString(CultureInfo.InvariantCulture))}\"]]");

    /// <summary>Starts the program as a child process; stderr lines are collected (and checked for pause markers).</summary>
    public Child Start(string args, string? pauseAt = null) => Child.Start(args + $" --config \"{ConfigPath}\"", pauseAt);

    public async ValueTask DisposeAsync()
    {
        await Odoo.DisposeAsync();
        await Optiply.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

/// <summary>The built odoo-optiply program as a real child process.</summary>
internal sealed class Child : IDisposable
{
    private readonly StringBuilder _out = new(), _err = new();
    private readonly TaskCompletionSource<string> _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Process Process { get; }

    private Child(Process p) => Process = p;

    public static Child Start(string args, string? pauseAt)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "odoo-optiply.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {args}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment.Remove(PausePoints.Variable);
        if (pauseAt is not null) info.Environment[PausePoints.Variable] = pauseAt;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var child = new Child(new Process { StartInfo = info, EnableRaisingEvents = true });
        child.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (child._out) child._out.AppendLine(e.Data); };
        child.Process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (child._err) child._err.AppendLine(e.Data);
            if (e.Data.StartsWith(PausePoints.Marker, StringComparison.Ordinal)) child._paused.TrySetResult(e.Data[PausePoints.Marker.Length..]);
        };
        child.Process.Start();
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    public string Output { get { lock (_out) return _out.ToString(); } }
    public string Errors { get { lock (_err) return _err.ToString(); } }

    /// <summary>Waits for the program to print the pause marker of <paramref name="point"/>.</summary>
    public async Task WaitPausedAtAsync(string point, TimeSpan timeout)
    {
        var exited = Process.WaitForExitAsync();
        var first = await Task.WhenAny(_paused.Task, exited, Task.Delay(timeout));
        if (first != _paused.Task) throw new TimeoutException($"never paused at {point}; exited={Process.HasExited}\nstdout:\n{Output}\nstderr:\n{Errors}");
        Assert.Equal(point, await _paused.Task);
    }

    /// <summary>SIGKILL: no cleanup, no finally blocks, exactly like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
    }

    /// <summary>Waits until the program has printed what <paramref name="printed"/> looks for (stdout and stderr together).</summary>
    public async Task WaitForOutputAsync(Func<string, bool> printed, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!printed(Output + Errors))
        {
            if (Process.HasExited || cts.IsCancellationRequested)
                throw new TimeoutException($"not printed; exited={Process.HasExited}\nstdout:\n{Output}\nstderr:\n{Errors}");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await Process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Process.Kill(true); throw new TimeoutException($"still running after {timeout}\nstdout:\n{Output}\nstderr:\n{Errors}"); }
        Process.WaitForExit(); // flushes the redirected streams
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(true);
        Process.Dispose();
    }
}
