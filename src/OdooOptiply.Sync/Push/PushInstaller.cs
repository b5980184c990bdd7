// doctor --install-webhooks / --remove-webhooks: one base.automation rule (on_create_or_write) with one
// "Send Webhook Notification" action per model of PushModels.Streams, pointing at URL/{tenant}?secret=...
// Idempotent: the connector's rules are found by name (PushModels.RulePrefix) and rewritten, never duplicated.
// The secret is the tenant's state-store value (generated once); what is printed only names its hint.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Push;

public sealed record PushChange(string Model, string What);

public static class PushInstaller
{
    public static async Task<IReadOnlyList<PushChange>> InstallAsync(OdooClient odoo, IStateStore store, string tenant, Uri endpoint, CancellationToken ct = default)
    {
        var secret = await store.GetValueAsync(PushModels.SecretKey, ct);
        if (string.IsNullOrEmpty(secret))
        {
            secret = PushModels.NewSecret();
            await store.SetValueAsync(PushModels.SecretKey, secret, ct);
        }
        var url = new Uri(endpoint, $"{Uri.EscapeDataString(tenant)}?secret={Uri.EscapeDataString(secret)}").ToString();
        var changes = new List<PushChange>();
        foreach (var model in PushModels.Streams.Keys)
        {
            var modelIds = await odoo.SearchAsync("ir.model", OdooDomain.Leaf("model", "=", model), ct: ct);
            if (modelIds.Count == 0) { changes.Add(new(model, "skipped: model not installed")); continue; }
            var name = PushModels.RuleName(model);
            var action = new Dictionary<string, object?> { ["name"] = name, ["model_id"] = modelIds[0], ["state"] = "webhook", ["webhook_url"] = url };
            var rules = await odoo.SearchAsync("base.automation", OdooDomain.Leaf("name", "=", name), ct: ct);
            if (rules.Count == 0)
            {
                await odoo.CreateAsync("base.automation", new Dictionary<string, object?>
                {
                    ["name"] = name, ["model_id"] = modelIds[0], ["trigger"] = "on_create_or_write", ["active"] = true,
                    ["action_server_ids"] = new List<object?> { new List<object?> { 0L, 0L, action } },
                }, ct: ct);
                changes.Add(new(model, "created"));
                continue;
            }
            // Ours already: rewrite its action (a new URL or secret), drop extra copies if a person duplicated it.
            await odoo.WriteAsync("base.automation", [rules[0]], new Dictionary<string, object?>
            {
                ["trigger"] = "on_create_or_write", ["active"] = true,
                ["action_server_ids"] = new List<object?> { new List<object?> { 5L, 0L, 0L }, new List<object?> { 0L, 0L, action } },
            }, ct: ct);
            if (rules.Count > 1) await odoo.UnlinkAsync("base.automation", rules.Skip(1).ToList(), ct: ct);
            changes.Add(new(model, "updated"));
        }
        return changes;
    }

    public static async Task<IReadOnlyList<PushChange>> RemoveAsync(OdooClient odoo, CancellationToken ct = default)
    {
        var changes = new List<PushChange>();
        foreach (var model in PushModels.Streams.Keys)
        {
            var rules = await odoo.SearchAsync("base.automation", OdooDomain.Leaf("name", "=", PushModels.RuleName(model)), ct: ct);
            if (rules.Count == 0) continue;
            await odoo.UnlinkAsync("base.automation", rules, ct: ct);
            changes.Add(new(model, "removed"));
        }
        return changes;
    }
}
