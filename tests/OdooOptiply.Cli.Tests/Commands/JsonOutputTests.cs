// `--json` on sync, export, status and doctor, run as the real program: stdout is one JSON document a script can
// parse (messages went to stderr), its fields match what happened, and the exit code is the same as without it.
using System.Text.Json;
using OdooOptiply.Cli.Tests.Reliability;

namespace OdooOptiply.Cli.Tests.Commands;

public class JsonOutputTests
{
    [Fact]
    public async Task SyncStatusDoctorAndExport_WithJson_PrintOneParsableDocumentEach()
    {
        await using var t = await TenantFiles.StartAsync();
        var sync = await ProgramProcess.RunAsync(["sync", "--config", t.ConfigPath, "--json"]);
        Assert.True(sync.ExitCode == 0, sync.Err);
        using (var doc = JsonDocument.Parse(sync.Out))
        {
            var run = doc.RootElement;
            Assert.True(run.GetProperty("succeeded").GetBoolean());
            Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
            Assert.True(run.GetProperty("writes").GetInt64() > 0);
            var products = run.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "products");
            Assert.Equal("ok", products.GetProperty("status").GetString());
            Assert.Equal(t.Optiply.Store.Count("products"), products.GetProperty("created").GetInt64());
        }

        var status = await ProgramProcess.RunAsync(["status", "--config", t.ConfigPath, "--json"]);
        Assert.Equal(0, status.ExitCode);
        using (var doc = JsonDocument.Parse(status.Out))
        {
            Assert.Equal("acme", doc.RootElement.GetProperty("tenant").GetString());
            Assert.Single(doc.RootElement.GetProperty("runs").EnumerateArray());
            Assert.True(doc.RootElement.GetProperty("bindings").GetProperty("products").GetInt64() > 0);
        }

        var doctor = await ProgramProcess.RunAsync(["doctor", "--config", t.ConfigPath, "--json"]);
        Assert.Equal(0, doctor.ExitCode);
        using (var doc = JsonDocument.Parse(doctor.Out))
        {
            Assert.True(doc.RootElement.GetProperty("healthy").GetBoolean());
            Assert.Contains(doc.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "export rights"
                && c.GetProperty("result").GetString() == "ok");
        }

        t.SeedBuyOrder();
        var export = await ProgramProcess.RunAsync(["export", "--config", t.ConfigPath, "--json"]);
        Assert.True(export.ExitCode == 0, export.Err);
        using (var doc = JsonDocument.Parse(export.Out))
            Assert.Contains(doc.RootElement.GetProperty("streams").EnumerateArray(), s => s.GetProperty("created").GetInt64() == 1);
    }

    [Fact]
    public async Task Sync_WithJsonAndAFailure_KeepsItsExitCodeAndNamesTheReason()
    {
        await using var t = await TenantFiles.StartAsync();
        // A refused Odoo login: the run cannot start.
        var config = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(t.ConfigPath))!;
        config["odoo"]!["password"] = "not-the-password";
        await File.WriteAllTextAsync(t.ConfigPath, config.ToJsonString());
        var sync = await ProgramProcess.RunAsync(["sync", "--config", t.ConfigPath, "--json"]);
        Assert.Equal(1, sync.ExitCode);
        using var doc = JsonDocument.Parse(sync.Out);
        Assert.False(doc.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal(1, doc.RootElement.GetProperty("exitCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("reason").GetString()));
    }
}
