// Tests for `odoo-optiply odoo version|call|fields|dump`, run in-process against the Odoo emulator.
using System.CommandLine;
using System.Text.Json;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Cli.Tests;

public class OdooCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(OdooEmulator e, params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(OdooCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var connection = new[] { "--url", e.Url.ToString(), "--db", e.Database, "--username", e.Username, "--password", e.Password, "--max-retries", "0" };
        var exit = await root.Parse(["odoo", .. args, .. connection]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Version_Emulator18_PrintsMajorAndProtocol()
    {
        await using var e = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        var (exit, output, _) = await RunAsync(e, "version", "--protocol", "xmlrpc");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(18, doc.RootElement.GetProperty("major").GetInt32());
        Assert.Equal("xmlrpc", doc.RootElement.GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task Call_WithTheTapsFlatConfigAndAVariable_ReadsItAsSyncDoes()
    {
        await using var e = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        var dir = Directory.CreateTempSubdirectory("odoo-cmd").FullName;
        var path = Path.Combine(dir, "tap.json");
        Environment.SetEnvironmentVariable("ODOO_CMD_TEST_PASSWORD", e.Password);
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["url"] = e.Url.ToString(), ["db"] = e.Database, ["username"] = e.Username, ["password"] = "${ODOO_CMD_TEST_PASSWORD}", ["start_date"] = "2024-01-01",
        }));
        var root = new RootCommand();
        root.Subcommands.Add(OdooCommand.Create());
        var (output, error) = (new StringWriter(), new StringWriter());
        // search_count needs the login: the password came through the variable.
        var exit = await root.Parse(["odoo", "call", "product.product", "search_count", "[[]]", "--config", path, "--protocol", "xmlrpc"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(exit == 0, error.ToString());
        Assert.True(long.Parse(output.ToString().Trim(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Call_SearchReadWithKwargs_PrintsTheJsonResult()
    {
        await using var e = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        var (exit, output, err) = await RunAsync(e, "call", "product.product", "search_read", "[[]]", "--kwargs", "{\"fields\":[\"name\"],\"limit\":2}");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        Assert.True(doc.RootElement[0].GetProperty("id").GetInt64() > 0);
    }

    [Fact]
    public async Task Fields_ProductProduct_ListsNamesAndTypes()
    {
        await using var e = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        var (exit, output, _) = await RunAsync(e, "fields", "product.product");
        Assert.Equal(0, exit);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("default_code\tchar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dump_Products_StreamsOneJsonLinePerRecord()
    {
        await using var e = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        var (_, count, _) = await RunAsync(e, "call", "product.product", "search_count", "[[[\"active\",\"=\",true]]]");
        var (exit, output, _) = await RunAsync(e, "dump", "product.product", "--fields", "name,default_code", "--domain", "[[\"active\",\"=\",true]]", "--page-size", "4");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(long.Parse(count.Trim()), lines.Length);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64() > 0));
    }

    [Fact]
    public async Task Call_UnknownModel_PrintsTheErrorWithoutStackTraceAndExitsNonZero()
    {
        await using var e = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        var (exit, _, err) = await RunAsync(e, "call", "x.no.such.model", "search_count", "[[]]");
        Assert.Equal(1, exit);
        Assert.StartsWith("error: Odoo x.no.such.model.search_count failed (Fatal", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Trace_Json2_WritesBodiesWithoutTheApiKey()
    {
        await using var e = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 19 });
        var trace = Path.GetTempFileName();
        try
        {
            var (exit, _, err) = await RunAsync(e, "call", "product.product", "search_count", "[[]]", "--protocol", "json2", "--api-key", e.ApiKey, "--trace", trace);
            Assert.True(exit == 0, err);
            var text = await File.ReadAllTextAsync(trace);
            Assert.Contains("/json/2/product.product/search_count", text);
            Assert.DoesNotContain(e.ApiKey, text);
        }
        finally { File.Delete(trace); }
    }
}
