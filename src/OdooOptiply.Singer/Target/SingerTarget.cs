// The Singer target loop: reads messages from stdin, checks them, writes records into Odoo through one OdooWriter per
// stream, and emits STATE on stdout. Rules:
//  1. Every message is checked before anything is written: JSON object, known type, SCHEMA before RECORD, a sink for
//     the stream, the record valid against its SCHEMA (JsonSchema.Net). Bad input stops the run (TargetInputException)
//     with the records read since the last drain NOT written: nothing half-written.
//  2. Records wait in one ordered batch (streams keep their order: vendors before the buy orders naming them); the
//     batch is drained when a STATE arrives, when it holds batch_size records, and at the end of the input.
//  3. A STATE is emitted only after the batch before it is drained: every record before it is in Odoo and bound in
//     the state store (each binding is committed when its create returns). A re-run from that STATE resends only
//     later records; a record resent anyway is found by its binding or its mark in Odoo, never created twice.
//  4. The emitted STATE is the tap's last state with "summary" (TargetSummary) added; at the end one final STATE.
//  5. A record Odoo refuses fails alone (counted, reason logged without values); a fatal error stops the run.
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.OdooWrites;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Singer.Target;

public sealed class SingerTarget(OdooWriteContext context, IStateStore store, TextWriter output, TargetOptions options, ILogger? log = null, TimeProvider? time = null)
{
    private readonly ILogger _log = log ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, (JsonSchema Schema, OdooWriter<JsonObject> Writer)> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Binder> _binders = new(StringComparer.Ordinal);
    private readonly List<(string Stream, JsonObject Record)> _batch = [];
    private JsonNode? _state;
    private bool _changed = true;

    public TargetSummary Summary { get; } = new();

    /// <param name="previous">the state given with --state: emitted again (with this run's summary) when the tap sends none</param>
    public async Task RunAsync(Stream input, JsonNode? previous, CancellationToken ct)
    {
        _state = previous?.DeepClone();
        if (_state is JsonObject o) o.Remove("summary");
        var reader = new SingerLineReader(input, options.MaxLineBytes);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var n = reader.LineNumber;
            var message = Parse(line, n);
            var type = message["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : throw new TargetInputException(n, null, "a message without a \"type\"");
            switch (type)
            {
                case "SCHEMA": await SchemaAsync(message, n, ct); break;
                case "RECORD": await RecordAsync(message, n, ct); break;
                case "STATE":
                    await DrainAsync(ct);
                    _state = message["value"]?.DeepClone();
                    Emit();
                    break;
                case "ACTIVATE_VERSION": break; // full-table versions concern loaders that delete rows; this target never deletes in Odoo
                default: throw new TargetInputException(n, StreamOf(message), $"unknown message type '{type}' (SCHEMA, RECORD, STATE, ACTIVATE_VERSION)");
            }
        }
        await DrainAsync(ct);
        if (_changed) Emit();
    }

    private static JsonObject Parse(string line, long n)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new TargetInputException(n, null, "a message must be a JSON object");
        }
        catch (JsonException e) { throw new TargetInputException(n, null, $"not JSON ({e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]})"); }
    }

    private static string? StreamOf(JsonObject m) => m["stream"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private async Task SchemaAsync(JsonObject m, long n, CancellationToken ct)
    {
        var stream = StreamOf(m) ?? throw new TargetInputException(n, null, "a SCHEMA without a \"stream\"");
        var sink = TargetSinks.For(stream) ?? throw new TargetInputException(n, stream, $"no sink takes this stream (this target takes {string.Join(", ", TargetSinks.Names)})");
        if (m["schema"] is not JsonObject schemaJson) throw new TargetInputException(n, stream, "a SCHEMA without a \"schema\" object");
        JsonSchema schema;
        try { schema = JsonSchema.FromText(schemaJson.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }); }
        catch (Exception e) when (e is JsonException or JsonSchemaException or ArgumentException or InvalidOperationException)
        {
            throw new TargetInputException(n, stream, $"the schema is not a valid JSON Schema ({e.Message})");
        }
        if (!_binders.TryGetValue(sink.Space, out var binder))
            _binders[sink.Space] = binder = await Binder.LoadAsync(store, sink.Space, _time, ct: ct);
        _streams[stream] = (schema, new OdooWriter<JsonObject>(sink, binder, context, r => r, _log));
    }

    private async Task RecordAsync(JsonObject m, long n, CancellationToken ct)
    {
        var stream = StreamOf(m) ?? throw new TargetInputException(n, null, "a RECORD without a \"stream\"");
        if (!_streams.TryGetValue(stream, out var s))
            throw new TargetInputException(n, stream, TargetSinks.For(stream) is null
                ? $"no sink takes this stream, and no SCHEMA came for it (this target takes {string.Join(", ", TargetSinks.Names)})"
                : "a RECORD before its SCHEMA");
        if (m["record"] is not JsonObject record) throw new TargetInputException(n, stream, "a RECORD without a \"record\" object");
        var result = s.Schema.Evaluate(JsonDocument.Parse(record.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid) throw new TargetInputException(n, stream, "the record does not match its SCHEMA: " + Problems(result));
        _batch.Add((stream, record));
        if (_batch.Count >= options.BatchSize) await DrainAsync(ct);
    }

    // Where and which rule, never the value (a record may carry personal data).
    private static string Problems(EvaluationResults result) => string.Join("; ", (result.Details ?? [result])
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Key} ({e.Value})"))
        .Take(3));

    private async Task DrainAsync(CancellationToken ct)
    {
        foreach (var (stream, record) in _batch)
        {
            var writer = _streams[stream].Writer;
            var outcome = await writer.WriteAsync(record, ct);
            Summary.Count(stream, outcome.Kind);
            _changed = true;
            if (!outcome.Succeeded) _log.LogWarning("{Stream} record {Key}: failed: {Reason}", stream, KeyOf(writer, record), outcome.Reason);
        }
        _batch.Clear();
    }

    private static string KeyOf(OdooWriter<JsonObject> writer, JsonObject record) => writer.Sink.Key(record) ?? "(no key)";

    private void Emit()
    {
        JsonNode value = _state is JsonObject o ? o.DeepClone() : _state?.DeepClone() is { } other ? new JsonObject { ["value"] = other } : new JsonObject();
        value["summary"] = Summary.ToJson();
        output.WriteLine(new JsonObject { ["type"] = "STATE", ["value"] = value }.ToJsonString());
        output.Flush();
        _changed = false;
    }
}

/// <param name="BatchSize">records held before they are written (also at every STATE and at the end)</param>
/// <param name="MaxLineBytes">the longest input line accepted</param>
public sealed record TargetOptions(int BatchSize = 500, int MaxLineBytes = 16 * 1024 * 1024);
