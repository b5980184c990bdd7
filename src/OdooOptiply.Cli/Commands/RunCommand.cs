// `odoo-optiply run --config a.json [--config b.json ...]`: the always-on sync board. Every tenant is
// pulled every schedule.pull_minutes (5) and exported every schedule.export_minutes (15) on a Quartz.NET
// scheduler until Ctrl-C / SIGTERM, which lets running jobs finish (up to --shutdown-grace) and exits 0.
// --http 127.0.0.1:5080 also serves the live sync board, /metrics, /healthz and /readyz (docs/board.md).
// `run --tenants-dir DIR` takes its tenants from a folder of tenant files, read again while it runs;
// with `--cluster` it is one node of several on one PostgreSQL database (docs/scale-out.md).
using System.CommandLine;
using Microsoft.Extensions.Hosting;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Sync.Config;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class RunCommand
{
    public static Command Create()
    {
        var configs = new Option<string[]>("--config", "-c") { Description = "a tenant's JSON configuration file (repeat for more tenants; default: Daemon:Configs of appsettings.json)", AllowMultipleArgumentsPerToken = true };
        var table = new Option<bool>("--tenants-table") { Description = "the tenants are the rows of tenant_configs in the postgresql:// state database (--state or the variable), read again while the daemon runs" };
        var dir = new Option<string?>("--tenants-dir") { Description = "a folder of tenant files (*.json), read again while the daemon runs: files added, changed or removed take effect without a restart" };
        var cluster = new Option<bool>("--cluster") { Description = "one node of a cluster: Quartz's clustered job store on the PostgreSQL state database (needs --tenants-dir and a postgresql:// state)" };
        var state = new Option<string?>("--state") { Description = $"the postgresql:// URL of the shared state (default: ${OdooOptiply.Sync.State.Postgres.PostgresStateUrl.Variable})" };
        var lease = new Option<int>("--lease-seconds") { Description = "how long a tenant's run lease counts without renewal (renewed every sixth of it)", DefaultValueFactory = _ => 180 };
        var rescan = new Option<int>("--rescan-seconds") { Description = "how often the tenant folder is read again", DefaultValueFactory = _ => 10 };
        var perHost = new Option<int>("--max-runs-per-odoo-host") { Description = "runs at once against one Odoo host on this node (0: no limit besides --max-parallel)", DefaultValueFactory = _ => 0 };
        var perHostConnections = new Option<int>("--max-connections-per-odoo-host") { Description = "sockets open at once to one Odoo host from this node, every tenant together (0: no cap)", DefaultValueFactory = _ => 0 };
        var checkin = new Option<int>("--checkin-seconds") { Description = "how often a cluster node checks in; a node silent for twice that is taken for dead and its runs recovered", DefaultValueFactory = _ => 7 };
        var node = new Option<string?>("--node") { Description = "this node's name in the cluster (default: host-pid)" };
        var parallel = new Option<int>("--max-parallel") { Description = "tenants that may run at the same time", DefaultValueFactory = _ => 2 };
        var grace = new Option<int>("--shutdown-grace") { Description = "seconds a running job may go on after Ctrl-C/SIGTERM before its calls are cancelled", DefaultValueFactory = _ => 30 };
        var unit = new Option<string>("--interval-unit") { Description = "what the schedule numbers count: minutes (default), or seconds for demos and tests", DefaultValueFactory = _ => "minutes" };
        var http = new Option<string?>("--http") { Description = $"serve the sync board page, /metrics and /healthz here (127.0.0.1:5080); another address than loopback needs {OdooOptiply.Web.BoardAuth.TokenVariable}" };
        var command = new Command("run", "Run the sync board as a daemon: pulls and buy order exports on schedule, for every tenant.")
            { configs, parallel, grace, unit, http, dir, table, cluster, state, lease, rescan, perHost, perHostConnections, node, checkin };
        foreach (var option in CliLogging.RunOptions) command.Options.Add(option);
        command.SetAction((p, ct) =>
        {
            // Options not on the command line come from appsettings.json and ODOO_OPTIPLY_Daemon__* (DaemonSettings).
            var settings = DaemonSettings.Load();
            bool Given(Option o) => p.GetResult(o) is { Implicit: false };
            int Pick(Option<int> o, int? fromSettings) => Given(o) ? p.GetValue(o) : fromSettings ?? p.GetValue(o);
            var folder = p.GetValue(dir);
            if (folder is not null || p.GetValue(table))
            {
                if (folder is not null && p.GetValue(table)) { AnsiConsole.MarkupLine("[red]error[/] give --tenants-dir or --tenants-table, not both"); return Task.FromResult(2); }
                var unitText = Given(unit) ? p.GetValue(unit)! : settings.IntervalUnit ?? p.GetValue(unit)!;
                return RunFolderAsync(folder, p.GetValue(table), p.GetValue(cluster), p.GetValue(state), p.GetValue(node), TimeSpan.FromSeconds(Math.Max(1, p.GetValue(checkin))),
                    new DaemonOptions(Math.Max(1, Pick(parallel, settings.MaxParallel)), TimeSpan.FromSeconds(Math.Max(0, Pick(grace, settings.ShutdownGraceSeconds))),
                        unitText == "seconds" ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(Math.Max(1, Pick(lease, settings.LeaseSeconds))),
                        TimeSpan.FromSeconds(Math.Max(1, Pick(rescan, settings.RescanSeconds))), Math.Max(0, Pick(perHost, settings.MaxRunsPerOdooHost)), CliLogging.From(p))
                        { MaxConnectionsPerOdooHost = Math.Max(0, Pick(perHostConnections, settings.MaxConnectionsPerOdooHost)) },
                    unitText, AnsiConsole.Console, ct, Given(http) ? p.GetValue(http) : settings.Http);
            }
            return RunAsync(Given(configs) ? p.GetValue(configs) ?? [] : settings.Configs,
                Given(parallel) ? p.GetValue(parallel) : settings.MaxParallel ?? p.GetValue(parallel),
                Given(grace) ? p.GetValue(grace) : settings.ShutdownGraceSeconds ?? p.GetValue(grace),
                Given(unit) ? p.GetValue(unit)! : settings.IntervalUnit ?? p.GetValue(unit)!, AnsiConsole.Console, ct,
                Given(http) ? p.GetValue(http) : settings.Http, log: CliLogging.From(p),
                perHost: (Math.Max(0, Pick(perHost, settings.MaxRunsPerOdooHost)), Math.Max(0, Pick(perHostConnections, settings.MaxConnectionsPerOdooHost))));
        });
        return command;
    }

    internal static async Task<int> RunFolderAsync(string? folder, bool table, bool cluster, string? state, string? node, TimeSpan checkin, DaemonOptions options, string unit,
        IAnsiConsole console, CancellationToken ct, string? http = null)
    {
        if (unit is not ("minutes" or "seconds")) { console.MarkupLine("[red]--interval-unit must be minutes or seconds[/]"); return 2; }
        if (BoardFor(http, null, console) is not (var board, true)) return 2;
        if (folder is not null && !Directory.Exists(folder)) { console.MarkupLineInterpolated($"[red]error[/] no folder {folder}"); return 2; }
        var url = state ?? Environment.GetEnvironmentVariable(OdooOptiply.Sync.State.Postgres.PostgresStateUrl.Variable);
        if ((cluster || table) && !OdooOptiply.Sync.State.Postgres.PostgresStateUrl.IsPostgres(url))
        {
            console.MarkupLineInterpolated($"[red]error[/] {(cluster ? "--cluster" : "--tenants-table")} needs the shared state: --state postgresql://… or {OdooOptiply.Sync.State.Postgres.PostgresStateUrl.Variable}");
            return 2;
        }
        // Every tenant of this node keeps its state where the URL says (StateStores reads the variable).
        if (url is not null) Environment.SetEnvironmentVariable(OdooOptiply.Sync.State.Postgres.PostgresStateUrl.Variable, url);
        var name = node ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        var catalog = folder is not null ? new TenantCatalog { Folder = Path.GetFullPath(folder) } : new TenantCatalog { Table = url };
        IHost host;
        try { host = await ClusterHost.BuildAsync(catalog, options, cluster ? new ClusterOptions(url!, name, checkin) : null, ct, board); }
        catch (OdooOptiply.Sync.State.StateStoreException e) { console.MarkupLineInterpolated($"[red]error[/] {e.Message}"); return 2; }
        console.MarkupLineInterpolated($"node {name}: tenants from {catalog.Folder ?? "the table tenant_configs"}, {(cluster ? "cluster mode" : "single node")}, at most {options.MaxParallelTenants} runs at once, lease {options.LeaseTtl?.TotalSeconds ?? 180} s");
        try { return await RunHostAsync(host, board, [], unit, console, ct); }
        finally { await ((IAsyncDisposable)host).DisposeAsync(); }
    }

    /// <summary>The board's options for --http (null without it); false when the address is refused (the reason printed).</summary>
    private static (OdooOptiply.Web.BoardOptions? Board, bool Ok) BoardFor(string? http, Func<string, string?>? env, IAnsiConsole console)
    {
        if (http is null) return (null, true);
        var board = new OdooOptiply.Web.BoardOptions(http, NullIfEmpty((env ?? Environment.GetEnvironmentVariable)(OdooOptiply.Web.BoardAuth.TokenVariable)));
        try
        {
            if (OdooOptiply.Web.BoardAuth.Refusal(OdooOptiply.Web.BoardAuth.ParseAddress(http), board.Token) is { } refusal)
            {
                console.MarkupLineInterpolated($"[red]error[/] {refusal}");
                return (null, false);
            }
        }
        catch (ArgumentException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return (null, false);
        }
        return (board, true);
    }

    internal static async Task<int> RunAsync(IReadOnlyList<string> paths, int maxParallel, int graceSeconds, string unit, IAnsiConsole console, CancellationToken ct,
        string? http = null, Func<string, string?>? env = null, LogSettings? log = null, (int Runs, int Connections) perHost = default)
    {
        if (BoardFor(http, env, console) is not (var board, true)) return 2;
        if (paths.Count == 0)
        {
            console.MarkupLine("[red]error[/] no tenant: give --config tenant.json, --tenants-dir DIR, or Daemon:Configs in appsettings.json (ODOO_OPTIPLY_Daemon__Configs__0)");
            return 2;
        }
        if (unit is not ("minutes" or "seconds")) { console.MarkupLine("[red]--interval-unit must be minutes or seconds[/]"); return 2; }
        var tenants = new List<TenantConfig>();
        foreach (var path in paths)
        {
            if (SyncCommand.LoadConfig(path, console) is not { } config) return 2;
            if (tenants.Any(t => t.Name == config.Name)) { console.MarkupLineInterpolated($"[red]two configurations name tenant {config.Name}[/]"); return 2; }
            tenants.Add(config);
        }
        var options = new DaemonOptions(Math.Max(1, maxParallel), TimeSpan.FromSeconds(Math.Max(0, graceSeconds)),
            unit == "seconds" ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1), MaxRunsPerOdooHost: perHost.Runs, Log: log)
            { MaxConnectionsPerOdooHost = perHost.Connections };
        var host = DaemonHost.Build(tenants, options, board: board);
        try { return await RunHostAsync(host, board, tenants, unit, console, ct); }
        finally { await ((IAsyncDisposable)host).DisposeAsync(); }
    }

    private static async Task<int> RunHostAsync(IHost host, OdooOptiply.Web.BoardOptions? board, List<TenantConfig> tenants, string unit, IAnsiConsole console, CancellationToken ct)
    {
        foreach (var t in tenants)
            console.MarkupLineInterpolated($"{t.Name}: pull every {t.Run.PullMinutes} {unit}, export every {t.Run.ExportMinutes} {unit}");
        // The host stops on Ctrl-C / SIGTERM (its console lifetime, and ct, System.CommandLine's token), then disposes
        // itself and with it every tenant's session (clients, state store).
        try { await host.StartAsync(ct); }
        catch (IOException e) when (board is not null)
        {
            // Kestrel could not bind (the port is taken): one line, exit 2.
            console.MarkupLineInterpolated($"[red]error[/] --http {board.Address}: {e.Message}");
            return 2;
        }
        if (host.Services.GetService(typeof(OdooOptiply.Web.BoardServer)) is OdooOptiply.Web.BoardServer { Address: { } url })
            console.MarkupLineInterpolated($"sync board at {url}{(board?.Token is null ? " (read-only: set " + OdooOptiply.Web.BoardAuth.TokenVariable + " to act on it)" : "")}");
        await host.WaitForShutdownAsync(ct);
        console.MarkupLine("stopped");
        return 0;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
