// Prints what `sync --dry-run` would write, as its help promises: per resource and action (create, update,
// delete) the count, then the first records with their Odoo remote id, Optiply id and the attributes sent.
// `--json` carries the whole plan instead.
using OdooOptiply.Sync;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class DryRunPlan
{
    /// <summary>Records listed per resource and action on the console; the rest are counted.</summary>
    public const int Shown = 10;

    public static void Print(RunReport run, IAnsiConsole console)
    {
        if (run.Plan is not { } plan) return;
        if (plan.Count == 0) { console.WriteLine("would write nothing: Optiply already says what Odoo says"); return; }
        console.WriteLine($"would write {plan.Count} records:");
        foreach (var group in plan.GroupBy(w => (w.Resource, w.Action)))
        {
            var writes = group.ToList();
            console.WriteLine($"  {group.Key.Action} {writes.Count} {group.Key.Resource}");
            foreach (var w in writes.Take(Shown))
            {
                var ids = string.Join(", ", new[] { w.RemoteId is null ? null : $"remote id {w.RemoteId}", w.Id is null ? null : $"Optiply id {w.Id}" }
                    .Where(x => x is not null));
                console.WriteLine($"    {ids}{(w.Attributes.Count > 0 ? ": " + string.Join(", ", w.Attributes) : "")}");
            }
            if (writes.Count > Shown) console.WriteLine($"    … and {writes.Count - Shown} more (--json lists them all)");
        }
    }
}
