// The tap itself: --discover (fields_get of every stream's model → catalog) and sync (for each selected
// stream: SCHEMA, then pages of RECORDs, then STATE). Incremental streams page in (write_date, id) order
// from the bookmark, a page at a time (Keyset, as the sync engine), their first read by id; full-table streams page by id between
// two ACTIVATE_VERSIONs. Only a page of records is ever held. Every call goes through OdooClient.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OdooOptiply.Odoo;
using OdooOptiply.Singer.Messages;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Singer.Tap;

/// <summary>What one sync run did, per stream (the CLI logs it to stderr).</summary>
public sealed record TapStreamReport(string Stream, ReplicationMethod Method, long Records);

public sealed class TapRunner(OdooClient odoo, TapConfig config, ILogger? log = null, TimeProvider? time = null)
{
    private readonly ILogger _log = log ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>How long a write_date second may still receive writes, as seen from this machine's clock (with room for clock skew).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(60);

    /// <summary>The catalog of every stream whose model this server has (a stream of a module not installed is left out, with a warning).</summary>
    public async Task<JsonObject> DiscoverAsync(CancellationToken ct = default)
    {
        await odoo.AuthenticateAsync(ct); // a login or address problem fails here, not as 18 missing streams
        var found = new List<(TapStream, IReadOnlyList<TapField>, ReplicationMethod)>();
        foreach (var stream in TapStreams.All)
        {
            var fields = await FieldsOrNullAsync(stream, ct);
            if (fields is null) continue;
            found.Add((stream, TapSchema.Fields(fields, config.IgnoredFor(stream)), MethodOf(stream, null)));
        }
        return TapCatalog.Build(found);
    }

    /// <summary>Reads the selected streams (every stream with its default fields when <paramref name="selection"/> is null) and writes the messages.</summary>
    public async Task<IReadOnlyList<TapStreamReport>> SyncAsync(SingerWriter output, IReadOnlyDictionary<string, StreamSelection>? selection, TapState state,
        CancellationToken ct = default)
    {
        if (selection is not null)
            foreach (var unknown in selection.Keys.Where(k => TapStreams.Find(k) is null))
                _log.LogWarning("tap: the catalog names stream '{Stream}', which this tap does not have; ignored", unknown);
        var reports = new List<TapStreamReport>();
        foreach (var stream in TapStreams.All)
        {
            StreamSelection? sel = null;
            if (selection is not null && (!selection.TryGetValue(stream.Name, out sel) || !sel.Selected)) continue;
            ct.ThrowIfCancellationRequested();
            var fields = await odoo.FieldsGetAsync(stream.Model, ct: ct);
            var all = TapSchema.Fields(fields, config.IgnoredFor(stream));
            var chosen = all.Where(f => f.Automatic || (sel?.Fields is { } named ? named.Contains(f.Name) : f.SelectedByDefault)).ToList();
            var method = MethodOf(stream, sel);
            var domain = TapStreams.DomainFor(stream, fields);
            state.SetCurrentlySyncing(stream.Name);
            output.Schema(stream.Name, TapSchema.Of(chosen), TapStream.KeyProperties, method == ReplicationMethod.Incremental ? [TapStream.ReplicationKey] : []);
            var count = method == ReplicationMethod.Incremental
                ? await IncrementalAsync(stream, domain, chosen, output, state, ct)
                : await FullTableAsync(stream, domain, chosen, output, state, ct);
            state.SetCurrentlySyncing(null);
            output.State(state.Snapshot());
            _log.LogInformation("tap: {Stream} ({Model}): {Count} records, {Method}", stream.Name, stream.Model, count, TapCatalog.MethodName(method));
            reports.Add(new TapStreamReport(stream.Name, method, count));
        }
        output.Flush();
        return reports;
    }

    private ReplicationMethod MethodOf(TapStream stream, StreamSelection? sel) =>
        config.FullSyncStreams.Contains(stream.Name) ? ReplicationMethod.FullTable : sel?.Method ?? stream.Replication;

    // Pages after the bookmark in (write_date, id) order; a STATE after each page covers exactly the records written before it.
    private async Task<long> IncrementalAsync(TapStream stream, OdooDomain domain, IReadOnlyList<TapField> fields, SingerWriter output, TapState state, CancellationToken ct)
    {
        var position = state.Position(stream.Name);
        var names = fields.Select(f => f.Name).ToList();
        if (position is null) return await InitialAsync(stream, domain, fields, names, output, state, ct);
        var size = odoo.Options.PageSize;
        long count = 0;
        while (true)
        {
            var pageDomain = domain.And(Keyset.After(position));
            var page = await OnePageAsync(stream.Model, pageDomain, names, Keyset.Order, size, ct);
            if (page.Count == 0) break;
            var extracted = TapValues.Rfc3339(_time.GetUtcNow().UtcDateTime);
            foreach (var r in page) output.Record(stream.Name, w => TapValues.Write(w, r, fields), extracted);
            count += page.Count;
            var last = page[^1];
            if (last.GetDateTime(TapStream.ReplicationKey) is DateTime at)
            {
                position = new Bookmark(Keyset.Truncate(at), last.Id);
                // A second that may still be written to (within SettleTime of now) is saved whole: a record written later in it
                // with a lower id would otherwise fall behind the bookmark. That second's records come again next run.
                var settled = position.WriteDate < _time.GetUtcNow().UtcDateTime - SettleTime;
                state.SetPosition(stream.Name, position.WriteDate, settled ? position.LastId : 0);
                output.State(state.Snapshot());
            }
            else throw new InvalidOperationException($"{stream.Name}: {stream.Model} record {last.Id} has no write_date; the stream cannot be read incrementally (add it to full_sync_streams)");
            if (page.Count < size) break;
        }
        return count;
    }

