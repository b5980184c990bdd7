// doctor --install-webhooks URL / --remove-webhooks: installs (or removes) the tenant's push rules in Odoo
// (Sync/Push/PushInstaller.cs) and prints one line per model; the secret is shown only by its hint. Every line
// this prints — the changes, a refused URL, Odoo's fault, any other failure — goes through PushModels.Redact
// first: the tenant's secret (plain or URL-escaped), a secret= query value and a URL's user:password never show.
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

    public static Task<int> RunAsync(ParseResult p, CancellationToken ct) =>
        RunAsync(p.GetValue(SyncCommand.ConfigOption)!, p.GetValue(RemoveOption) ? null : p.GetValue(InstallOption), AnsiConsole.Console, ct);

    /// <param name="installUrl">the daemon's webhook address to install; null = remove the rules</param>
    public static async Task<int> RunAsync(string configPath, string? installUrl, IAnsiConsole console, CancellationToken ct)
    {
        if (SyncCommand.LoadConfig(configPath, console, null) is not { } config) return 2;
        string? secret = null;
        void Say(string line) => console.MarkupLine(Markup.Escape(PushModels.Redact(line, secret)));
        Uri? endpoint = null;
        if (installUrl is not null
            && (!Uri.TryCreate(installUrl.EndsWith('/') ? installUrl : installUrl + "/", UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            Say($"✗ --install-webhooks needs the daemon's absolute http(s) address, e.g. https://daemon.example/webhooks/odoo/ (got {installUrl})");
            return 2;
        }
        await using var session = await TenantSession.OpenAsync(config, quick: true, ct: ct);
        try
        {
            secret = await session.Store.GetValueAsync(PushModels.SecretKey, ct);
            IReadOnlyList<PushChange> changes;
            if (endpoint is null) changes = await PushInstaller.RemoveAsync(session.OdooClient, ct);
            else
            {
                changes = await PushInstaller.InstallAsync(session.OdooClient, session.Store, config.Name, endpoint, ct);
                secret = await session.Store.GetValueAsync(PushModels.SecretKey, ct);
                Say($"secret: {PushModels.Hint(secret!)} (state store key {PushModels.SecretKey})");
            }
            foreach (var c in changes) Say($"{c.Model}: {c.What}");
            if (changes.Count == 0) Say("no webhook rules found");
            return 0;
        }
        catch (OdooOptiply.Odoo.OdooException e)
        {
            secret ??= await SecretOrNullAsync(session, ct);
            Say($"✗ Odoo refused the webhook rules (Odoo 17+ with base_automation needed): {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            secret ??= await SecretOrNullAsync(session, ct);
            Say($"✗ the webhook rules could not be {(endpoint is null ? "removed" : "installed")}: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static async Task<string?> SecretOrNullAsync(TenantSession session, CancellationToken ct)
    {
        try { return await session.Store.GetValueAsync(PushModels.SecretKey, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; }
    }
}
