// `odoo-optiply status --config tenant.json`: what the state database knows — the last runs with their
// counts, each stream's bookmark, and how many records each stream has bound. Reads no remote system.
using System.CommandLine;
using System.Globalization;
using OdooOptiply.Sync;
using OdooOptiply.Sync.State;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var last = new Option<int>("--runs") { Description = "how many recent runs to show, each failed stream with its error", DefaultValueFactory = _ => 5 };
        var one = new Option<long?>("--run") { Description = "show one run: every stream's counts and errors" };
        var command = new Command("status", "Show the last runs, the bookmarks and the binding counts of a tenant.") { SyncCommand.ConfigOption, last, one, CliJson.Option };
        command.SetAction((p, ct) => RunAsync(p.GetValue(SyncCommand.ConfigOption)!, p.GetValue(last), CliJson.MessagesConsole(p.GetValue(CliJson.Option)), null, ct,
            p.GetValue(one), p.GetValue(CliJson.Option) ? Console.Out : null));
        return command;
    }

    /// <summary>How far back `status --run N` looks for run N.</summary>
    private const int RunLookBack = 10_000;

    internal static async Task<int> RunAsync(string configPath, int runs, IAnsiConsole console, Func<string, string?>? env, CancellationToken ct,
        long? runId = null, TextWriter? json = null)
    {
        if (SyncCommand.LoadConfig(configPath, console, env) is not { } config) return 2;
        if (StateStores.PostgresUrl(config) is null && !File.Exists(config.Run.StatePath))
        {
            console.MarkupLineInterpolated($"no state yet at {config.Run.StatePath}: run [bold]sync[/] first");
            return 0;
        }
        await using var store = await StateStores.OpenAsync(config, ct);
        if (runId is { } id)
        {
            var run = (await store.GetRecentRunsAsync(RunLookBack, ct)).FirstOrDefault(r => r.Id == id);
            if (run is null) { console.MarkupLineInterpolated($"[red]error[/] no run {id} in {StateStores.Describe(config)}"); return ExitCodes.BadInput; }
            if (json is not null) { CliJson.Write(json, CliJson.Run(run)); return ExitCodes.Done; }
            console.MarkupLineInterpolated($"run {run.Id}, started {run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
            console.Write(SyncCommand.ReportTable(run));
            SyncCommand.PrintOutcome(run, console);
            return ExitCodes.Done;
        }
        var recent = await store.GetRecentRunsAsync(runs, ct);
        if (json is not null)
        {
            CliJson.Write(json, new
            {
                tenant = config.Name, runs = recent.Select(CliJson.Run),
                bookmarks = (await store.GetBookmarksAsync(ct)).ToDictionary(kv => kv.Key, kv => new { writeDate = kv.Value.WriteDate, lastId = kv.Value.LastId }),
                bindings = await store.CountBindingsAsync(ct), lastFullReconciliation = await store.GetValueAsync(SyncRunner.LastReconciliationKey, ct),
            });
            return 0;
        }
        var runTable = new Table().Title("last runs").AddColumns("run", "started (UTC)", "duration", "result", "writes", "failed streams");
        foreach (var r in recent)
            runTable.AddRow(N(r.Id), r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), $"{r.Duration.TotalSeconds:0.0} s",
                r.Succeeded ? r.Rejected > 0 ? $"[yellow]ok, {r.Rejected} rejected[/]" : "[green]ok[/]" : "[red]failed[/]", N(r.Writes),
                Markup.Escape(string.Join(", ", r.Streams.Where(s => s.Status is StreamStatus.Failed or StreamStatus.NotRun).Select(s => s.Stream))));
        console.Write(runTable);
        // Each failing stream with its error, so "failed" is never left without a reason (status --run N shows them all).
        foreach (var r in recent)
            foreach (var s in r.Streams.Where(s => s.Status == StreamStatus.Failed || s.Failed > 0))
                console.MarkupLine($"  run {N(r.Id)} " + Markup.Escape($"{s.Stream}: {s.Errors.FirstOrDefault() ?? "failed"}"));

        var bookmarks = await store.GetBookmarksAsync(ct);
        var bindings = await store.CountBindingsAsync(ct);
        var streamTable = new Table().Title("streams").AddColumns("stream", "bookmark (write_date, id)", "bound records");
        foreach (var name in bookmarks.Keys.Union(bindings.Keys).Order(StringComparer.Ordinal))
            streamTable.AddRow(Markup.Escape(name),
                bookmarks.TryGetValue(name, out var b) ? $"{b.WriteDate.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}, {b.LastId}" : "—",
                N(bindings.GetValueOrDefault(name)));
        console.Write(streamTable);
        var reconciled = await store.GetValueAsync(SyncRunner.LastReconciliationKey, ct);
        console.MarkupLineInterpolated($"last full reconciliation: {reconciled ?? "never"} (every {config.Run.ReconcileHours} h)");
        console.Write(await Hosting.ScheduleStatus.TableAsync(store, config, ct));
        return 0;
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
