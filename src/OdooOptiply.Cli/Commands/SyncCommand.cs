// `odoo-optiply sync --config tenant.json [--stream NAME]... [--full] [--dry-run] [--adopt] [--allow-mass-deletions]`: one run of every
// Odoo → Optiply stream; a line per stream as it finishes, then the table of counts. Exit code 0 when
// every stream succeeded, 1 when one failed, 2 when the configuration is wrong, 3 when another process
// (the daemon, another sync or export) runs this tenant right now (its run lease, TenantLease).
using System.CommandLine;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Streams;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OdooOptiply.Cli.Commands;

internal static class SyncCommand
{
    public static readonly Option<string> ConfigOption = new("--config", "-c") { Description = "the tenant's JSON configuration file", Required = true };

    public static Command Create()
    {
        var stream = new Option<string[]>("--stream") { Description = $"run only this stream (repeatable): {string.Join(", ", StreamNames.All)}", AllowMultipleArgumentsPerToken = true };
        var full = new Option<bool>("--full") { Description = "read everything instead of what changed since the last run (a reconciliation)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "compute and print what would be created, updated and deleted; write nothing" };
        var adopt = new Option<bool>("--adopt") { Description = "first bind what Optiply already holds (by remote id, then a unique natural key) in every stream; with --dry-run, print the adoption plan" };
        var allowMass = new Option<bool>("--allow-mass-deletions") { Description = "this run only, send the deletions the deletion guard (deletion_guard) would hold: many records Odoo no longer returns" };
        var command = new Command("sync", "Bring Optiply in step with Odoo: products, compositions, suppliers, supplier products, sell orders, buy orders, receipts.")
            { ConfigOption, stream, full, dryRun, adopt, allowMass, CliJson.Option };
        foreach (var option in CliLogging.RunOptions) command.Options.Add(option);
        command.SetAction((p, ct) => RunAsync(p.GetValue(ConfigOption)!, p.GetValue(stream) ?? [], p.GetValue(full), p.GetValue(dryRun),
            CliJson.MessagesConsole(p.GetValue(CliJson.Option)), null, ct, p.GetValue(adopt), CliLogging.From(p), p.GetValue(CliJson.Option) ? Console.Out : null,
            allowMassDeletions: p.GetValue(allowMass)));
        return command;
    }

    internal static async Task<int> RunAsync(string configPath, IReadOnlyList<string> streams, bool full, bool dryRun, IAnsiConsole console,
        Func<string, string?>? env, CancellationToken ct, bool adopt = false, LogSettings? log = null, TextWriter? json = null, TimeSpan? progressEvery = null,
        bool allowMassDeletions = false)
    {
        log ??= new LogSettings();
        if (LoadConfig(configPath, console, env) is not { } config) return 2;
        var unknown = streams.Where(s => !StreamNames.All.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            console.MarkupLineInterpolated($"[red]unknown stream {string.Join(", ", unknown)}[/]; streams are {string.Join(", ", StreamNames.All)}");
            return 2;
        }
        using var loggers = log.Loggers();
        TenantSession session;
        try { session = await TenantSession.OpenAsync(config, loggers, tracePath: log.Trace, ct: ct); }
        catch (OdooOptiply.Sync.State.StateStoreException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return 2;
        }
        await using var _ = session;
        // A dry run writes nothing, so it may look while another process runs the tenant.
        await using var lease = dryRun ? null : await LeaseAsync(session, "sync", console, ct);
        if (!dryRun && lease is null) return 3;
        var options = new SyncOptions(streams.Count > 0 ? streams.ToHashSet() : null, full, dryRun, adopt, progressEvery is { } every ? new ReadProgress(console, every) : ReadProgress.For(console))
            { AllowMassDeletions = allowMassDeletions };
        if (dryRun) console.MarkupLine("[yellow]dry run: nothing is written to Optiply or to the state database[/]");
        // Mark() is markup of our own; only the values are escaped (MarkupLineInterpolated would escape the mark too: "[green]✓[/]" printed raw).
        var progress = new SynchronousProgress(r => console.MarkupLine(Mark(r.Status) + " " + Markup.Escape(
            $"{r.Stream}: {r.Read} read, {r.Created} created, {r.Updated} updated, {r.Deleted} deleted, {r.Unchanged} unchanged ({r.Duration.TotalSeconds:0.0} s)"
            + (r.Status is StreamStatus.Failed or StreamStatus.NotRun && r.Errors.Count > 0 ? $": {r.Errors[0]}" : ""))));
        RunReport run;
        try { run = await session.SyncAsync(options, progress, ct, lease?.Lost ?? default); }
        catch (Exception e) when (e is OdooOptiply.Odoo.OdooException or OdooOptiply.Optiply.OptiplyException)
        {
            // Nothing could start (Odoo unreachable, login refused): a message, not a stack trace.
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return 1;
        }
        if (json is not null) CliJson.Write(json, CliJson.Run(run));
        else
        {
            console.Write(ReportTable(run));
            DryRunPlan.Print(run, console);
        }
        AdoptionPlan.Print(run, console);
        PrintOutcome(run, console);
        return ExitCodes.Of(run);
    }

    /// <summary>The run's result in one line: why it failed, or how many records were rejected.</summary>
    internal static void PrintOutcome(RunReport run, IAnsiConsole console)
    {
        if (run.Reason is { } reason) console.MarkupLine("[red]failed[/] " + Markup.Escape(reason));
        else if (run.Rejected > 0) console.MarkupLine($"[yellow]{run.Rejected} records rejected[/] (named above); exit code {ExitCodes.Rejected}");
    }

    /// <summary>The tenant's run lease, or null (the refusal printed) when another process holds it.</summary>
    internal static async Task<TenantLease?> LeaseAsync(TenantSession session, string activity, IAnsiConsole console, CancellationToken ct)
    {
        try { return await session.LeaseAsync(activity, ct); }
        catch (TenantBusyException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return null;
        }
    }

    /// <summary>Loads and validates a tenant file, printing every problem and warning. Null when unusable.</summary>
    internal static TenantConfig? LoadConfig(string path, IAnsiConsole console, Func<string, string?>? env = null)
    {
        var result = TenantConfigLoader.Load(path, env);
        if (result.Notes.Count > 0) console.MarkupLineInterpolated($"[grey]note[/] read as the current tap's flat config: {string.Join(", ", result.Notes)}");
        foreach (var w in result.Warnings) console.MarkupLineInterpolated($"[yellow]warning[/] {w}");
        foreach (var p in result.Problems) console.MarkupLineInterpolated($"[red]error[/] {p}");
        return result.Config;
    }

    /// <summary>One row per stream: read, created, updated, deleted, unchanged, skipped, failed, duration; then the skip
    /// reasons and errors under it (a notes column would not fit an 80-column terminal).</summary>
    internal static Rows ReportTable(RunReport run)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title($"{run.Tenant}{(run.DryRun ? " (dry run)" : "")}: {run.Writes} writes in {run.Duration.TotalSeconds:0.0} s")
            .Caption("read, created, updated, deleted, unchanged, skipped, failed, seconds");
        table.AddColumn(new TableColumn("stream") { NoWrap = true });
        table.AddColumn(new TableColumn("ok") { NoWrap = true });
        foreach (var column in new[] { "read", "new", "upd", "del", "same", "skip", "fail", "sec" })
            table.AddColumn(new TableColumn(column) { Alignment = Justify.Right });
        var notes = new List<IRenderable>();
        foreach (var s in run.Streams)
        {
            table.AddRow(Markup.Escape(s.Stream), Mark(s.Status), N(s.Read), N(s.Created), N(s.Updated), N(s.Deleted), N(s.Unchanged),
                N(s.Skipped), s.Failed > 0 ? $"[red]{s.Failed}[/]" : "0", $"{s.Duration.TotalSeconds:0.0}");
            foreach (var text in s.SkipReasons.Select(kv => $"skipped {kv.Value}× {kv.Key}").Concat(s.Errors.Take(5)))
                notes.Add(new Markup($"  [grey]{Markup.Escape(s.Stream)}:[/] {Markup.Escape(text)}"));
        }
        return new Rows([table, .. notes]);
    }

    private static string N(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Mark(StreamStatus status) => status switch
    {
        StreamStatus.Ok => "[green]✓[/]",
        StreamStatus.Failed => "[red]✗[/]",
        StreamStatus.NotRun => "[yellow]–[/]",
        _ => "[grey]·[/]",
    };

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<StreamReport> report) : IProgress<StreamReport>
    {
        public void Report(StreamReport value) => report(value);
    }
}
