// The `optiply` commands end to end against the Optiply emulator: every verb, filters, exit codes,
// and where the connection comes from (flags over the config file over OPTIPLY_* variables).
using System.CommandLine;
using System.Text.Json.Nodes;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Optiply;

namespace OdooOptiply.Cli.Tests;

public class OptiplyCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(OptiplyEmulator? e, params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(OptiplyCommand.Create());
        string[] connection = e is null ? [] :
        [
            "--base-url", e.BaseUrl.AbsoluteUri, "--token-url", e.TokenUrl.AbsoluteUri, "--client-id", e.ClientId,
            "--client-secret", e.ClientSecret, "--username", e.Username, "--password", e.Password, "--account-id", "1", "--rps", "0",
        ];
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(["optiply", .. args, .. connection]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Verbs_CreateGetUpdateListDelete_WorkAgainstTheEmulator()
    {
        await using var e = await OptiplyEmulator.StartAsync();
        var (exit, created, err) = await RunAsync(e, "create", "products", """{"name":"Bolt","stockLevel":3,"skuCode":"B-1"}""");
        Assert.True(exit == 0, err);
        var id = JsonNode.Parse(created)!["id"]!.GetValue<string>();
        Assert.Equal(0, (await RunAsync(e, "update", "products", id, """{"stockLevel":8}""")).Exit);
        var (_, got, _) = await RunAsync(e, "get", "products", id);
        Assert.Equal(8, JsonNode.Parse(got)!["attributes"]!["stockLevel"]!.GetValue<long>());
        await RunAsync(e, "create", "products", """{"name":"Nut","stockLevel":1}""");
        var (_, listed, _) = await RunAsync(e, "list", "products", "--filter", "stockLevel[GT]=2", "--sort", "-name");
        Assert.Single(listed.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var (_, all, _) = await RunAsync(e, "list", "products", "--limit", "1");
        Assert.Single(all.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("deleted", (await RunAsync(e, "delete", "products", id)).Out.Trim());
        Assert.Equal("already gone", (await RunAsync(e, "delete", "products", id)).Out.Trim());
    }

    [Fact]
    public async Task Failures_PrintAnErrorAndExitNonZero()
    {
        await using var e = await OptiplyEmulator.StartAsync();
        var missing = await RunAsync(e, "get", "products", "42");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("not found", missing.Err);
        var invalid = await RunAsync(e, "create", "suppliers", """{"name":"ACME","deliveryTime":0}""");
        Assert.Equal(1, invalid.Exit);
        Assert.Contains("deliveryTime", invalid.Err);
        Assert.Equal(2, (await RunAsync(e, "create", "products", "[1,2]")).Exit);
        Assert.Equal(2, (await RunAsync(e, "list", "products", "--filter", "name[ABOUT]=x")).Exit);
    }

    [Fact]
    public async Task NoConnection_SaysWhatIsMissing()
    {
        var (exit, _, err) = await RunAsync(null, "list", "products");
        Assert.Equal(2, exit);
        Assert.Contains("client_id is required", err);
        Assert.Contains("OPTIPLY_", err);
    }

    [Fact]
    public void Resolve_FlagsOverConfigFileOverEnvironment()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"optiply": {"client_id": "file-shop", "username": "file-user", "account_id": 7, "base_url": "http://file.example/v1"}}""");
            var root = new RootCommand();
            root.Subcommands.Add(OptiplyCommand.Create());
            var p = root.Parse(["optiply", "list", "products", "--config", file, "--username", "flag-user"]);
            var env = new Dictionary<string, string> { ["OPTIPLY_CLIENT_ID"] = "env-shop", ["OPTIPLY_CLIENT_SECRET"] = "env-secret", ["OPTIPLY_PASSWORD"] = "env-pw", ["OPTIPLY_COUPLING_ID"] = "12" };
            var o = OptiplyCommandConnection.Resolve(p, k => env.GetValueOrDefault(k));
            Assert.Equal(("file-shop", "flag-user", "env-secret", "env-pw"), (o.ClientId, o.Username, o.ClientSecret, o.Password));
            Assert.Equal((7L, 12L), (o.AccountId!.Value, o.CouplingId!.Value));
            Assert.Equal("http://file.example/v1", o.BaseUrl.AbsoluteUri);
            Assert.Equal(OptiplyConstants.DefaultTokenUrl, o.TokenUrl);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Query_FilterTexts_BecomeOptiplyFilters()
    {
        var q = OptiplyCommand.Query(["name=a=b", "completed=null", "updatedAt[gt]=2025-01-01T00:00:00+00:00"], "-updatedAt");
        Assert.Equal("filter%5Bname%5D=a%3Db&filter%5Bcompleted%5D=null&filter%5BupdatedAt%5D%5BGT%5D=2025-01-01T00%3A00%3A00%2B00%3A00&sort=-updatedAt",
            q.ToString());
    }
}
