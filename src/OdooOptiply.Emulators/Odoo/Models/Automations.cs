// base.automation rules with "Send Webhook Notification" actions (Odoo 17+): after a create or write of a
// watched model, each webhook action POSTs {"_action": "<name>(#<id>)", "_id": ..., "_model": ..., chosen
// fields} to its URL, one call per record, off the write path (Odoo sends after the commit, in a thread).
// Tests wait on Sent / WhenIdleAsync, or set Synchronous; failures are counted, never retried (Odoo logs them).
using System.Net.Http.Json;
using OdooOptiply.Emulators.Odoo.Orm;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace OdooOptiply.Emulators.Odoo;

public sealed class OdooWebhooks
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;
    private long _sent, _failed;

    /// <summary>When set, the POST completes before the create/write returns (tests that want no waiting at all).</summary>
    public bool Synchronous { get; set; }
    /// <summary>POSTs answered 2xx.</summary>
    public long Sent => Interlocked.Read(ref _sent);
    /// <summary>POSTs that failed (connection refused, non-2xx, timeout).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Completes when every webhook queued so far has been sent or has failed.</summary>
    public Task WhenIdleAsync() { lock (_gate) return _tail; }

    internal void Register(Behaviours b) => b.Changed.Add(OnChanged);

    /// <summary>One ir.model row per model of the profile, so model_id can point at stock.quant, product.product ...</summary>
    internal static void SeedModels(Orm.Orm orm)
    {
        foreach (var model in orm.Profile.Models.Keys.Order(StringComparer.Ordinal))
            orm.Store.Insert("ir.model", new Row { ["name"] = model, ["model"] = model });
    }

    private void OnChanged(Orm.Orm orm, Env env, string model, IReadOnlyList<long> ids, string how)
    {
        if (model is "base.automation" or "ir.actions.server" || orm.Profile.Model("base.automation")?.Has("action_server_ids") != true) return;
        foreach (var ruleId in orm.Store.Table("base.automation").IdsAscending().ToList())
        {
            var rule = orm.Get("base.automation", ruleId)!;
            if (rule.GetValueOrDefault("active") is false || !Fires(rule.GetValueOrDefault("trigger") as string, how)) continue;
            if (ModelOf(orm, rule) != model) continue;
            foreach (var actionId in orm.Store.Table("ir.actions.server").IdsAscending().ToList())
            {
                var action = orm.Get("ir.actions.server", actionId)!;
                if (action.GetValueOrDefault("base_automation_id") is not long owner || owner != ruleId) continue;
                if (action.GetValueOrDefault("state") as string != "webhook" || action.GetValueOrDefault("webhook_url") is not string { Length: > 0 } url) continue;
                var fields = (action.GetValueOrDefault("webhook_field_ids") as List<long> ?? [])
                    .Select(f => orm.Get("ir.model.fields", f)?.GetValueOrDefault("name") as string).OfType<string>().ToList();
                foreach (var id in ids)
                {
                    var payload = new Dictionary<string, object?>
                    {
                        ["_action"] = $"{action.GetValueOrDefault("name")}(#{actionId})", ["_id"] = id, ["_model"] = model,
                    };
                    var row = orm.Get(model, id);
                    foreach (var f in fields) payload[f] = row?.GetValueOrDefault(f);
                    Enqueue(url, payload);
                }
            }
        }
    }

    private static bool Fires(string? trigger, string how) => trigger switch
    {
        "on_create_or_write" => true,
        "on_create" => how == "create",
        "on_write" => how == "write",
        _ => false,
    };

    private static string? ModelOf(Orm.Orm orm, Row rule) =>
        rule.GetValueOrDefault("model_id") is long mid ? orm.Get("ir.model", mid)?.GetValueOrDefault("model") as string : null;

    private void Enqueue(string url, Dictionary<string, object?> payload)
    {
        if (Synchronous) { PostAsync(url, payload).GetAwaiter().GetResult(); return; }
        lock (_gate) _tail = Task.WhenAll(_tail, Task.Run(() => PostAsync(url, payload)));
    }

    private async Task PostAsync(string url, Dictionary<string, object?> payload)
    {
        try
        {
            using var response = await Http.PostAsJsonAsync(url, payload).ConfigureAwait(false);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _sent : ref _failed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
