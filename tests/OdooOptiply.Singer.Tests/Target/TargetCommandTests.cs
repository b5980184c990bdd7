// The real program: `odoo-optiply target` with messages on stdin. Exit codes (0, 2 bad input, 4 refused records),
// STATE only on stdout, the error line naming line and stream, and no secret or payload value in anything it prints.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Singer.Tests.Target;

public sealed class TargetCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("target-cli-").FullName;
    private OdooEmulator _odoo = null!;
    private TargetProcess _target = null!;

    public async Task InitializeAsync()
    {
        _odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        _target = new TargetProcess(_odoo, _dir);
        _target.WriteConfig();
    }

    public async Task DisposeAsync()
    {
        await _odoo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static IEnumerable<string> File(string name) => System.IO.File.ReadAllLines(TargetHarness.MessagesFile(name));

    [Fact]
    public async Task Target_WritesTheRecords_PrintsOnlyStateOnStdout_ExitsZero()
    {
        var exit = await _target.RunAsync(File("vendors.jsonl").Concat(File("buyorders.jsonl")), null, "--verbose");
        Assert.True(exit.ExitCode == 0, exit.Stderr);
        Assert.All(exit.Stdout, l => Assert.Equal("STATE", (string?)JsonNode.Parse(l)!["type"]));
        Assert.Equal(3, exit.States.Count); // one per STATE in, each after its records: no final one, nothing changed after the last
        Assert.Equal(2, (int)exit.States[^1]["summary"]!["BuyOrders"]!["success"]!);
        Assert.Equal(3, (int)exit.States[^1]["bookmarks"]!["BuyOrders"]!["position"]!);
        Assert.Single(_odoo.Data.Search("purchase.order", "[[\"name\",\"=\",\"5001\"]]"));
        foreach (var text in new[] { _odoo.Password, "sales@nordictimber.example", "Sågverksvägen" })
            Assert.DoesNotContain(text, string.Join("\n", exit.Stdout.Select(l => JsonNode.Parse(l)!.ToJsonString())) + exit.Stderr);
    }

    [Fact]
    public async Task Target_BadLine_ExitsTwo_NamingLineAndStream()
    {
        var exit = await _target.RunAsync(File("taxrates.jsonl").Take(2).Append("""{"type":"RECORD","stream":"TaxRates","record":{"value":3}}"""));
        Assert.Equal(2, exit.ExitCode);
        Assert.Contains("error: line 3 (stream TaxRates): the record does not match its SCHEMA", exit.Stderr);
        Assert.Empty(exit.Stdout);
        Assert.Empty(_odoo.Data.Search("account.tax", "[[\"name\",\"=\",\"Import 5%\"]]"));
    }

    [Fact]
    public async Task Target_RefusedRecord_ExitsFour_WithTheReason()
    {
        var lines = File("buyorders.jsonl").Select(l => l.Replace("\\\"sku\\\":\\\"OPT-0002\\\"", "\\\"sku\\\":\\\"NO-SUCH\\\""));
        var exit = await _target.RunAsync(lines);
        Assert.Equal(4, exit.ExitCode);
        Assert.Contains("BuyOrders record 5001: failed: line 2: no product.product with default_code 'NO-SUCH'", exit.Stderr);
        Assert.Equal(1, (int)exit.States[^1]["summary"]!["BuyOrders"]!["fail"]!);
    }

    [Fact]
    public async Task Target_ReadsAnInputFile_LikeAnSdkTarget()
    {
        var exit = await _target.RunAsync([], null, "--input", TargetHarness.MessagesFile("taxrates.jsonl"));
        Assert.True(exit.ExitCode == 0, exit.Stderr);
        Assert.Equal(2, (int)exit.States[^1]["summary"]!["TaxRates"]!["success"]!);
    }

    [Fact]
    public async Task Target_BadConfig_ExitsTwo_WithoutTheSecret()
    {
        _target.WriteConfig(c => { c.Remove("url"); c["password"] = "very-secret-pw"; c["export_buy_orders_as_drafts"] = true; });
        var exit = await _target.RunAsync([]);
        Assert.Equal(2, exit.ExitCode);
        Assert.Contains("url (the Odoo address) is required", exit.Stderr);
        Assert.DoesNotContain("very-secret-pw", exit.Stderr);
    }
}
