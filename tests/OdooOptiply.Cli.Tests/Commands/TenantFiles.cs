// Test support for command and process tests: both emulators on loopback, a tenant file (secrets in the file: test
// values only) with its state database in a temp folder — a TestWorld World — and the built odoo-optiply program run
// as a real child process (TestWorld's CliProcess) whose stderr can be watched for pause markers.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.TestWorld;

namespace OdooOptiply.Cli.Tests.Commands;

internal sealed class TenantFiles : IAsyncDisposable
{
    private World _world = null!;
    public World World => _world;
    public OdooEmulator Odoo => _world.Odoo;
    public OptiplyEmulator Optiply => _world.Optiply;
    public string ConfigPath => Path.Combine(_world.Dir, "tenant.json");
    public string StatePath => _world.StatePath;

    public static async Task<TenantFiles> StartAsync(int version = 18, JsonObject? extra = null)
    {
        var t = new TenantFiles
        {
            _world = await World.StartAsync(new WorldOptions { Tenant = "acme", Version = version, OptiplyRequestsPerSecond = 500, FolderPrefix = "cli-export-" }),
        };
        t._world.WriteConfigFile(extra);
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
        Odoo.Data.Search("purchase.order", $"[[\"origin\",\"=\",\"{Sync.ExportMark.Origin(buyOrderId.ToString(CultureInfo.InvariantCulture))}\"]]");

    /// <summary>Starts the program as a child process; stderr lines are collected (and checked for pause markers).</summary>
    public Child Start(string args, string? pauseAt = null) => Child.Start(args + $" --config \"{ConfigPath}\"", pauseAt);

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}

/// <summary>The built odoo-optiply program as a real child process (TestWorld's CliProcess, under the name the tests use).</summary>
internal sealed class Child : IDisposable
{
    private readonly CliProcess _p;
    private Child(CliProcess p) => _p = p;

    public static Child Start(string args, string? pauseAt) => new(CliProcess.Start(args, pauseAt));
    /// <summary>With environment variables of its own (the child gets no ODOO_*/OPTIPLY_* variable of the test process).</summary>
    public static Child Start(string args, IReadOnlyDictionary<string, string> env) => new(CliProcess.Start(args, env));

    public System.Diagnostics.Process Process => _p.Process;
    public string Output => _p.Output;
    public string Errors => _p.Errors;

    /// <summary>Waits for the program to print the pause marker of <paramref name="point"/>.</summary>
    public Task WaitPausedAtAsync(string point, TimeSpan timeout) => _p.WaitPausedAtAsync(point, timeout);

    /// <summary>SIGKILL: no cleanup, no finally blocks, exactly like a crash or an OOM kill.</summary>
    public Task KillAsync() => _p.KillAsync();

    /// <summary>Waits until the program has printed what <paramref name="printed"/> looks for (stdout and stderr together).</summary>
    public Task WaitForOutputAsync(Func<string, bool> printed, TimeSpan timeout) => _p.WaitForOutputAsync(printed, timeout);

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _p.WaitForExitAsync(timeout);

    public void Dispose() => _p.Dispose();
}
