// `odoo-optiply run --config a.json [--config b.json ...]`: the always-on sync board. Every tenant is
// pulled every schedule.pull_minutes (5) and exported every schedule.export_minutes (15) on a Quartz.NET
// scheduler until Ctrl-C / SIGTERM, which lets running jobs finish (up to --shutdown-grace) and exits 0.
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
        var configs = new Option<string[]>("--config", "-c") { Description = "a tenant's JSON configuration file (repeat for more tenants)", Required = true, AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<int>("--max-parallel") { Description = "tenants that may run at the same time", DefaultValueFactory = _ => 2 };
        var grace = new Option<int>("--shutdown-grace") { Description = "seconds a running job may go on after Ctrl-C/SIGTERM before its calls are cancelled", DefaultValueFactory = _ => 30 };
        var unit = new Option<string>("--interval-unit") { Description = "what the schedule numbers count: minutes (default), or seconds for demos and tests", DefaultValueFactory = _ => "minutes" };
        var command = new Command("run", "Run the sync board as a daemon: pulls and buy order exports on schedule, for every tenant.") { configs, parallel, grace, unit };
        command.SetAction((p, ct) => RunAsync(p.GetValue(configs) ?? [], p.GetValue(parallel), p.GetValue(grace), p.GetValue(unit)!, AnsiConsole.Console, ct));
        return command;
    }

    internal static async Task<int> RunAsync(IReadOnlyList<string> paths, int maxParallel, int graceSeconds, string unit, IAnsiConsole console, CancellationToken ct)
    {
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
        var host = DaemonHost.Build(tenants, options);
        foreach (var t in tenants)
            console.MarkupLineInterpolated($"{t.Name}: pull every {t.Run.PullMinutes} {unit}, export every {t.Run.ExportMinutes} {unit}");
        // The host stops on Ctrl-C / SIGTERM (its console lifetime, and ct, System.CommandLine's token), then disposes
        // itself and with it every tenant's session (clients, state store).
        await host.RunAsync(ct);
        console.MarkupLine("stopped");
        return 0;
    }
}
