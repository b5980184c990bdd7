// Prints what adoption did in a run (or, with --dry-run, would do): per binding space, how many records were
// bound to what Optiply already held by remote id, by natural key and by origin mark, how many were
// ambiguous (not created), how many are left to create, and how many Optiply holds that Odoo does not.
using OdooOptiply.Sync;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class AdoptionPlan
{
    public static void Print(RunReport run, IAnsiConsole console)
    {
        var adopted = run.Streams.Where(s => s.Adoption is not null).ToList();
        if (adopted.Count == 0) return;
        console.WriteLine(run.DryRun ? "adoption plan (nothing written):" : "adoption (what Optiply already held was bound, not created again):");
        foreach (var s in adopted) console.WriteLine("  " + s.Adoption!.Describe());
        var created = adopted.Sum(s => s.Created);
        var ambiguous = adopted.Sum(s => s.Adoption!.Ambiguous);
        console.WriteLine($"  in all: {adopted.Sum(s => s.Adoption!.Adopted)} adopted, {ambiguous} ambiguous (not created), "
            + (run.DryRun ? $"{adopted.Sum(s => s.Adoption!.ToCreate)} to create" : $"{created} created"));
    }
}
