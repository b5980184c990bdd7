// `odoo-optiply tap | (stream map) | odoo-optiply target` between two emulated Odoo databases, as real processes:
// the vendors and purchase taxes of Odoo A arrive in Odoo B with their names, emails, cities and amounts; the
// pipeline run again from the tap's and the target's last STATE creates nothing more in B. The stream map is
// what a Meltano user writes in stream_maps (customers → Vendors, keeping vendors; taxes → TaxRates, keeping
// purchase taxes), done here in a few lines of the test.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Singer.Tests.Tap.Support;
using OdooOptiply.Singer.Tests.Target;

namespace OdooOptiply.Singer.Tests.RoundTrip;

public sealed class TapToTargetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tap-target-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static IEnumerable<string> StreamMap(string tapOut)
    {
        foreach (var line in tapOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = JsonNode.Parse(line)!.AsObject();
            var stream = (string?)m["stream"];
            var renamed = stream switch { "customers" => "Vendors", "taxes" => "TaxRates", _ => null };
            if ((string?)m["type"] == "STATE") { yield return line; continue; }
            if (renamed is null) continue;
            if ((string?)m["type"] == "RECORD")
            {
                var r = m["record"]!.AsObject();
                if (renamed == "Vendors" && !((r["supplier_rank"]?.GetValue<long>() ?? 0) > 0 && r["is_company"]?.GetValue<bool>() == true)) continue;
                if (renamed == "TaxRates" && (string?)r["type_tax_use"] != "purchase") continue;
            }
            m["stream"] = renamed;
            yield return m.ToJsonString();
        }
    }

    private static List<(string Name, string? Email, string? City)> Vendors(OdooEmulator odoo) =>
        odoo.Data.Search("res.partner", "[[\"supplier_rank\", \">\", 0], [\"is_company\", \"=\", true]]")
            .Select(p => ((string)p["name"]!, p.GetValueOrDefault("email") as string, p.GetValueOrDefault("city") as string)).OrderBy(v => v.Item1, StringComparer.Ordinal).ToList();

    private static List<(string Name, double Amount)> PurchaseTaxes(OdooEmulator odoo) =>
        odoo.Data.Search("account.tax", "[[\"type_tax_use\", \"=\", \"purchase\"]]")
            .Select(t => ((string)t["name"]!, Convert.ToDouble(t["amount"], System.Globalization.CultureInfo.InvariantCulture))).OrderBy(t => t.Item1, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task TapIntoTarget_VendorsAndTaxesOfOneOdooArriveInAnother_AndARerunCreatesNothing()
    {
        await using var a = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18, Database = "odoo_a" });
        await using var b = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18, Database = "odoo_b", Seed = "empty" });
        var vendorsInA = Vendors(a);
        var taxesInA = PurchaseTaxes(a);
        Assert.NotEmpty(vendorsInA);
        Assert.NotEmpty(taxesInA);
        var taxesInBBefore = PurchaseTaxes(b).Select(t => t.Name).ToHashSet();

        var tapConfig = Path.Combine(_dir, "tap.json");
        File.WriteAllText(tapConfig, TapHarness.Config(a).ToJsonString());
        var discover = await TapProcess.RunAsync("tap", "--config", tapConfig, "--discover");
        Assert.Equal(0, discover.ExitCode);
        var catalog = Path.Combine(_dir, "catalog.json");
        File.WriteAllText(catalog, TapHarness.Select(JsonNode.Parse(discover.Out)!.AsObject(), "customers", "taxes").ToJsonString());
        var target = new TargetProcess(b, _dir);
        target.WriteConfig();

        var tap = await TapProcess.RunAsync("tap", "--config", tapConfig, "--catalog", catalog);
        Assert.True(tap.ExitCode == 0, tap.Err);
        var first = await target.RunAsync(StreamMap(tap.Out));
        Assert.True(first.ExitCode == 0, first.Stderr);

        // B now holds A's vendors (name, email, city) and A's purchase taxes (name, amount).
        var vendorsInB = Vendors(b);
        foreach (var v in vendorsInA) Assert.Contains(v, vendorsInB);
        var taxesInB = PurchaseTaxes(b);
        foreach (var t in taxesInA) Assert.Contains(t, taxesInB);
        var partnersAfterFirst = b.Data.Count("res.partner");
        var taxesAfterFirst = b.Data.Count("account.tax");
        var summary = first.States[^1]["summary"]!;
        Assert.Equal(vendorsInA.Count, summary["Vendors"]!["success"]!.GetValue<long>());
        Assert.Equal(taxesInA.Count(t => !taxesInBBefore.Contains(t.Name)), summary["TaxRates"]!["success"]!.GetValue<long>());

        // Again, from the tap's last STATE and the target's own state: nothing new in B.
        var state = Path.Combine(_dir, "state.json");
        File.WriteAllText(state, first.States[^1].ToJsonString());
        var tapAgain = await TapProcess.RunAsync("tap", "--config", tapConfig, "--catalog", catalog, "--state", state);
        Assert.True(tapAgain.ExitCode == 0, tapAgain.Err);
        var second = await target.RunAsync(StreamMap(tapAgain.Out));
        Assert.True(second.ExitCode == 0, second.Stderr);
        // And the whole stream once more, from no tap state: every record is known, still nothing new.
        var third = await target.RunAsync(StreamMap(tap.Out));
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.Equal(partnersAfterFirst, b.Data.Count("res.partner"));
        Assert.Equal(taxesAfterFirst, b.Data.Count("account.tax"));
    }
}
