// Tests for the sync, status and demo commands: a tenant file on disk, both emulators on loopback, output
// captured from a test console.
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync.State;
using Spectre.Console.Testing;

namespace OdooOptiply.Cli.Tests.Commands;

public sealed class SyncCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-sync-").FullName;
    private OdooEmulator _odoo = null!;
    private OptiplyEmulator _optiply = null!;
    private string ConfigPath => Path.Combine(_dir, "tenant.json");

    public async Task InitializeAsync()
    {
        _odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 17 });
        _optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions());
        var config = new JsonObject
        {
            ["tenant"] = "acme",
            ["odoo"] = new JsonObject { ["url"] = _odoo.Url.ToString(), ["db"] = _odoo.Database, ["username"] = _odoo.Username, ["password"] = "${TEST_ODOO_PW}" },
            ["optiply"] = new JsonObject
            {
                ["client_id"] = _optiply.ClientId, ["client_secret"] = _optiply.ClientSecret, ["username"] = _optiply.Username,
                ["account_id"] = _optiply.AccountId, ["coupling_id"] = _optiply.CouplingId, ["requests_per_second"] = 500,
                ["base_url"] = _optiply.BaseUrl.ToString(), ["token_url"] = _optiply.TokenUrl.ToString(),
            },
            ["start_date"] = "2020-01-01",
        };
        await File.WriteAllTextAsync(ConfigPath, config.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        await _odoo.DisposeAsync();
        await _optiply.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    private string? Env(string name) => name switch { "TEST_ODOO_PW" => _odoo.Password, "OPTIPLY_PASSWORD" => _optiply.Password, _ => null };

    [Fact]
    public async Task AdoptDryRun_AfterTheStateFileIsDeleted_PrintsThePlanAndWritesNothing()
    {
        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, [], false, false, new TestConsole().Width(200), Env, CancellationToken.None));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(Path.Combine(_dir, "state"), "acme.db*")) File.Delete(f);
        var writes = _optiply.WriteCount;
        var console = new TestConsole().Width(200);

        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, [], false, true, console, Env, CancellationToken.None, adopt: true));

        Assert.Equal(writes, _optiply.WriteCount);
        var products = _optiply.Store.All("products").Count;
        Assert.Contains("adoption plan (nothing written):", console.Output);
        Assert.Contains($"products: {products} in Optiply; adopted {products} by remote id", console.Output);
        Assert.Contains("0 to create", console.Output);
    }

    [Fact]
    public void Parse_AllowMassDeletions_IsAFlagOfSync()
    {
        var command = SyncCommand.Create();
        var parsed = command.Parse(["--config", ConfigPath, "--allow-mass-deletions"]);
        Assert.Empty(parsed.Errors);
        Assert.True(parsed.GetValue<bool>("--allow-mass-deletions"));
        Assert.False(command.Parse(["--config", ConfigPath]).GetValue<bool>("--allow-mass-deletions"));
    }

    [Fact]
    public async Task RunAsync_MostProductsGoneFromOdoo_HeldWithExitCode1_UntilAllowMassDeletions()
    {
        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, ["products"], false, false, new TestConsole().Width(250), Env, CancellationToken.None));
        var inOptiply = _optiply.Store.All("products").Count;
        var ids = _odoo.Data.Search("product.product", "[]").Select(r => Convert.ToInt64(r["id"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        _odoo.Data.Unlink("product.product", ids.Skip(1).ToList()); // Odoo answers, but with one product only

        var held = new TestConsole().Width(400);
        Assert.Equal(1, await SyncCommand.RunAsync(ConfigPath, ["products"], false, false, held, Env, CancellationToken.None));
        Assert.Contains("products deletions", held.Output);
        Assert.Contains("--allow-mass-deletions", held.Output);
        Assert.Equal(inOptiply, _optiply.Store.All("products").Count);

        var allowed = new TestConsole().Width(250);
        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, ["products"], false, false, allowed, Env, CancellationToken.None, allowMassDeletions: true));
        Assert.True(_optiply.Store.All("products").Count <= 1, allowed.Output);
    }

    [Fact]
    public async Task RunAsync_Tenant_SyncsPrintsTableAndStatusShowsTheRun()
    {
        var console = new TestConsole().Width(120);
        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, [], false, false, console, Env, CancellationToken.None));
        Assert.Contains("productCompositions", console.Output);
        Assert.True(_optiply.Store.All("products").Count > 0);
        Assert.True(File.Exists(Path.Combine(_dir, "state", "acme.db")));

        var status = new TestConsole().Width(120);
        Assert.Equal(0, await StatusCommand.RunAsync(ConfigPath, 5, status, Env, CancellationToken.None));
        Assert.Contains("supplierProducts", status.Output);
        Assert.Contains("ok", status.Output);
    }

    [Fact]
    public async Task RunAsync_DryRun_WritesNothing()
    {
        var console = new TestConsole().Width(120);
        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, [], false, true, console, Env, CancellationToken.None));
        Assert.Contains("dry run", console.Output);
        Assert.Equal(0, _optiply.WriteCount);
        await using var store = await OdooOptiply.Sync.State.SqliteStateStore.OpenAsync(Path.Combine(_dir, "state", "acme.db"), "acme");
        Assert.Empty(await store.GetRecentRunsAsync(5));
        Assert.Empty(await store.GetBookmarksAsync());
        Assert.Empty(await store.CountBindingsAsync());
    }

    [Fact]
    public async Task RunAsync_DryRun_ListsWhatWouldBeCreatedThenUpdated()
    {
        var first = new TestConsole().Width(400);
        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, ["products"], false, true, first, Env, CancellationToken.None));
        var products = _odoo.Data.Search("product.product", "[]");
        // As many creates listed as the report counts (disabled products never in Optiply are skipped, not planned).
        var created = System.Text.RegularExpressions.Regex.Match(first.Output, @"products: \d+ read, (\d+) created").Groups[1].Value;
        Assert.True(int.Parse(created, System.Globalization.CultureInfo.InvariantCulture) > 0, first.Output);
        Assert.Contains($"would write {created} records:", first.Output);
        Assert.Contains($"create {created} products", first.Output);
        Assert.Contains($"remote id {products[0]["id"]}: name, skuCode", first.Output);

        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, ["products"], false, false, new TestConsole(), Env, CancellationToken.None));
        var renamed = Convert.ToInt64(products[1]["id"], System.Globalization.CultureInfo.InvariantCulture);
        _odoo.Data.Write("product.product", [renamed], new Dictionary<string, object?> { ["name"] = "Renamed for the plan" });
        var second = new TestConsole().Width(400);
        Assert.Equal(0, await SyncCommand.RunAsync(ConfigPath, ["products"], false, true, second, Env, CancellationToken.None));
        Assert.Contains("would write 1 records:", second.Output);
        Assert.Contains("update 1 products", second.Output);
        Assert.Matches($@"remote id {renamed}, Optiply id \d+: .*name", second.Output);
    }

    [Fact]
    public async Task RunAsync_BadConfig_ExitsTwoNamingTheKey()
    {
        await File.WriteAllTextAsync(ConfigPath, "{\"odoo\": {\"url\": \"nope\"}, \"language\": \"dutch\"}");
        var console = new TestConsole().Width(200);
        Assert.Equal(2, await SyncCommand.RunAsync(ConfigPath, [], false, false, console, _ => null, CancellationToken.None));
        Assert.Contains("odoo.url", console.Output);
        Assert.Contains("language", console.Output);
    }

    [Fact]
    public async Task Doctor_HealthyTenant_AllChecksPassAndStreamsListed()
    {
        var console = new TestConsole().Width(160);
        Assert.Equal(0, await DoctorCommand.RunAsync(ConfigPath, console, Env, CancellationToken.None));
        Assert.Contains("Odoo login", console.Output);
        Assert.Contains("Optiply login", console.Output);
        Assert.Contains("language en_US is installed", console.Output);
        Assert.Contains("map_sellOrdersPOS is false", console.Output);
        Assert.Equal(0, _optiply.WriteCount);
    }

    [Fact]
    public async Task Doctor_InactiveLanguageAndUnknownWarehouse_FailWithFixes()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(ConfigPath))!.AsObject();
        json["language"] = "fr_FR";
        json["stocks_warehouse_ids"] = "1,99";
        await File.WriteAllTextAsync(ConfigPath, json.ToJsonString());
        var console = new TestConsole().Width(200);
        Assert.Equal(1, await DoctorCommand.RunAsync(ConfigPath, console, Env, CancellationToken.None));
        Assert.Contains("Settings → Languages", console.Output);
        Assert.Contains("only 1 of 2 found", console.Output);
    }

    [Fact]
    public async Task RunAsync_UnknownStream_ExitsTwo()
    {
        var console = new TestConsole().Width(200);
        Assert.Equal(2, await SyncCommand.RunAsync(ConfigPath, ["widgets"], false, false, console, Env, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_TenantLeasedByAnotherProcess_ExitsThreeAndDryRunStillWorks()
    {
        await using var t = await TenantFiles.StartAsync();
        await using var other = await SqliteStateStore.OpenAsync(t.StatePath, "acme");
        await using var lease = await TenantLease.AcquireAsync(other, "daemon pull");
        var console = new TestConsole().Width(250);
        Assert.Equal(3, await SyncCommand.RunAsync(t.ConfigPath, [], false, false, console, null, CancellationToken.None));
        Assert.Contains($"tenant acme is being synced by {lease.Current.Holder}", System.Text.RegularExpressions.Regex.Replace(console.Output, @"\s+", " "));
        Assert.Equal(0, t.Optiply.Store.Count("products"));
        Assert.Equal(0, await SyncCommand.RunAsync(t.ConfigPath, [], false, true, new TestConsole().Width(250), null, CancellationToken.None));
    }
}

public class DemoCommandTests
{
    [Fact]
    public async Task RunAsync_Demo_SecondRunCarriesOnlyTheFourChanges()
    {
        var console = new TestConsole().Width(120);
        Assert.Equal(0, await DemoCommand.RunAsync(18, console, CancellationToken.None));
        Assert.Contains("second run 4.", console.Output);
        Assert.Contains("wrote 0 records", console.Output);
        // The export act: one confirmed purchase order per buy order, received, completed, and a rerun creates none.
        Assert.Matches(@"export: purchase order \d+ \(purchase\) for ", console.Output);
        Assert.Contains("10 × ", console.Output);
        Assert.Contains(" at 2.5", console.Output);
        Assert.Matches(@"pull: 13 received in Optiply, buy order \d+ completed", console.Output);
        Assert.Matches(@"A second export created 0 purchase orders: 1 in Odoo for buy order \d+\.", System.Text.RegularExpressions.Regex.Replace(console.Output, @"\s+", " "));
    }
}
