// Exactly once across SIGKILL: the real target is killed right after an Odoo create it had not bound yet, and
// right after marking a create pending (nothing sent), then re-run from the last STATE it emitted, as a Singer
// runner does (the tap resends every message after that state), and finally given the whole input again.
// Every STATE it emitted before a kill covered records already in Odoo; in the end there is exactly one Odoo record
// per input record (partners by name, purchase orders by name), each order confirmed with its lines.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Singer.Tests.Target;

public sealed class ExactlyOnceTests
{
    private const int Vendors = 4, Orders = 6;

    // A tap's output: SCHEMA, records, and a STATE after every second record whose value says how far the tap got.
    private static List<string> TapOutput()
    {
        var m = new List<string>
        {
            """{"type":"SCHEMA","stream":"Vendors","schema":{"type":"object","properties":{"id":{"type":"string"},"vendorName":{"type":"string"}}}}""",
        };
        void State() => m.Add(new JsonObject { ["type"] = "STATE", ["value"] = new JsonObject { ["position"] = m.Count + 1 } }.ToJsonString());
        for (var i = 1; i <= Vendors; i++)
        {
            m.Add(new JsonObject { ["type"] = "RECORD", ["stream"] = "Vendors", ["record"] = new JsonObject { ["id"] = $"70{i:00}", ["vendorName"] = $"Crash Vendor {i}" } }.ToJsonString());
            if (i % 2 == 0) State();
        }
        m.Add("""{"type":"SCHEMA","stream":"BuyOrders","schema":{"type":"object","properties":{"id":{"type":"string"},"line_items":{"type":"array"}},"required":["id"]}}""");
        for (var i = 1; i <= Orders; i++)
        {
            var record = new JsonObject
            {
                ["id"] = $"80{i:00}", ["supplier_name"] = $"Crash Vendor {1 + i % Vendors}", ["transaction_date"] = "2026-12-01T08:00:00Z",
                ["line_items"] = new JsonArray(new JsonObject { ["product_remoteId"] = i, ["quantity"] = i * 2 }, new JsonObject { ["sku"] = "CONS-0001", ["quantity"] = 1 }),
            };
            m.Add(new JsonObject { ["type"] = "RECORD", ["stream"] = "BuyOrders", ["record"] = record }.ToJsonString());
            if (i % 2 == 0) State();
        }
        return m;
    }

    // What the tap sends when started from a state: its schemas, then everything after the position the state names.
    private static IEnumerable<string> ResumeFrom(List<string> all, JsonObject? state)
    {
        var position = state?["position"] is { } p ? (int)p : 0;
        return all.Where(l => l.Contains("\"SCHEMA\"", StringComparison.Ordinal)).Concat(all.Skip(position).Where(l => !l.Contains("\"SCHEMA\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Target_KilledMidStream_ReRunFromItsLastState_OneOdooRecordPerInputRecord()
    {
        var dir = Directory.CreateTempSubdirectory("target-crash-").FullName;
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        var target = new TargetProcess(odoo, dir);
        target.WriteConfig(c => c["batch_size"] = 50);
        var tap = TapOutput();

        // Run 1: killed after the 6th create (the 2nd buy order) reached Odoo, before its binding.
        var first = await target.RunAsync(tap, "write.after-create#6");
        Assert.True(first.Killed, "run 1 never paused: " + first.Stderr);
        var state = first.States.LastOrDefault();
        Assert.NotNull(state);
        AssertCovered(odoo, tap, (int)state!["position"]!);
        Assert.Equal(2, Orders_(odoo).Count); // 8001 bound, 8002 created but not bound

        // Run 2, from run 1's last state: killed with a create marked pending and not sent.
        var second = await target.RunAsync(ResumeFrom(tap, state), "write.before-create#1");
        Assert.True(second.Killed, "run 2 never paused: " + second.Stderr);
        state = second.States.LastOrDefault() ?? state;
        AssertCovered(odoo, tap, (int)state["position"]!);

        // Run 3, from the last state emitted: to the end.
        var third = await target.RunAsync(ResumeFrom(tap, state));
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.Equal(0, (int)third.States[^1]["summary"]!["BuyOrders"]!["fail"]!);

        // Run 4: the whole input again (a runner that lost its state): nothing new.
        var fourth = await target.RunAsync(tap);
        Assert.True(fourth.ExitCode == 0, fourth.Stderr);
        Assert.Equal(Orders, (int)fourth.States[^1]["summary"]!["BuyOrders"]!["existing"]!);
        Assert.Equal(Vendors, (int)fourth.States[^1]["summary"]!["Vendors"]!["existing"]!);

        for (var i = 1; i <= Vendors; i++) Assert.Single(odoo.Data.Search("res.partner", $"[[\"name\",\"=\",\"Crash Vendor {i}\"]]"));
        var orders = Orders_(odoo);
        Assert.Equal(Enumerable.Range(1, Orders).Select(i => $"80{i:00}"), orders.Select(o => (string)o["name"]!).Order());
        foreach (var po in orders)
        {
            Assert.Equal("purchase", po["state"]);
            Assert.Equal(2, odoo.Data.Search("purchase.order.line", $"[[\"order_id\",\"=\",{po["id"]}]]").Count);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    private static List<IReadOnlyDictionary<string, object?>> Orders_(OdooEmulator odoo) =>
        odoo.Data.Search("purchase.order", "[[\"name\",\"=like\",\"80%\"]]").ToList();

    // The STATE promise: every record before the position an emitted STATE names is in Odoo.
    private static void AssertCovered(OdooEmulator odoo, List<string> tap, int position)
    {
        foreach (var line in tap.Take(position - 1).Select(l => JsonNode.Parse(l)!.AsObject()).Where(m => (string?)m["type"] == "RECORD"))
        {
            var r = line["record"]!;
            var found = (string?)line["stream"] == "Vendors"
                ? odoo.Data.Search("res.partner", $"[[\"ref\",\"=\",\"{r["id"]}\"]]")
                : odoo.Data.Search("purchase.order", $"[[\"name\",\"=\",\"{r["id"]}\"],[\"state\",\"=\",\"purchase\"]]");
            Assert.True(found.Count == 1, $"{line["stream"]} {r["id"]} is before an emitted STATE (position {position.ToString(CultureInfo.InvariantCulture)}) but not in Odoo once");
        }
    }
}
