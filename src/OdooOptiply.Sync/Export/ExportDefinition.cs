// An export flow (Optiply → Odoo) as a declaration, the twin of the pull's StreamDefinition: what it reads from
// Optiply, how each record is completed before it is written, the sink that maps it and writes it into Odoo (model,
// binding space, mark, conflict rules: OdooSink), what happens to a bound record the read no longer returns, and a
// last step of the flow. ExportRunner runs every declaration with one loop on the one OdooWriter.
using System.Text.Json.Nodes;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Sync.Export;

/// <summary>What a flow's read returned: the records to write, in order, and every key it saw (unreadable ones included),
/// so a bound record that was not seen is known to have left the source.</summary>
public sealed record ExportRead<T>(IReadOnlyList<T> Records, IReadOnlySet<string> Seen);

/// <summary>The runner's view of a declaration, whatever its record type.</summary>
public interface IExportDefinition
{
    string Name { get; }
    Task RunOnAsync(ExportRunner runner, ExportRun run, CancellationToken ct);
}

public sealed record ExportDefinition<T> : IExportDefinition
{
    /// <summary>The stream name in run reports.</summary>
    public required string Name { get; init; }
    public required OdooSink<T> Sink { get; init; }
    /// <summary>What the binding's hash covers: a change means the record must be written again.</summary>
    public required Func<T, JsonNode?> Content { get; init; }
    /// <summary>How errors name a record ("buy order 42").</summary>
    public required Func<T, string> Describe { get; init; }
    /// <summary>The flow's read from Optiply; skips and unreadable records are counted by the read itself.</summary>
    public required Func<CancellationToken, Task<ExportRead<T>>> ReadAsync { get; init; }
    /// <summary>Completes one record before it is written (its lines); failures here are the record's.</summary>
    public Func<T, CancellationToken, Task<T>>? LoadAsync { get; init; }
    /// <summary>A bound record the read did not return (completed, deleted …); the callback writes a record through the loop.</summary>
    public Func<Binding, Func<T, CancellationToken, Task>, CancellationToken, Task>? LeftAsync { get; init; }
    /// <summary>The flow's last step (orphans, mirrors), after every record.</summary>
    public Func<ExportRead<T>, CancellationToken, Task>? FinishAsync { get; init; }

    public Task RunOnAsync(ExportRunner runner, ExportRun run, CancellationToken ct) => runner.RunAsync(this, run, ct);
}
