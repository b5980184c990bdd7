// `odoo-optiply demo`: the whole job on embedded emulators. Starts an Odoo and an Optiply emulator, syncs
// the demo company in full, then changes a few things in Odoo as a user would (a stock move, an archived
// product, a new sale order, a deleted supplier price), syncs again and shows that only those travelled;
// then the other direction (DemoExport): a buy order made in Optiply becomes one purchase order in Odoo.
// Last (DemoTakeover), the state file is deleted and the tenant synced again: nothing is created twice.
// --http 127.0.0.1:PORT serves the demo tenant's sync board while it runs and prints its address (DemoBoard).
using System.CommandLine;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create()
    {
        var version = new Option<int>("--odoo-version") { Description = "the Odoo version the emulator plays: 16, 17, 18 or 19", DefaultValueFactory = _ => 18 };
        var http = new Option<string?>("--http") { Description = "serve the demo tenant's sync board here while the demo runs (127.0.0.1:0 = any free port)" };
        var command = new Command("demo", "Sync a demo company between embedded Odoo and Optiply emulators, change it, and sync again.") { version, http };
        command.SetAction((p, ct) => RunAsync(p.GetValue(version), AnsiConsole.Console, ct, p.GetValue(http)));
        return command;
    }

    internal static async Task<int> RunAsync(int odooVersion, IAnsiConsole console, CancellationToken ct, string? http = null)
    {
        if (odooVersion is < 16 or > 19) { console.MarkupLine("[red]--odoo-version must be 16, 17, 18 or 19[/]"); return 2; }
        // Odoo's clock runs two hours behind so the seed, the first run and the changes lie outside each
        // other's overlap window: the second run then reads only what changed, not just writes only that.
        var clock = new ShiftedClock(TimeSpan.FromHours(-2));
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = odooVersion, Seed = "demo", Clock = clock }, ct);
        await using var optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions(), ct);
        var dir = Directory.CreateTempSubdirectory("odoo-optiply-demo-").FullName;
        try
        {
            var config = DemoConfig(odoo, optiply, Path.Combine(dir, "demo.db"));
            console.MarkupLineInterpolated($"Odoo {odooVersion} emulator at {odoo.Url}, Optiply emulator at {optiply.BaseUrl}");
            var session = await TenantSession.OpenAsync(config, time: clock, ct: ct);
            await using var board = http is null ? null : new OdooOptiply.Web.BoardServer(new OdooOptiply.Web.BoardOptions(http, null),
                new DemoBoard(() => session), new OdooOptiply.Web.SyncTelemetry(clock), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<OdooOptiply.Web.BoardServer>.Instance);
            if (board is not null)
            {
                try { await board.StartAsync(ct); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
                {
                    console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
                    await session.DisposeAsync();
                    return 2;
                }
                console.MarkupLineInterpolated($"sync board of the demo at {board.Address} (while the demo runs)");
            }
            try
            {

            clock.Shift(TimeSpan.FromHours(1));
            Heading(console, "1. full sync of the demo company");
            var first = await session.SyncAsync(new SyncOptions(), ct: ct);
            console.Write(SyncCommand.ReportTable(first));
            var writesAfterFirst = optiply.WriteCount;

            clock.Shift(TimeSpan.FromHours(1));
            Heading(console, "2. a user changes Odoo");
            foreach (var change in DemoChanges.Apply(odoo.Data)) console.MarkupLineInterpolated($"  • {change}");

            Heading(console, "3. sync again: only the changes travel");
            var second = await session.SyncAsync(new SyncOptions(), ct: ct);
            console.Write(SyncCommand.ReportTable(second));
            console.MarkupLineInterpolated($"Optiply writes: first run {writesAfterFirst}, second run {optiply.WriteCount - writesAfterFirst}.");

            var third = await session.SyncAsync(new SyncOptions(), ct: ct);
            console.MarkupLineInterpolated($"A third run with nothing changed wrote {third.Writes} records.");

            clock.Shift(TimeSpan.FromHours(1));
            Heading(console, "4. a buy order made in Optiply becomes a purchase order in Odoo, once");
            var exported = await DemoExport.RunAsync(session, odoo, optiply, () => clock.Shift(TimeSpan.FromHours(1)), console, ct);

            clock.Shift(TimeSpan.FromHours(1));
            Heading(console, "5. the state file is lost: the next sync adopts what Optiply holds, nothing twice");
            var adopted = await DemoTakeover.RunAsync(() => session.DisposeAsync(), async () => session = await TenantSession.OpenAsync(config, time: clock, ct: ct),
                () => session, config.Run.StatePath!, odoo, optiply, console, ct);
            if (board is not null && !Console.IsInputRedirected)
            {
                console.MarkupLineInterpolated($"the board stays up at {board.Address}: press Enter to end the demo");
                await Task.Run(Console.ReadLine, ct).WaitAsync(ct);
            }
            return first.Succeeded && second.Succeeded && third.Succeeded && exported && adopted ? 0 : 1;
            }
            finally { await session.DisposeAsync(); }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static TenantConfig DemoConfig(OdooEmulator odoo, OptiplyEmulator optiply, string statePath) => new(
        "demo",
        new OdooOptiply.Sync.Config.OdooConnection(odoo.Url, odoo.Database, odoo.Username, odoo.Password, null, "auto", null),
        new OptiplyConnection(optiply.ClientId, optiply.ClientSecret, optiply.Username, optiply.Password, optiply.AccountId, optiply.CouplingId,
            optiply.BaseUrl, optiply.TokenUrl, RequestsPerSecond: 200), // an emulator needs no politeness
        new SyncFlags { MapSellOrdersPos = true, MapPreferred = true, BoCompletedOnReceipt = true },
        new RunSettings { StatePath = statePath, StartDate = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

    /// <summary>The system clock moved by an offset the demo advances, so "an hour later" takes no hour.</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        private TimeSpan _offset = offset;
        public void Shift(TimeSpan by) => _offset += by;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }

    /// <summary>A step's heading: a full-width rule on a terminal; piped (where the width is 1000 so lines never wrap),
    /// a rule of 100 columns, so a log of the demo stays readable.</summary>
    private static void Heading(IAnsiConsole console, string text)
    {
        if (!Console.IsOutputRedirected) { console.Write(new Rule($"[bold]{text}[/]")); return; }
        var side = Math.Max(3, (100 - text.Length - 2) / 2);
        console.MarkupLine($"{new string('─', side)} [bold]{Markup.Escape(text)}[/] {new string('─', side)}");
    }
}
