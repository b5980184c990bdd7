// `odoo-optiply doctor --config tenant.json`: checks a tenant before its first sync (connections, version
// and transport, modules and read access per stream, language, company and warehouse ids) and prints
// what will and will not sync, with the fix for each failure. Exit code 1 when a check failed.
using System.CommandLine;
using OdooOptiply.Sync;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check a tenant's connections, modules, access rights, language, companies and warehouses.") { SyncCommand.ConfigOption, CliJson.Option };
        command.Options.Add(DoctorPush.InstallOption);
        command.Options.Add(DoctorPush.RemoveOption);
        command.SetAction((p, ct) => DoctorPush.Wanted(p) ? DoctorPush.RunAsync(p, ct) : RunAsync(p.GetValue(SyncCommand.ConfigOption)!, CliJson.MessagesConsole(p.GetValue(CliJson.Option)), null, ct,
            p.GetValue(CliJson.Option) ? Console.Out : null));
        return command;
    }

    internal static async Task<int> RunAsync(string configPath, IAnsiConsole console, Func<string, string?>? env, CancellationToken ct, TextWriter? json = null)
    {
        if (SyncCommand.LoadConfig(configPath, console, env) is not { } config) return 2;
        console.MarkupLine("[green]✓[/] configuration: every key valid");
        await using var session = await TenantSession.OpenAsync(config, quick: true, ct: ct);
        var report = await TenantDoctor.ExamineAsync(session, ct);
        if (json is not null)
        {
            CliJson.Write(json, CliJson.Doctor(report));
            return report.Healthy ? 0 : 1;
        }

        var checks = new Table().Border(TableBorder.Simple).Title("checks").AddColumns("", "check", "result");
        foreach (var c in report.Checks)
        {
            var mark = c.Result switch { CheckResult.Ok => "[green]✓[/]", CheckResult.Warning => "[yellow]![/]", _ => "[red]✗[/]" };
            var text = Markup.Escape(c.Detail) + (c.Fix is null ? "" : $"\n[bold]fix:[/] {Markup.Escape(c.Fix)}");
            checks.AddRow(new Markup(mark), new Markup(Markup.Escape(c.Name)), new Markup(text));
        }
        console.Write(checks);

        var streams = new Table().Border(TableBorder.Simple).Title("what will sync").AddColumns("", "stream", "");
        foreach (var s in report.Streams)
            streams.AddRow(new Markup(s.WillSync ? "[green]✓[/]" : "[grey]·[/]"), new Markup(Markup.Escape(s.Stream)), new Markup(Markup.Escape(s.Detail)));
        console.Write(streams);
        return report.Healthy ? 0 : 1;
    }
}
