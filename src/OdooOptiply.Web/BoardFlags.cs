// The flags in force for a tenant, as the tenant page lists them: every SyncFlags property with its
// value (flags hold no secret), then the schedule settings. Connection secrets are not in SyncFlags.
using System.Collections;
using System.Globalization;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.Web;

public static class BoardFlags
{
    public static IEnumerable<(string Name, string Value)> Of(TenantConfig config)
    {
        foreach (var p in typeof(SyncFlags).GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
            yield return (p.Name, Format(p.GetValue(config.Flags)));
        yield return ("schedule.pull_minutes", config.Run.PullMinutes.ToString(CultureInfo.InvariantCulture));
        yield return ("schedule.export_minutes", config.Run.ExportMinutes.ToString(CultureInfo.InvariantCulture));
        yield return ("schedule.reconcile_hours", config.Run.ReconcileHours.ToString(CultureInfo.InvariantCulture));
        yield return ("full_sync_streams", string.Join(", ", config.Run.FullSyncStreams.Order(StringComparer.Ordinal)));
        yield return ("odoo", $"{config.Odoo.Url} db {config.Odoo.Database} as {config.Odoo.Username} ({config.Odoo.Protocol})");
    }

    private static string Format(object? v) => v switch
    {
        null => "—",
        string s => s,
        bool b => b ? "true" : "false",
        IDictionary d => string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}={Convert.ToString(d[k], CultureInfo.InvariantCulture)}")),
        IEnumerable e => string.Join(", ", e.Cast<object>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
