// The tap against the Odoo emulator in-process, Odoo 16–19: discovery lists the 18 streams, a sync
// writes SCHEMA before RECORDs, every RECORD validates against its SCHEMA, values follow the mapping.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Singer.Tap;
using OdooOptiply.Singer.Tests.Tap.Support;

namespace OdooOptiply.Singer.Tests.Tap;

public class TapSyncTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    public async Task Sync_EveryStream_RecordsMatchTheirSchema(int version)
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version });
        var output = await TapHarness.SyncAsync(TapHarness.Config(odoo));
        var schemas = new Dictionary<string, Json.Schema.JsonSchema>();
        var problems = new List<string>();
        foreach (var m in output.Messages)
        {
            var stream = (string?)m["stream"];
            switch ((string)m["type"]!)
            {
                case "SCHEMA": schemas[stream!] = SchemaCheck.Compile(m["schema"]!.AsObject()); break;
                case "RECORD":
                    Assert.True(schemas.ContainsKey(stream!), $"RECORD of {stream} before its SCHEMA");
                    if (SchemaCheck.Problems(schemas[stream!], m["record"]!) is { } p && problems.Count < 10) problems.Add($"{stream} id {m["record"]!["id"]}: {p}");
                    break;
            }
        }
        Assert.Empty(problems);
        Assert.Equal(TapStreams.All.Select(s => s.Name).Order(), schemas.Keys.Order());
        // The demo database has records in every stream.
        Assert.Equal(TapStreams.All.Select(s => s.Name).Order(), output.StreamsWithRecords.Order());
    }
}
