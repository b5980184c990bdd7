// A secret with a quote, an apostrophe and an ampersand (Pa'ss&w0rd"X9) takes a different spelling in each wire
// form: XML-escaped in XML-RPC, JSON-escaped in JSON-RPC and JSON-2, URL-encoded in the token form, base64 in the
// Basic header. The real `sync` process, over each Odoo protocol, with --verbose, --trace and --log-format json,
// must leave none of those spellings in its output, its JSON log lines, its trace files or its state file.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.TestWorld;

namespace OdooOptiply.Cli.Tests.Reliability;

public sealed class WireEncodedSecretsTests : IAsyncLifetime
{
    // Each secret's core ("w0rd", "s3cr", "pAss") survives every text encoding; base64 forms are checked apart.
    private const string OdooKey = "Pa'ss&w0rd\"X9";
    private const string OptiplyPassword = "Op'&pAss\"Y8<>";
    private const string OptiplySecret = "Cl&'s3cr\"Z7=+";
    private static readonly string[] Cores = ["w0rd", "pAss", "s3cr"];

    private World _world = null!;
    private string _dir => _world.Dir;
    private OptiplyEmulator _optiply => _world.Optiply;

    public async Task InitializeAsync() => _world = await World.StartAsync(new WorldOptions
    {
        Tenant = "acme", Version = 19, FolderPrefix = "wire-secrets-",
        Odoo = new OdooEmulatorOptions { ApiKey = OdooKey },
        Optiply = new OptiplyEmulatorOptions { ClientSecret = OptiplySecret, Password = OptiplyPassword },
    });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    // The RPC transports send the API key as the password.
    private string Tenant(string protocol)
    {
        var config = _world.ConfigJson(protocol: protocol);
        if (protocol != "json2") config["odoo"]!["password"] = OdooKey;
        var path = Path.Combine(_dir, $"{protocol}.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Sync_OverEveryProtocolWithTraceVerboseAndJsonLogs_LeaksNoSpellingOfAnySecret()
    {
        var outputs = new List<string>();
        foreach (var protocol in new[] { "xmlrpc", "jsonrpc", "json2" })
        {
            var run = await ProgramProcess.RunAsync(["sync", "--config", Tenant(protocol), "--verbose", "--log-format", "json", "--trace", Path.Combine(_dir, "trace-" + protocol)]);
            Assert.True(run.ExitCode == 0, $"{protocol}: exit {run.ExitCode}\n{run.Out}\n{run.Err}");
            outputs.AddRange([run.Out, run.Err]);
            // --log-format json: every stderr line is one JSON object; the clients' call lines carry the run's scopes.
            var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            foreach (var line in lines) using (JsonDocument.Parse(line)) { }
            Assert.Contains(lines, l => l.Contains("\"tenant\":\"acme\"", StringComparison.Ordinal) && l.Contains("\"stream\":\"products\"", StringComparison.Ordinal));
        }
        // --json (the report for scripts) and status --json carry no secret either.
        var json = await ProgramProcess.RunAsync(["sync", "--config", Tenant("jsonrpc"), "--json"]);
        Assert.True(json.ExitCode == 0, json.Err);
        var status = await ProgramProcess.RunAsync(["status", "--config", Tenant("jsonrpc"), "--json"]);
        outputs.AddRange([json.Out, json.Err, status.Out, status.Err]);
        var files = Directory.EnumerateFiles(_dir).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, files.Count(f => Path.GetFileName(f).StartsWith("trace-", StringComparison.Ordinal)));
        var texts = outputs.Concat(files.Select(f => File.ReadAllText(f, Encoding.Latin1))).ToList();
        // The traces really hold the bodies (so the absence below means something): the XML-RPC trace has execute_kw.
        Assert.Contains(texts, t => t.Contains("execute_kw", StringComparison.Ordinal));
        // ... and the secret was on the wire where the trace shows the mask in its place.
        Assert.Contains(texts, t => t.Contains("<string>***</string>", StringComparison.Ordinal));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_optiply.ClientId}:{OptiplySecret}"));
        foreach (var text in texts)
        {
            foreach (var core in Cores) Assert.DoesNotContain(core, text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
            foreach (var token in _optiply.IssuedTokens) Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
        if (!OperatingSystem.IsWindows())
            foreach (var trace in files.Where(f => Path.GetFileName(f).StartsWith("trace-", StringComparison.Ordinal)))
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(trace));
    }
}
