// The export's one runner (Optiply → Odoo): for each declared flow (ExportCatalog), read what Optiply holds, write each
// record into Odoo through the one OdooWriter (exactly once: bindings, marks, the lease fence), hand the bound records
// the read no longer returns to the flow's rule, then its last step. Every outcome is counted in one vocabulary and
// every failure classified by RunFailures: fatal for the run (it stops and fails) or rejected for the record (counted,
// named, the run goes on). The run is saved in the run history like a pull run, one stream per flow.
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.OdooWrites;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Export;

public sealed class ExportRunner(TenantConfig config, IOdooTarget odoo, IOptiplySource optiply, IOptiplyTarget optiplyWrites, IStateStore store,
    TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Over the real clients (through their ports).</summary>
    public ExportRunner(TenantConfig config, OdooClient odoo, OptiplyClient optiply, IStateStore store, TimeProvider? time = null)
        : this(config, new OdooClientTarget(odoo), new OptiplyClientSource(optiply), new OptiplyClientTarget(optiply), store, time) { }

    /// <summary>Buy orders per page of the open list (Optiply's maximum); tests make it small to cross page boundaries.</summary>
    internal int OpenPageSize { get; init; } = OptiplyBuyOrders.PageSize;

    /// <summary>Asked right before every create in Odoo: false when this run no longer holds the tenant's lease (TenantLease.StillHeldAsync).</summary>
    public Func<CancellationToken, Task<bool>>? Fence { get; init; }

    /// <param name="stop">ends the run at the next record boundary (graceful shutdown); <paramref name="ct"/> aborts calls</param>
    public async Task<RunReport> RunAsync(CancellationToken ct = default, CancellationToken stop = default)
    {
        var started = _time.GetUtcNow().UtcDateTime;
        var streams = new List<StreamReport>();
        foreach (var flow in ExportCatalog.All)
        {
            var clock = _time.GetTimestamp();
            var counter = new StreamCounter(flow.Name);
            var status = StreamStatus.Ok;
            var run = new ExportRun(config, odoo, optiply, optiplyWrites, store, _time, counter, new OdooWriteContext(odoo) { Fence = Fence }, stop)
                { OpenPageSize = OpenPageSize };
            try
            {
                var binder = await Binder.LoadAsync(store, flow.Space, _time, ct: ct);
                run.Binders[flow.Space] = binder;
                var definition = await flow.OpenAsync(run, binder, ct);
                await definition.RunOnAsync(this, run, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                counter.Error(RunFailures.FatalReason(e) is { } fatal ? $"fatal for the run: {fatal}" : $"{e.GetType().Name}: {e.Message}");
                status = StreamStatus.Failed;
            }
            streams.Add(counter.Build(status, _time.GetElapsedTime(clock)));
        }
        var report = new RunReport(config.Name, started, _time.GetUtcNow().UtcDateTime, false, streams);
        return await store.SaveAsync(report, CancellationToken.None);
    }

    /// <summary>The one loop: every record the flow read, then the bound records it no longer returns, then its last step.</summary>
    internal async Task RunAsync<T>(ExportDefinition<T> def, ExportRun run, CancellationToken ct)
    {
        var writer = new OdooWriter<T>(def.Sink, await BinderOf(def, run, ct), run.Writes, def.Content);
        var read = await def.ReadAsync(ct);
        foreach (var record in read.Records)
        {
            if (run.Stop.IsCancellationRequested) return;
            await WriteOneAsync(def, writer, run.Counter, record, ct);
        }
        // A create marked pending for a record no longer in the source was never sent or is an orphan (the flow's last step).
        var stalePending = writer.Binder.SourceIds.Where(k => !read.Seen.Contains(k) && writer.Binder.Find(k) is { IsPending: true }).ToList();
        await writer.Binder.ForgetAsync(stalePending, ct);
        if (def.LeftAsync is { } left)
            foreach (var bound in writer.Binder.SourceIds.Where(k => !read.Seen.Contains(k)).Select(writer.Binder.Find).OfType<Bindings.Binding>().ToList())
            {
                if (run.Stop.IsCancellationRequested) return;
                await GuardAsync(run.Counter, $"{def.Sink.Name} {bound.SourceId}", () => left(bound, (r, c) => WriteOneAsync(def, writer, run.Counter, r, c), ct));
            }
        if (def.FinishAsync is { } finish && !run.Stop.IsCancellationRequested) await finish(read, ct);
    }

    private static Task<Binder> BinderOf<T>(ExportDefinition<T> def, ExportRun run, CancellationToken ct) =>
        run.Binders.TryGetValue(def.Sink.Space, out var b) ? Task.FromResult(b) : Binder.LoadAsync(run.Store, def.Sink.Space, run.Time, ct: ct);

    private static async Task WriteOneAsync<T>(ExportDefinition<T> def, OdooWriter<T> writer, StreamCounter counter, T record, CancellationToken ct)
    {
        await GuardAsync(counter, def.Describe(record), async () =>
        {
            counter.Read++;
            var complete = def.LoadAsync is { } load ? await load(record, ct) : record;
            var outcome = await writer.WriteAsync(complete, ct);
            switch (outcome.Kind)
            {
                case WriteKind.Created: counter.Created++; break;
                case WriteKind.Updated: counter.Updated++; break;
                case WriteKind.Existing when outcome.Reason is null: counter.Unchanged++; break;
                case WriteKind.Existing: counter.Skip(outcome.Reason); break;
                case WriteKind.Skipped:
                    counter.Skip(outcome.Reason!);
                    if (outcome.Detail is { } detail) counter.Error(detail);
                    break;
                case WriteKind.Failed: counter.Fail($"{def.Describe(record)}: {outcome.Reason}"); break;
            }
        });
    }

    /// <summary>A record's failure is counted and named; the others go on. What RunFailures calls fatal stops the run.</summary>
    private static async Task GuardAsync(StreamCounter counter, string what, Func<Task> work)
    {
        try { await work(); }
        catch (OdooException e) when (RunFailures.FatalReason(e) is null) { counter.Fail($"{what}: Odoo {e.Method}: {e.ServerMessage ?? e.Message}"); }
        catch (OptiplyException e) when (RunFailures.FatalReason(e) is null) { counter.Fail($"{what}: Optiply: {e.Message}"); }
        catch (TargetWriteException e) when (RunFailures.FatalReason(e) is null) { counter.Fail($"{what}: Optiply: {e.Message}"); }
    }
}