    // The first read of an incremental stream (no bookmark): every record since start_date, paged by id (id > last, the
    // primary-key order a database answers fastest, like `odoo dump`), then one bookmark. Records written while it reads may
    // come after the page that would have held them, so the bookmark is the newest (write_date, id) seen only when that
    // is older than the read's start minus SettleTime (nothing was written meanwhile); else the start minus SettleTime,
    // from which the next run reads again. An interrupted first read starts over.
    private async Task<long> InitialAsync(TapStream stream, OdooDomain domain, IReadOnlyList<TapField> fields, IReadOnlyList<string> names,
        SingerWriter output, TapState state, CancellationToken ct)
    {
        var started = _time.GetUtcNow().UtcDateTime;
        var filtered = config.StartDate is DateTime since ? domain.And(Keyset.Since(since)) : domain;
        Bookmark? newest = null;
        long count = 0;
        await foreach (var page in odoo.SearchReadPagesAsync(stream.Model, filtered, names, new OdooPageOptions { Order = "id asc", Keyset = true }, null, ct))
        {
            var extracted = TapValues.Rfc3339(_time.GetUtcNow().UtcDateTime);
            foreach (var r in page)
            {
                output.Record(stream.Name, w => TapValues.Write(w, r, fields), extracted);
                if (r.GetDateTime(TapStream.ReplicationKey) is not DateTime at)
                    throw new InvalidOperationException($"{stream.Name}: {stream.Model} record {r.Id} has no write_date; the stream cannot be read incrementally (add it to full_sync_streams)");
                newest = Bookmark.Max(newest, new Bookmark(Keyset.Truncate(at), r.Id));
            }
            count += page.Count;
        }
        var safe = Keyset.Truncate(started - SettleTime);
        if (newest is not null && newest.WriteDate < safe) state.SetPosition(stream.Name, newest.WriteDate, newest.LastId);
        else if (newest is not null) state.SetPosition(stream.Name, safe, 0);
        return count;
    }

    // Every record, by id, between two ACTIVATE_VERSIONs: a loader keeps the rows of this version and drops the others (deleted in Odoo).
    private async Task<long> FullTableAsync(TapStream stream, OdooDomain domain, IReadOnlyList<TapField> fields, SingerWriter output, TapState state, CancellationToken ct)
    {
        var previous = state.Version(stream.Name);
        var version = Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), (previous ?? 0) + 1);
        // The first version of a table is activated up front, so a loader creates it even when it stays empty.
        if (previous is null) output.ActivateVersion(stream.Name, version);
        var names = fields.Select(f => f.Name).ToList();
        long count = 0;
        var pages = odoo.SearchReadPagesAsync(stream.Model, domain, names, new OdooPageOptions { Order = "id asc", Keyset = true }, null, ct);
        await foreach (var page in pages)
        {
            var extracted = TapValues.Rfc3339(_time.GetUtcNow().UtcDateTime);
            foreach (var r in page) output.Record(stream.Name, w => TapValues.Write(w, r, fields), extracted, version);
            count += page.Count;
        }
        output.ActivateVersion(stream.Name, version);
        state.SetVersion(stream.Name, version);
        return count;
    }

    private async Task<IReadOnlyList<OdooRecord>> OnePageAsync(string model, OdooDomain domain, IReadOnlyCollection<string> fields, string order, int size, CancellationToken ct)
    {
        await foreach (var page in odoo.SearchReadPagesAsync(model, domain, fields, new OdooPageOptions { Order = order, PageSize = size, Limit = size }, null, ct))
            return page;
        return [];
    }

    // A stream whose model this server lacks (module not installed) is left out of the catalog with a warning.
    private async Task<OdooFields?> FieldsOrNullAsync(TapStream stream, CancellationToken ct)
    {
        try { return await odoo.FieldsGetAsync(stream.Model, ct: ct); }
        catch (OdooException e) when (e.Outcome != Outcome.Retriable && (e.HttpStatus == 404 || e.Message.Contains("doesn't exist", StringComparison.Ordinal)
            || e.Message.Contains("does not exist", StringComparison.Ordinal)))
        {
            _log.LogWarning("tap: stream {Stream} left out: model {Model} is not on this server ({Reason})", stream.Name, stream.Model, e.Message);
            return null;
        }
    }
}
