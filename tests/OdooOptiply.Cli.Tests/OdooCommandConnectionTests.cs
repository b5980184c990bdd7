// Tests for how the odoo commands find their connection: flags over config file over environment.
using System.CommandLine;
using OdooOptiply.Cli.Commands;
using OdooOptiply.Odoo;

namespace OdooOptiply.Cli.Tests;

public class OdooCommandConnectionTests
{
    private static ParseResult Parse(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(OdooCommand.Create());
        return root.Parse(["odoo", "version", .. args]);
    }

    private static readonly Dictionary<string, string> Env = new()
    {
        ["ODOO_URL"] = "http://env.example/", ["ODOO_DB"] = "envdb", ["ODOO_USERNAME"] = "envuser",
        ["ODOO_PASSWORD"] = "envpw", ["ODOO_PROTOCOL"] = "xmlrpc",
    };

    [Fact]
    public void Resolve_OnlyEnvironment_UsesTheOdooVariables()
    {
        var o = OdooCommandConnection.Resolve(Parse(), k => Env.GetValueOrDefault(k));
        Assert.Equal(("http://env.example/", "envdb", "envuser", "envpw", OdooProtocol.XmlRpc), (o.Url.ToString(), o.Database, o.Username, o.Password, o.Protocol));
    }

    [Fact]
    public void Resolve_ConfigFileAndFlags_FlagsWinThenFileThenEnvironment()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{\"odoo\": {\"url\": \"http://file.example\", \"db\": \"filedb\", \"api_key\": \"k\", \"protocol\": \"json2\"}}");
            var o = OdooCommandConnection.Resolve(Parse("--config", file, "--db", "flagdb", "--timeout", "5", "--max-retries", "2"), k => Env.GetValueOrDefault(k));
            Assert.Equal("http://file.example/", o.Url.ToString());
            Assert.Equal("flagdb", o.Database);
            Assert.Equal("k", o.ApiKey);
            Assert.Equal("envuser", o.Username);
            Assert.Equal(OdooProtocol.Json2, o.Protocol);
            Assert.Equal(TimeSpan.FromSeconds(5), o.Timeout);
            Assert.Equal(2, o.MaxRetries);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Resolve_NothingGiven_SaysWhatIsMissing()
    {
        var e = Assert.Throws<ArgumentException>(() => OdooCommandConnection.Resolve(Parse(), _ => null));
        Assert.Contains("ODOO_URL", e.Message);
    }

    [Fact]
    public void Resolve_UnknownProtocol_IsRefused() =>
        Assert.Contains("unknown protocol", Assert.Throws<ArgumentException>(() => OdooCommandConnection.Resolve(Parse("--protocol", "soap"), k => Env.GetValueOrDefault(k))).Message);
}
