// The target-hotglue style summary of a run, per stream: success (records created or updated), fail, existing
// (nothing to write: already in Odoo, or an Odoo record of that name reused) and updated (known records changed).
// It travels inside every emitted STATE under "summary".
using System.Text.Json.Nodes;
using OdooOptiply.Sync.OdooWrites;

namespace OdooOptiply.Singer.Target;

public sealed class TargetSummary
{
    private readonly SortedDictionary<string, long[]> _streams = new(StringComparer.Ordinal);

    public long Failed => _streams.Values.Sum(c => c[1]);

    public void Count(string stream, WriteKind kind)
    {
        if (!_streams.TryGetValue(stream, out var c)) _streams[stream] = c = new long[4];
        switch (kind)
        {
            case WriteKind.Created: c[0]++; break;
            case WriteKind.Failed: c[1]++; break;
            case WriteKind.Existing: c[2]++; break;
            case WriteKind.Updated: c[0]++; c[3]++; break;
        }
    }

    public (long Success, long Fail, long Existing, long Updated) Of(string stream) =>
        _streams.TryGetValue(stream, out var c) ? (c[0], c[1], c[2], c[3]) : (0, 0, 0, 0);

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        foreach (var (stream, c) in _streams)
            o[stream] = new JsonObject { ["success"] = c[0], ["fail"] = c[1], ["existing"] = c[2], ["updated"] = c[3] };
        return o;
    }
}
