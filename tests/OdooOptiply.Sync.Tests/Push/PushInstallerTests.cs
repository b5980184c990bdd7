// doctor --install-webhooks' installer against the Odoo emulator over HTTP: twice gives the same rules (found by
// name, updated), one secret kept in the state store and carried in every rule's URL; removal takes them all.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Push;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Push;

public class PushInstallerTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:5080/webhooks/odoo/");

    [Fact]
    public async Task InstallTwice_SameRulesUpdated_OneSecret_ThenRemoveTakesThemAll()
    {
        await using var h = await SyncHarness.StartAsync();
        await using var odoo = new OdooClient(h.Config.ToOdooOptions());
        var first = await PushInstaller.InstallAsync(odoo, h.Store, "acme", Endpoint);
        var rules = h.Odoo.Data.Count("base.automation");
        var secret = await h.Store.GetValueAsync(PushModels.SecretKey);
        Assert.Equal(PushModels.Streams.Count, rules);
        Assert.All(first, c => Assert.Equal("created", c.What));

        var second = await PushInstaller.InstallAsync(odoo, h.Store, "acme", Endpoint);
        Assert.All(second, c => Assert.Equal("updated", c.What));
        Assert.Equal(rules, h.Odoo.Data.Count("base.automation"));
        Assert.Equal(rules, h.Odoo.Data.Count("ir.actions.server"));
        Assert.Equal(secret, await h.Store.GetValueAsync(PushModels.SecretKey));
        Assert.All(h.Odoo.Data.Search("ir.actions.server"), a =>
            Assert.Equal($"http://127.0.0.1:5080/webhooks/odoo/acme?secret={secret}", a["webhook_url"]));

        var removed = await PushInstaller.RemoveAsync(odoo);
        Assert.Equal(rules, removed.Count);
        Assert.Equal(0, h.Odoo.Data.Count("base.automation"));
        Assert.Equal(0, h.Odoo.Data.Count("ir.actions.server"));
    }

    [Fact]
    public async Task Odoo16_InstallRefused_NoRuleLeft()
    {
        await using var h = await SyncHarness.StartAsync(version: 16);
        await using var odoo = new OdooClient(h.Config.ToOdooOptions());
        await Assert.ThrowsAnyAsync<OdooException>(() => PushInstaller.InstallAsync(odoo, h.Store, "acme", Endpoint));
        Assert.Equal(0, h.Odoo.Data.Count("base.automation"));
    }
}
