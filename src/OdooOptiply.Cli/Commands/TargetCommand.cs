// `odoo-optiply target --config CONFIG [--state FILE] [--input FILE]`: a Singer target. Reads Singer messages on stdin, writes the
// records of the streams TaxRates, Vendors, Suppliers, BuyOrders, PurchaseInvoices, Invoices and Bills into Odoo
// (SingerTarget), prints STATE messages on stdout and logs on stderr only. Exit codes: 0 done; 4 some records
// were refused (each logged with its key and reason); 2 bad input (config, or a message: line number and stream
// named, nothing of the unwritten batch written); 1 a failure fatal for the run (Odoo unreachable, login refused).
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OdooOptiply.Odoo;
using OdooOptiply.Singer.Target;
using OdooOptiply.Sync;
using OdooOptiply.Sync.OdooWrites;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Cli.Commands;

internal static class TargetCommand
{
    private static readonly Option<string> Config = new("--config") { Description = "the target's JSON config (target-odoo-v3's keys: url, db, username, password …)", Required = true };
    private static readonly Option<string?> State = new("--state") { Description = "the last STATE this target emitted (a JSON file): emitted again when the tap sends none" };
    private static readonly Option<string?> Input = new("--input") { Description = "read the messages from this file instead of stdin (as Meltano SDK targets take it)" };
    private static readonly Option<bool> Verbose = new("--verbose") { Description = "log every record's outcome and every Odoo call to stderr" };

    public static Command Create()
    {
        var command = new Command("target", "Singer target: Singer messages on stdin → Odoo (TaxRates, Vendors, Suppliers, BuyOrders, PurchaseInvoices, Invoices, Bills).")
            { Config, State, Input, Verbose };
        command.SetAction(async (p, ct) =>
        {
            if (p.GetValue(Input) is not { } file) return await RunAsync(p.GetValue(Config)!, p.GetValue(State), p.GetValue(Verbose), Console.OpenStandardInput(), Console.Out, ct);
            if (!File.Exists(file)) { await Console.Error.WriteLineAsync($"error: input file '{file}' does not exist"); return ExitCodes.BadInput; }
            await using var input = File.OpenRead(file);
            return await RunAsync(p.GetValue(Config)!, p.GetValue(State), p.GetValue(Verbose), input, Console.Out, ct);
        });
        return command;
    }

    internal static async Task<int> RunAsync(string configPath, string? statePath, bool verbose, Stream input, TextWriter output, CancellationToken ct)
    {
        using var loggers = CliLogging.ToStandardError(verbose);
        var log = loggers.CreateLogger("target");
        TargetConfig config;
        JsonNode? previous;
        try
        {
            config = TargetConfig.Load(configPath);
            previous = statePath is null ? null : ReadState(statePath);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        foreach (var w in config.Warnings) log.LogWarning("{Warning}", w);
        await using var store = await SqliteStateStore.OpenAsync(config.StatePath, "singer-target", ct);
        await using var odoo = new OdooClient(config.Odoo, loggers);
        var target = new SingerTarget(new OdooWriteContext(odoo, null, config.Flags, config.Settings), store, output, config.Options, log);
        try { await target.RunAsync(input, previous, ct); }
        catch (TargetInputException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Fatal for the run (Odoo unreachable after the retries, login refused …): the records of the unwritten batch are not
            // in Odoo, no STATE covers them, and a re-run resends them.
            await Console.Error.WriteLineAsync($"error: {RunFailures.FatalReason(e) ?? e.Message}");
            return ExitCodes.Failed;
        }
        return target.Summary.Failed > 0 ? ExitCodes.Rejected : ExitCodes.Done;
    }

    private static JsonNode? ReadState(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"state file '{path}' does not exist");
        var text = File.ReadAllText(path).Trim();
        if (text.Length == 0) return null;
        try
        {
            // A bare state value, or the last STATE message itself (as `tail -1` of the target's output gives it).
            var node = JsonNode.Parse(text.Split('\n')[^1]);
            return node is JsonObject { } o && o["type"]?.GetValue<string>() == "STATE" ? o["value"] : node;
        }
        catch (JsonException e) { throw new ArgumentException($"state file '{Path.GetFileName(path)}' is not JSON: {e.Message}"); }
    }
}
