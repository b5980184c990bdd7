// `odoo-optiply emulate <system>`: runs an emulator in the foreground until Ctrl-C. This file owns
// the `emulate` group and its `odoo` subcommand; `optiply` comes from EmulateOptiplyCommand.cs.
using System.CommandLine;
using System.Diagnostics;
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Cli.Commands;

internal static class EmulateCommand
{
    public static Command Create()
    {
        var command = new Command("emulate", "Run an emulated Odoo or Optiply server on 127.0.0.1 until Ctrl-C.");
        command.Subcommands.Add(CreateOdoo());
        command.Subcommands.Add(EmulateOptiplyCommand.Create());
        return command;
    }

    private static Command CreateOdoo()
    {
        var port = new Option<int>("--port") { Description = "TCP port (0 = any free port).", DefaultValueFactory = _ => 8069 };
        var version = new Option<int>("--version") { Description = "Odoo version profile: 16, 17, 18 or 19.", DefaultValueFactory = _ => 18 };
        var seed = new Option<string>("--seed") { Description = "Data set: demo, empty or large:N.", DefaultValueFactory = _ => "demo" };
        var faults = new Option<string?>("--faults") { Description = "Transient faults, e.g. \"429=0.05,5xx=0.05,reset=0.02,slow=0.01,truncate=0.01,html=0.01,seed=7\"." };
        var database = new Option<string>("--db") { Description = "Database name clients must use.", DefaultValueFactory = _ => "optiply_demo" };
        var clockOffset = new Option<int>("--clock-offset")
        {
            Description = "Seconds added to the emulator's clock (negative = the past): the seed's and every later write_date. " +
                          "-3600 makes the seeded data an hour old, as a real database's is when a sync first meets it.",
        };
        var seedAge = new Option<int>("--seed-age")
        {
            Description = "Seconds the seeded data is older than the emulator's clock (its write_dates lie that far back, the clock itself is not " +
                          "moved): what a real database looks like to a client that takes its bookmarks from the server's clock.",
        };
        var command = new Command("odoo", "Emulate an Odoo server (XML-RPC, JSON-RPC and, for 19, JSON-2).");
        foreach (var o in new Option[] { port, version, seed, faults, database, clockOffset, seedAge }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            OdooEmulatorOptions options;
            try
            {
                options = new OdooEmulatorOptions
                {
                    Port = parse.GetValue(port), Version = parse.GetValue(version), Seed = parse.GetValue(seed)!,
                    Database = parse.GetValue(database)!,
                    Faults = parse.GetValue(faults) is { Length: > 0 } spec ? FaultOptions.Parse(spec) : null,
                    Clock = new OffsetClock(TimeSpan.FromSeconds(parse.GetValue(clockOffset) - parse.GetValue(seedAge))),
                };
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            var clock = Stopwatch.StartNew();
            await using var emulator = await EmulatorPort.StartAsync(() => OdooEmulator.StartAsync(options, ct), options.Port, parse.InvocationConfiguration.Error);
            if (emulator is null) return ExitCodes.BadInput;
            ((OffsetClock)options.Clock).Offset = TimeSpan.FromSeconds(parse.GetValue(clockOffset)); // seeded: the clock comes back to now
            Console.WriteLine($"Odoo {emulator.Version} emulator at {emulator.Url} (db {emulator.Database}, login {emulator.Username}/{emulator.Password}, " +
                              $"seed {options.Seed}: {emulator.Data.Count("product.product")} products, ready in {clock.ElapsedMilliseconds} ms). Ctrl-C stops it.");
            try { await Task.Delay(Timeout.Infinite, ct); } catch (OperationCanceledException) { }
            return 0;
        });
        return command;
    }

    /// <summary>The system clock moved by an offset (set once more after seeding, for --seed-age).</summary>
    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        public TimeSpan Offset { get; set; } = offset;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
