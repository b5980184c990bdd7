// `odoo-optiply run --config a.json [--config b.json ...]`: the always-on sync board. Every tenant is
// pulled every schedule.pull_minutes (5) and exported every schedule.export_minutes (15) on a Quartz.NET
// scheduler until Ctrl-C / SIGTERM, which lets running jobs finish (up to --shutdown-grace) and exits 0.
// --http 127.0.0.1:5080 also serves the live sync board, /metrics, /healthz and /readyz (docs/board.md).
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
        var parallel = new Option<int>("--max-parallel") { Description = "tenants that may run at the same time", DefaultValueFactory = _ => 2 };
        var grace = new Option<int>("--shutdown-grace") { Description = "seconds a running job may go on after Ctrl-C/SIGTERM before its calls are cancelled", DefaultValueFactory = _ => 30 };
        var unit = new Option<string>("--interval-unit") { Description = "what the schedule numbers count: minutes (default), or seconds for demos and tests", DefaultValueFactory = _ => "minutes" };
        var http = new Option<string?>("--http") { Description = $"serve the sync board page, /metrics and /healthz here (127.0.0.1:5080); another address than loopback needs {OdooOptiply.Web.BoardAuth.TokenVariable}" };
        var command = new Command("run", "Run the sync board as a daemon: pulls and buy order exports on schedule, for every tenant.") { configs, parallel, grace, unit, http };
        command.SetAction((p, ct) =>
        {
            // Options not on the command line come from appsettings.json and ODOO_OPTIPLY_Daemon__* (DaemonSettings).
            var settings = DaemonSettings.Load();
            bool Given(Option o) => p.GetResult(o) is { Implicit: false };
            return RunAsync(Given(configs) ? p.GetValue(configs) ?? [] : settings.Configs,
                Given(parallel) ? p.GetValue(parallel) : settings.MaxParallel ?? p.GetValue(parallel),
                Given(grace) ? p.GetValue(grace) : settings.ShutdownGraceSeconds ?? p.GetValue(grace),
                Given(unit) ? p.GetValue(unit)! : settings.IntervalUnit ?? p.GetValue(unit)!, AnsiConsole.Console, ct,
                Given(http) ? p.GetValue(http) : settings.Http);
        });
        return command;
    }

    internal static async Task<int> RunAsync(IReadOnlyList<string> paths, int maxParallel, int graceSeconds, string unit, IAnsiConsole console, CancellationToken ct,
        string? http = null, Func<string, string?>? env = null)
    {
        OdooOptiply.Web.BoardOptions? board = null;
        if (http is not null)
        {
            board = new OdooOptiply.Web.BoardOptions(http, NullIfEmpty((env ?? Environment.GetEnvironmentVariable)(OdooOptiply.Web.BoardAuth.TokenVariable)));
            try
            {
                if (OdooOptiply.Web.BoardAuth.Refusal(OdooOptiply.Web.BoardAuth.ParseAddress(http), board.Token) is { } refusal)
                { console.MarkupLineInterpolated($"[red]error[/] {refusal}"); return 2; }
            }
            catch (ArgumentException e) { console.MarkupLineInterpolated($"[red]error[/] {e.Message}"); return 2; }
        }
        if (paths.Count == 0)
        {
            console.MarkupLine("[red]error[/] no tenant: give --config tenant.json, or Daemon:Configs in appsettings.json (ODOO_OPTIPLY_Daemon__Configs__0)");
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
            unit == "seconds" ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1));
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
