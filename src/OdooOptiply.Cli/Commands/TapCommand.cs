// `odoo-optiply tap --config CONFIG [--discover] [--catalog FILE | --properties FILE] [--state FILE]`:
// the Singer tap. Singer messages on stdout and nothing else; logs and errors on stderr, one line each.
// Exit 0 done, 1 the read failed (Odoo error), 2 bad input (config, catalog, state, command line).
using System.CommandLine;
using Microsoft.Extensions.Logging;
using OdooOptiply.Odoo;
using OdooOptiply.Singer.Messages;
using OdooOptiply.Singer.Tap;

namespace OdooOptiply.Cli.Commands;

internal static class TapCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "tap config JSON (tap-odoo's keys: url, db, username, password, start_date, ...; docs/singer.md)" };
        var discover = new Option<bool>("--discover") { Description = "print the catalog of streams and schemas instead of reading records" };
        var catalog = new Option<FileInfo?>("--catalog") { Description = "catalog JSON selecting streams and fields" };
        var properties = new Option<FileInfo?>("--properties") { Description = "legacy name of --catalog" };
        var state = new Option<FileInfo?>("--state") { Description = "state JSON from an earlier run (bookmarks)" };
        var about = new Option<bool>("--about") { Description = "print what this tap is and its settings as JSON" };
        var format = new Option<string?>("--format") { Description = "with --about: json (the only format)" };
        var verbose = new Option<bool>("--verbose") { Description = "log every Odoo call to stderr" };
        var command = new Command("tap", "Singer tap: read Odoo's 18 tap-odoo streams and write Singer messages to stdout.")
            { config, discover, catalog, properties, state, about, format, verbose };
        command.SetAction(async (p, ct) =>
        {
            var error = Console.Error;
            if (p.GetValue(about))
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(System.Text.Encoding.UTF8.GetBytes(TapAbout.Document(VersionCommand.ProgramVersion()).ToJsonString(new() { WriteIndented = true }) + "\n"), ct);
                return ExitCodes.Done;
            }
            if (p.GetValue(config) is not { } configFile) { await error.WriteLineAsync("error: --config is required"); return ExitCodes.BadInput; }
            if (p.GetValue(catalog) is not null && p.GetValue(properties) is not null)
            { await error.WriteLineAsync("error: give --catalog or --properties, not both"); return ExitCodes.BadInput; }
            using var loggers = LoggerFactory.Create(b => b
                .SetMinimumLevel(p.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter("Microsoft", LogLevel.Warning));
            var log = loggers.CreateLogger("OdooOptiply.Singer.Tap");
            TapConfig tap;
            IReadOnlyDictionary<string, StreamSelection>? selection = null;
            TapState bookmarks;
            try
            {
                tap = TapConfig.Load(configFile.FullName);
                foreach (var w in tap.Warnings) log.LogWarning("tap config: {Warning}", w);
                if ((p.GetValue(catalog) ?? p.GetValue(properties)) is { } catalogFile)
                    selection = TapCatalog.ReadSelection(ReadFile(catalogFile, "catalog"));
                bookmarks = p.GetValue(state) is { } stateFile ? TapState.Parse(ReadFile(stateFile, "state")) : TapState.Empty();
            }
            catch (TapConfigException e) { await error.WriteLineAsync($"error: {e.Message}"); return ExitCodes.BadInput; }
            catch (FormatException e) { await error.WriteLineAsync($"error: {e.Message}"); return ExitCodes.BadInput; }
            catch (System.Text.Json.JsonException e) { await error.WriteLineAsync($"error: invalid JSON: {e.Message}"); return ExitCodes.BadInput; }
            try
            {
                await using var client = new OdooClient(tap.Odoo, loggers);
                var runner = new TapRunner(client, tap, log);
                await using var stdout = Console.OpenStandardOutput();
                await using var writer = new SingerWriter(stdout);
                if (p.GetValue(discover))
                {
                    var discovered = await runner.DiscoverAsync(ct);
                    await stdout.WriteAsync(System.Text.Encoding.UTF8.GetBytes(discovered.ToJsonString(new() { WriteIndented = true }) + "\n"), ct);
                    return ExitCodes.Done;
                }
                var reports = await runner.SyncAsync(writer, selection, bookmarks, ct);
                log.LogInformation("tap: done, {Streams} streams, {Records} records, {Calls} Odoo calls", reports.Count, writer.Records, client.CallCount);
                return ExitCodes.Done;
            }
            catch (OdooException e) { await error.WriteLineAsync($"error: {e.Message}"); return ExitCodes.Failed; }
            catch (InvalidOperationException e) { await error.WriteLineAsync($"error: {e.Message}"); return ExitCodes.Failed; }
            catch (FormatException e) { await error.WriteLineAsync($"error: {e.Message}"); return ExitCodes.Failed; }
            // The reader of stdout went away (a target that stopped): nothing more can be delivered.
            catch (IOException e) { await error.WriteLineAsync($"error: writing the messages failed: {e.Message}"); return ExitCodes.Failed; }
        });
        return command;
    }

    private static string ReadFile(FileInfo file, string what)
    {
        if (!file.Exists) throw new FormatException($"{what} file '{file.FullName}' does not exist");
        try { return File.ReadAllText(file.FullName); }
        catch (IOException e) { throw new FormatException($"{what} file '{file.FullName}' cannot be read: {e.Message}"); }
    }
}
