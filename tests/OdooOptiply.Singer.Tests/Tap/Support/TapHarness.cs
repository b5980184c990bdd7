// Runs the tap in-process against an Odoo emulator on loopback: writes a tap-odoo style config, calls
// TapRunner exactly as the CLI does (same config parser, same OdooClient), and hands back the messages.
using System.Text;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Odoo;
using OdooOptiply.Singer.Messages;
using OdooOptiply.Singer.Tap;

namespace OdooOptiply.Singer.Tests.Tap.Support;

internal static class TapHarness
{
    /// <summary>A config as tap-odoo reads it (url, db, username, password, start_date), plus <paramref name="extra"/> keys.</summary>
    public static JsonObject Config(OdooEmulator odoo, object? extra = null)
    {
        var config = new JsonObject
        {
            ["url"] = odoo.Url.ToString().TrimEnd('/'), ["db"] = odoo.Database, ["username"] = odoo.Username, ["password"] = odoo.Password,
            ["start_date"] = "2000-01-01T00:00:00Z",
        };
        if (extra is not null)
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject())
                config[k] = v?.DeepClone();
        return config;
    }

    public static async Task<JsonObject> DiscoverAsync(JsonObject config, CancellationToken ct = default)
    {
        var tap = TapConfig.Parse(config.ToJsonString());
        await using var client = new OdooClient(tap.Odoo with { MaxTotalWait = TimeSpan.FromSeconds(2) });
        return await new TapRunner(client, tap).DiscoverAsync(ct);
    }

    public static async Task<TapOutput> SyncAsync(JsonObject config, JsonObject? catalog = null, JsonObject? state = null, TimeProvider? time = null,
        string? trace = null, CancellationToken ct = default)
    {
        var tap = TapConfig.Parse(config.ToJsonString());
        await using var client = new OdooClient(tap.Odoo with { MaxTotalWait = TimeSpan.FromSeconds(2), TracePath = trace });
        var buffer = new MemoryStream();
        var selection = catalog is null ? null : TapCatalog.ReadSelection(catalog.ToJsonString());
        await using (var writer = new SingerWriter(buffer))
            await new TapRunner(client, tap, time: time).SyncAsync(writer, selection, state is null ? TapState.Empty() : TapState.Parse(state.ToJsonString()), ct);
        return TapOutput.Parse(Encoding.UTF8.GetString(buffer.ToArray()), client.CallCount);
    }

    /// <summary>The discovered catalog with only these streams selected (and all their default fields).</summary>
    public static JsonObject Select(JsonObject catalog, params string[] streams)
    {
        var copy = (JsonObject)catalog.DeepClone();
        foreach (var s in copy["streams"]!.AsArray())
        {
            var top = s!["metadata"]!.AsArray().First(m => m!["breadcrumb"]!.AsArray().Count == 0)!["metadata"]!;
            top["selected"] = streams.Contains((string)s["tap_stream_id"]!);
        }
        return copy;
    }

    /// <summary>Sets the "selected" of one field of one stream.</summary>
    public static void SelectField(JsonObject catalog, string stream, string field, bool selected)
    {
        var s = catalog["streams"]!.AsArray().First(x => (string)x!["tap_stream_id"]! == stream)!;
        var entry = s["metadata"]!.AsArray().First(m => m!["breadcrumb"]!.AsArray().Count == 2 && (string)m["breadcrumb"]![1]! == field)!;
        entry["metadata"]!["selected"] = selected;
    }
}

/// <summary>The messages a run wrote, parsed line by line (a line that is not a JSON object fails the parse).</summary>
internal sealed record TapOutput(IReadOnlyList<JsonObject> Messages, long Calls, string Raw)
{
    public static TapOutput Parse(string raw, long calls)
    {
        var messages = new List<JsonObject>();
        var lines = raw.Split('\n');
        Assert.Equal("", lines[^1]); // every message ends with a newline
        foreach (var (line, i) in lines[..^1].Select((l, i) => (l, i)))
            messages.Add(JsonNode.Parse(line) as JsonObject ?? throw new Xunit.Sdk.XunitException($"line {i + 1} is not a JSON object: {line}"));
        return new TapOutput(messages, calls, raw);
    }

    public IEnumerable<JsonObject> OfType(string type) => Messages.Where(m => (string?)m["type"] == type);
    public IEnumerable<JsonObject> Records(string stream) => OfType("RECORD").Where(m => (string?)m["stream"] == stream).Select(m => m["record"]!.AsObject());
    public JsonObject Schema(string stream) => OfType("SCHEMA").Single(m => (string?)m["stream"] == stream)["schema"]!.AsObject();
    public JsonObject FinalState => OfType("STATE").Last()["value"]!.AsObject();
    public IReadOnlyList<string> StreamsWithRecords => OfType("RECORD").Select(m => (string)m["stream"]!).Distinct().ToList();
}
