// `doctor --install-webhooks URL` and `--remove-webhooks` through the command's own code path, in-process against the
// Odoo emulator (issue 16): install creates one rule per model and prints the secret's hint only; running it again
// rewrites instead of duplicating; remove takes every rule away; a refused install (Odoo 16, no webhook action) and a
// malformed URL fail with a message, and no output path shows the secret or a password in the URL.
using OdooOptiply.Cli.Commands;
using OdooOptiply.Sync.Push;
using Spectre.Console.Testing;

namespace OdooOptiply.Cli.Tests.Commands;

public class DoctorPushCommandTests
{
    private const string Url = "https://hook-user:hook-pass@daemon.example/webhooks/odoo/";

    private static async Task<string> SecretAsync(TenantFiles t)
    {
        await using var store = await OdooOptiply.Sync.State.SqliteStateStore.OpenAsync(t.StatePath, "acme");
        return (await store.GetValueAsync(PushModels.SecretKey))!;
    }

    private static int Rules(TenantFiles t) =>
        t.Odoo.Data.Search("base.automation").Count(r => (r["name"] as string ?? "").StartsWith(PushModels.RulePrefix, StringComparison.Ordinal));

    [Fact]
    public async Task InstallTwiceThenRemove_RulesOncePerModel_SecretNeverPrinted()
    {
        await using var t = await TenantFiles.StartAsync(18);
        var console = new TestConsole().Width(240);
        Assert.Equal(0, await DoctorPush.RunAsync(t.ConfigPath, Url, console, CancellationToken.None));
        var secret = await SecretAsync(t);
        var installed = Rules(t);
        Assert.True(installed >= 5, console.Output);
        Assert.Contains("stock.quant: created", console.Output);
        Assert.Contains("secret: " + secret[..4], console.Output);
        var hook = t.Odoo.Data.Search("ir.actions.server").Select(a => a["webhook_url"] as string).First(u => u is not null)!;
        Assert.Contains("secret=" + Uri.EscapeDataString(secret), hook); // Odoo holds it: the action must send it

        Assert.Equal(0, await DoctorPush.RunAsync(t.ConfigPath, Url, console, CancellationToken.None));
        Assert.Equal(installed, Rules(t));
        Assert.Contains("stock.quant: updated", console.Output);
        Assert.Equal(secret, await SecretAsync(t)); // reused, not a new one

        Assert.Equal(0, await DoctorPush.RunAsync(t.ConfigPath, null, console, CancellationToken.None));
        Assert.Equal(0, Rules(t));
        Assert.Contains("stock.quant: removed", console.Output);
        foreach (var leak in new[] { secret, Uri.EscapeDataString(secret), "hook-pass" }) Assert.DoesNotContain(leak, console.Output);
    }

    [Fact]
    public async Task Install_OnOdoo16_RefusedWithTheReason_NoSecretInTheMessage()
    {
        await using var t = await TenantFiles.StartAsync(16);
        var console = new TestConsole().Width(400);
        Assert.Equal(1, await DoctorPush.RunAsync(t.ConfigPath, Url, console, CancellationToken.None));
        Assert.Contains("Odoo 17+", console.Output);
        Assert.Equal(0, Rules(t));
        var secret = await SecretAsync(t);
        foreach (var leak in new[] { secret, Uri.EscapeDataString(secret), "hook-pass" }) Assert.DoesNotContain(leak, console.Output);
    }

    [Fact]
    public async Task Install_NotAnHttpUrl_RefusedBeforeAnythingIsWritten_PasswordRedacted()
    {
        await using var t = await TenantFiles.StartAsync(18);
        var console = new TestConsole().Width(400);
        Assert.Equal(2, await DoctorPush.RunAsync(t.ConfigPath, "ftp://u:topsecret@daemon/?secret=abc123", console, CancellationToken.None));
        Assert.Contains("absolute http(s) address", console.Output);
        Assert.DoesNotContain("abc123", console.Output);
        Assert.DoesNotContain("topsecret", console.Output);
        Assert.Equal(0, Rules(t));
    }

    [Theory]
    [InlineData("fault: bad value https://d/webhooks/odoo/acme?secret=S3cr-t_value&x=1", "S3cr-t_value")]
    [InlineData("connect to https://me:pw0rd@d/ failed", "pw0rd")]
    [InlineData("echo S3cr+t/v=", "S3cr+t/v=")]
    [InlineData("echo S3cr%2Bt%2Fv%3D", "S3cr%2Bt%2Fv%3D")]
    public void Redact_SecretsInAnyForm_Gone(string text, string leak)
    {
        var redacted = PushModels.Redact(text, "S3cr+t/v=");
        Assert.DoesNotContain(leak, redacted);
        Assert.Contains("***", redacted);
    }
}
