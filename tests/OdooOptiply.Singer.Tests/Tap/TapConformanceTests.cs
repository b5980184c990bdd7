// The tap conformance suite, named after the Meltano SDK's standard tap tests (tap__*, stream__*,
// attribute__*), on Odoo 16–19 emulator profiles. Each check walks the real output and asserts what a
// Singer tap checker asserts; the last tests feed the attribute checks wrong records to show they can fail.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Singer.Tap;
using OdooOptiply.Singer.Tests.Tap.Support;

namespace OdooOptiply.Singer.Tests.Tap;

public class TapConformanceTests(ConformanceRuns runs) : IClassFixture<ConformanceRuns>
{
    public static TheoryData<int> Versions => [16, 17, 18, 19];

    private static IEnumerable<JsonObject> Streams(JsonObject catalog) => catalog["streams"]!.AsArray().Select(s => s!.AsObject());

    [Fact]
    public async Task tap__cli_prints()
    {
        var about = await TapProcess.RunAsync("tap", "--about", "--format", "json");
        Assert.Equal(0, about.ExitCode);
        var doc = JsonNode.Parse(about.Out)!.AsObject();
        Assert.Equal("tap-odoo", (string?)doc["name"]);
        Assert.Contains("discover", doc["capabilities"]!.AsArray().Select(c => (string?)c));
        Assert.Contains("start_date", doc["settings"]!.AsArray().Select(s => (string?)s!["name"]));
        var help = await TapProcess.RunAsync("tap", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--discover", help.Out);
        Assert.Contains("--catalog", help.Out);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task tap__discovery(int version)
    {
        var run = await runs.ForAsync(version);
        var streams = Streams(run.Catalog).ToList();
        Assert.Equal(TapStreams.All.Select(s => s.Name), streams.Select(s => (string)s["tap_stream_id"]!));
        foreach (var s in streams)
        {
            Assert.Equal((string)s["tap_stream_id"]!, (string)s["stream"]!);
            var properties = s["schema"]!["properties"]!.AsObject();
            Assert.Equal(["id"], s["key_properties"]!.AsArray().Select(k => (string)k!));
            Assert.True(properties.ContainsKey("id") && properties.ContainsKey("write_date"));
            var metadata = s["metadata"]!.AsArray().Select(m => m!.AsObject()).ToList();
            var top = Assert.Single(metadata, m => m["breadcrumb"]!.AsArray().Count == 0)["metadata"]!;
            Assert.Equal("available", (string?)top["inclusion"]);
            Assert.True((bool)top["selected-by-default"]!);
            Assert.Equal(["id"], top["table-key-properties"]!.AsArray().Select(k => (string)k!));
            Assert.Equal(["write_date"], top["valid-replication-keys"]!.AsArray().Select(k => (string)k!));
            Assert.Contains((string?)top["replication-method"], new[] { "INCREMENTAL", "FULL_TABLE" });
            if ((string?)top["replication-method"] == "INCREMENTAL") Assert.Equal("write_date", (string?)top["replication-key"]);
            // One breadcrumb per property, and the keys automatic.
            var fieldCrumbs = metadata.Where(m => m["breadcrumb"]!.AsArray().Count == 2).ToDictionary(m => (string)m["breadcrumb"]![1]!, m => m["metadata"]!);
            Assert.Equal(properties.Select(p => p.Key).Order(), fieldCrumbs.Keys.Order());
            Assert.Equal("automatic", (string?)fieldCrumbs["id"]["inclusion"]);
            Assert.Equal("automatic", (string?)fieldCrumbs["write_date"]["inclusion"]);
            Assert.All(fieldCrumbs.Values, m => Assert.NotNull(m["selected-by-default"]));
            Assert.Null(SchemaCheck.MetaProblems(s["schema"]!.AsObject()));
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task tap__stream_connections(int version)
    {
        var run = await runs.ForAsync(version);
        // Every stream of the catalog was read: a SCHEMA for each, in catalog order, then its records, then a STATE.
        Assert.Equal(TapStreams.All.Select(s => s.Name), run.Output.OfType("SCHEMA").Select(m => (string)m["stream"]!));
        string? current = null;
        foreach (var m in run.Output.Messages)
        {
            if ((string)m["type"]! == "SCHEMA") current = (string)m["stream"]!;
            else if ((string)m["type"]! is "RECORD" or "ACTIVATE_VERSION") Assert.Equal(current, (string?)m["stream"]);
        }
        Assert.Equal("STATE", (string?)run.Output.Messages[^1]["type"]);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task tap__valid_final_state(int version)
    {
        var run = await runs.ForAsync(version);
        var bookmarks = run.Output.FinalState["bookmarks"]!.AsObject();
        Assert.Null(run.Output.FinalState["currently_syncing"]);
        foreach (var s in Streams(run.Catalog))
        {
            var name = (string)s["stream"]!;
            var b = bookmarks[name]!.AsObject();
            if ((string?)s["replication_method"] == "FULL_TABLE") { Assert.True((long)b["version"]! > 0); continue; }
            Assert.Equal("write_date", (string?)b["replication_key"]);
            var at = DateTimeOffset.Parse((string)b["replication_key_value"]!, CultureInfo.InvariantCulture);
            // The first read pages by id: its bookmark is the newest write_date seen, or, when that is recent (the seed was
            // written moments ago), a minute before the read started; never later than the newest record.
            var newest = run.Output.Records(name).Max(r => DateTimeOffset.Parse((string)r["write_date"]!, CultureInfo.InvariantCulture));
            Assert.True(at <= newest, $"{name}: bookmark {at} after the newest record {newest}");
            Assert.True(at >= newest.AddSeconds(-TapRunner.SettleTime.TotalSeconds - 600), $"{name}: bookmark {at} far before the newest record {newest}");
        }
        // A run from that state with nothing changed sends no record of an incremental stream... except the records of a second
        // that was not settled when saved (the seed was written moments ago), which come again whole; never a record written earlier.
        var again = await TapHarness.SyncAsync(run.Config, run.Catalog, run.Output.FinalState);
        foreach (var s in Streams(run.Catalog).Where(s => (string?)s["replication_method"] == "INCREMENTAL"))
        {
            var name = (string)s["stream"]!;
            var at = DateTimeOffset.Parse((string)bookmarks[name]!["replication_key_value"]!, CultureInfo.InvariantCulture);
            Assert.All(again.Records(name), r => Assert.True(DateTimeOffset.Parse((string)r["write_date"]!, CultureInfo.InvariantCulture) >= at));
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task stream__schema_is_valid(int version)
    {
        var run = await runs.ForAsync(version);
        foreach (var m in run.Output.OfType("SCHEMA"))
        {
            var schema = m["schema"]!.AsObject();
            Assert.Null(SchemaCheck.MetaProblems(schema));
            Assert.Equal("object", (string?)schema["type"]);
            Assert.All(m["key_properties"]!.AsArray(), k => Assert.True(schema["properties"]!.AsObject().ContainsKey((string)k!)));
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task stream__returns_record(int version)
    {
        var run = await runs.ForAsync(version);
        foreach (var s in TapStreams.All) Assert.True(run.Output.Records(s.Name).Any(), $"{s.Name} returned no record");
        Assert.All(run.Output.OfType("RECORD"), m => Assert.True(DateTimeOffset.TryParse((string?)m["time_extracted"], CultureInfo.InvariantCulture, out _)));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task stream__record_matches_stream_schema(int version)
    {
        var run = await runs.ForAsync(version);
        foreach (var s in TapStreams.All)
        {
            var schema = run.Output.Schema(s.Name);
            var compiled = SchemaCheck.Compile(schema);
            var properties = schema["properties"]!.AsObject();
            foreach (var r in run.Output.Records(s.Name))
            {
                Assert.Null(SchemaCheck.Problems(compiled, r));
                Assert.All(r, kv => Assert.True(properties.ContainsKey(kv.Key), $"{s.Name}: {kv.Key} is not in the schema"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task stream__primary_keys(int version)
    {
        var run = await runs.ForAsync(version);
        foreach (var s in TapStreams.All)
        {
            var ids = run.Output.Records(s.Name).Select(r => (long)r["id"]!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(ids, id => Assert.True(id > 0));
        }
    }

    private async Task<List<string>> AttributeViolations(int version, Func<string, JsonObject, IEnumerable<JsonObject>, IEnumerable<string>> check)
    {
        var run = await runs.ForAsync(version);
        return TapStreams.All.SelectMany(s => check(s.Name, run.Output.Schema(s.Name), run.Output.Records(s.Name))).Take(10).ToList();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task attribute__is_boolean(int version) => Assert.Empty(await AttributeViolations(version, AttributeChecks.IsBoolean));

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task attribute__is_datetime(int version) => Assert.Empty(await AttributeViolations(version, AttributeChecks.IsDatetime));

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task attribute__is_integer(int version) => Assert.Empty(await AttributeViolations(version, AttributeChecks.IsInteger));

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task attribute__is_numeric(int version) => Assert.Empty(await AttributeViolations(version, AttributeChecks.IsNumeric));

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task attribute__not_null(int version) => Assert.Empty(await AttributeViolations(version, AttributeChecks.NotNull));

    [Fact]
    public void AttributeChecks_FindWrongValues()
    {
        var schema = TapSchema.Of([
            new TapField("id", "integer", TapSchema.For("id", "integer", Odoo.OdooRecord.Empty), true, true, null),
            new TapField("active", "boolean", TapSchema.For("active", "boolean", Odoo.OdooRecord.Empty), false, true, null),
            new TapField("write_date", "datetime", TapSchema.For("write_date", "datetime", Odoo.OdooRecord.Empty), true, true, null),
            new TapField("qty", "float", TapSchema.For("qty", "float", Odoo.OdooRecord.Empty), false, true, null),
            new TapField("color", "integer", TapSchema.For("color", "integer", Odoo.OdooRecord.Empty), false, true, null),
        ]);
        JsonObject[] bad = [JsonNode.Parse("""{"id":null,"active":false,"write_date":"2024-01-01 10:00:00","qty":"3","color":1.5}""")!.AsObject()];
        Assert.NotEmpty(AttributeChecks.NotNull("x", schema, bad));
        Assert.NotEmpty(AttributeChecks.IsDatetime("x", schema, bad));
        Assert.NotEmpty(AttributeChecks.IsNumeric("x", schema, bad));
        Assert.NotEmpty(AttributeChecks.IsInteger("x", schema, bad));
        Assert.NotEmpty(AttributeChecks.IsBoolean("x", schema, [JsonNode.Parse("""{"id":1,"active":"yes"}""")!.AsObject()]));
        Assert.NotNull(SchemaCheck.Problems(SchemaCheck.Compile(schema), bad[0]));
        Assert.Empty(AttributeChecks.IsBoolean("x", schema, bad));
    }
}
