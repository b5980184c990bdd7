// doctor --install-webhooks URL / --remove-webhooks: installs (or removes) the tenant's push rules in Odoo
// (Sync/Push/PushInstaller.cs) and prints one line per model; the secret is shown only by its hint.
using System.CommandLine;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Push;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class DoctorPush
{
    public static readonly Option<string?> InstallOption = new("--install-webhooks")
    {
        Description = "Create or update Odoo 17+ automation rules that POST changes to URL (the daemon's /webhooks/odoo/ address).",
    };
    public static readonly Option<bool> RemoveOption = new("--remove-webhooks") { Description = "Remove the automation rules --install-webhooks created." };

    public static bool Wanted(ParseResult p) => p.GetValue(InstallOption) is not null || p.GetValue(RemoveOption);

    public static async Task<int> RunAsync(ParseResult p, CancellationToken ct)
    {
        var console = AnsiConsole.Console;
        if (SyncCommand.LoadConfig(p.GetValue(SyncCommand.ConfigOption)!, console, null) is not { } config) return 2;
        await using var session = await TenantSession.OpenAsync(config, quick: true, ct: ct);
        try
        {
            IReadOnlyList<PushChange> changes;
            if (p.GetValue(RemoveOption)) changes = await PushInstaller.RemoveAsync(session.OdooClient, ct);
            else
            {
                var url = p.GetValue(InstallOption)!;
                var endpoint = new Uri(url.EndsWith('/') ? url : url + "/");
                changes = await PushInstaller.InstallAsync(session.OdooClient, session.Store, config.Name, endpoint, ct);
                var secret = await session.Store.GetValueAsync(PushModels.SecretKey, ct);
                console.MarkupLine($"secret: {Markup.Escape(PushModels.Hint(secret!))} (state store key {PushModels.SecretKey})");
            }
            foreach (var c in changes) console.MarkupLine($"{Markup.Escape(c.Model)}: {Markup.Escape(c.What)}");
            if (changes.Count == 0) console.MarkupLine("no webhook rules found");
            return 0;
        }
        catch (OdooOptiply.Odoo.OdooException e)
        {
            console.MarkupLine($"[red]✗[/] Odoo refused the webhook rules (Odoo 17+ with base_automation needed): {Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
