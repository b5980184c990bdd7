// The demo's takeover act: the state file is deleted (lost, moved aside, another machine), and the tenant is
// synced and exported again from an empty state. Adoption binds what Optiply already holds, so the counts of
// records in Optiply and of purchase orders in Odoo stay the same: nothing is created twice.
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class DemoTakeover
{
    private static readonly string[] Resources = ["products", "suppliers", "supplierProducts", "productCompositions", "sellOrders", "buyOrders", "buyOrderLines", "receiptLines"];

    public static async Task<bool> RunAsync(Func<ValueTask> close, Func<Task> reopen, Func<TenantSession> session, string statePath,
        OdooEmulator odoo, OptiplyEmulator optiply, IAnsiConsole console, CancellationToken ct)
    {
        var before = Counts(optiply, odoo);
        var posts = optiply.PostCount;
        await close();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(statePath)!, Path.GetFileName(statePath) + "*")) File.Delete(f);
        console.WriteLine($"  • deleted the state file {Path.GetFileName(statePath)}; syncing again from an empty state");
        await reopen();
        var run = await session().SyncAsync(new SyncOptions(), ct: ct);
        AdoptionPlan.Print(run, console);
        var s = session();
        var export = await s.ExportAsync(ct: ct);
        var after = Counts(optiply, odoo);
        var same = before.SequenceEqual(after) && optiply.PostCount == posts && run.Succeeded && export.Succeeded;
        console.WriteLine($"  • Optiply before and after: {Describe(before)}");
        if (!before.SequenceEqual(after)) console.WriteLine($"    after:                    {Describe(after)}");
        console.WriteLine(same
            ? $"  • nothing was created twice: {optiply.PostCount - posts} creates in Optiply, {after[^1].Count - before[^1].Count} new purchase orders in Odoo"
            : $"  • DUPLICATES: {optiply.PostCount - posts} creates in Optiply after the state was lost");
        return same;
    }

    private static List<(string Name, int Count)> Counts(OptiplyEmulator optiply, OdooEmulator odoo) =>
        [.. Resources.Select(r => (r, optiply.Store.Count(r))), ("Odoo purchase orders", odoo.Data.Count("purchase.order"))];

    private static string Describe(IEnumerable<(string Name, int Count)> counts) => string.Join(", ", counts.Select(c => $"{c.Count} {c.Name}"));
}
