// What `status` shows about the daemon's schedule of a tenant: each job's interval and its last and next
// run as the daemon recorded them in the state store (— when the daemon never ran the job).
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;
using Spectre.Console;

namespace OdooOptiply.Cli.Hosting;

public static class ScheduleStatus
{
    public static async Task<Table> TableAsync(IStateStore store, TenantConfig config, CancellationToken ct)
    {
        var table = new Table().Title("schedule (odoo-optiply run)").AddColumns("job", "every", "last run (UTC)", "next run (UTC)");
        foreach (var kind in new[] { JobKind.Pull, JobKind.Export })
            table.AddRow(ScheduleKeys.Name(kind), $"{(kind == JobKind.Pull ? config.Run.PullMinutes : config.Run.ExportMinutes)} min",
                Markup.Escape(await store.GetValueAsync(ScheduleKeys.Last(kind), ct) ?? "—"),
                Markup.Escape(await store.GetValueAsync(ScheduleKeys.Next(kind), ct) ?? "—"));
        return table;
    }
}
