// The tap's state: {"bookmarks": {stream: {...}}, "currently_syncing": stream|null}. An incremental
// stream's bookmark is the Meltano SDK's {"replication_key": "write_date", "replication_key_value": RFC 3339}
// plus "last_id", the id of the last record of that write_date second (tie-safe resume, as the sync
// engine's Bookmark). A full-table stream keeps the "version" of its last ACTIVATE_VERSION. A state
// written by tap-odoo (no last_id) resumes inclusively at its write_date. Unknown keys are kept.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Singer.Tap;

public sealed class TapState
{
    private readonly JsonObject _root;

    private TapState(JsonObject root) => _root = root;

    public static TapState Empty() => new(new JsonObject { ["bookmarks"] = new JsonObject() });

    /// <summary>A state file's content: the state itself, or a STATE message (its "value" is taken).</summary>
    public static TapState Parse(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json); }
        catch (JsonException e) { throw new FormatException($"state is not valid JSON: {e.Message}"); }
        if (node is not JsonObject o) throw new FormatException("state must be a JSON object");
        if (o["type"]?.GetValueKind() == JsonValueKind.String && (string?)o["type"] == "STATE" && o["value"] is JsonObject v) o = v;
        o = (JsonObject)o.DeepClone();
        if (o["bookmarks"] is null) o["bookmarks"] = new JsonObject();
        if (o["bookmarks"] is not JsonObject bookmarks) throw new FormatException("state.bookmarks must be an object");
        var state = new TapState(o);
        // Every bookmark is checked now, so a bad state is bad input before any call to Odoo.
        foreach (var (name, _) in bookmarks) state.Position(name);
        return state;
    }

    private JsonObject Bookmarks => (JsonObject)_root["bookmarks"]!;

    private JsonObject StreamBookmark(string stream)
    {
        if (Bookmarks[stream] is JsonObject b) return b;
        var created = new JsonObject();
        Bookmarks[stream] = created;
        return created;
    }

    /// <summary>The (write_date, id) position of an incremental stream, or null when it has none.</summary>
    public Bookmark? Position(string stream)
    {
        if (Bookmarks[stream] is not JsonObject b) return null;
        var text = b["replication_key_value"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : null;
        if (string.IsNullOrEmpty(text)) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            throw new FormatException($"state: bookmark of {stream} has replication_key_value '{text}', not a date-time");
        var lastId = b["last_id"] is JsonValue id && id.GetValueKind() == JsonValueKind.Number ? id.GetValue<long>() : 0;
        return new Bookmark(at.UtcDateTime, lastId);
    }

    public void SetPosition(string stream, DateTime writeDate, long lastId)
    {
        var b = StreamBookmark(stream);
        b["replication_key"] = TapStream.ReplicationKey;
        b["replication_key_value"] = TapValues.DateTimeText(DateTime.SpecifyKind(writeDate, DateTimeKind.Utc));
        b["last_id"] = lastId;
    }

    /// <summary>The table version of a full-table stream's last ACTIVATE_VERSION, or null.</summary>
    public long? Version(string stream) =>
        Bookmarks[stream] is JsonObject b && b["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<long>() : null;

    public void SetVersion(string stream, long version) => StreamBookmark(stream)["version"] = version;

    public void SetCurrentlySyncing(string? stream) => _root["currently_syncing"] = stream;

    /// <summary>A copy for a STATE message.</summary>
    public JsonObject Snapshot() => (JsonObject)_root.DeepClone();
}
