// `odoo-optiply export --config tenant.json`: one buy order export by hand (Optiply → Odoo), the same run
// the daemon does every schedule.export_minutes; prints the run report with every conflict and problem.
// Exit code 0 when the run succeeded (conflicts are reported, not failures), 1 when it failed, 2 on config,
// 3 when another process (the daemon, a sync) runs this tenant right now.
using System.CommandLine;
using OdooOptiply.Sync;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Create and update Odoo purchase orders from the buy orders made in Optiply (once).") { SyncCommand.ConfigOption, CliJson.Option };
        foreach (var option in CliLogging.RunOptions) command.Options.Add(option);
        command.SetAction((p, ct) => RunAsync(p.GetValue(SyncCommand.ConfigOption)!, CliJson.MessagesConsole(p.GetValue(CliJson.Option)), null, ct, CliLogging.From(p),
            p.GetValue(CliJson.Option) ? Console.Out : null));
        return command;
    }

    internal static async Task<int> RunAsync(string configPath, IAnsiConsole console, Func<string, string?>? env, CancellationToken ct, LogSettings? log = null,
        TextWriter? json = null)
    {
        if (SyncCommand.LoadConfig(configPath, console, env) is not { } config) return 2;
        log ??= new LogSettings();
        using var loggers = log.Loggers();
        await using var session = await TenantSession.OpenAsync(config, loggers, tracePath: log.Trace, ct: ct);
        await using var lease = await SyncCommand.LeaseAsync(session, "export", console, ct);
        if (lease is null) return 3;
        // A lease lost mid-run (this process stalled past its TTL) ends the run at the next order.
        var run = await session.ExportAsync(lease.StillHeldAsync, ct, lease.Lost);
        if (json is not null) CliJson.Write(json, CliJson.Run(run));
        else console.Write(SyncCommand.ReportTable(run));
        foreach (var message in run.Streams.SelectMany(s => s.Errors)) console.MarkupLineInterpolated($"[yellow]•[/] {message}");
        SyncCommand.PrintOutcome(run, console);
        return ExitCodes.Of(run);
    }
}
