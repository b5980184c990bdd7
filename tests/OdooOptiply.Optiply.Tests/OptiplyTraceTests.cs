// The debugging trace: every call logged with method, path, status, duration and size; bodies in the
// trace file; and no secret (client secret, password, Basic header, access or refresh token) anywhere —
// not in the trace, the logs or exception messages — even when the server echoes a token back.
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Optiply.Tests;

public class OptiplyTraceTests
{
    private const string Secret = "SECRET-client-7f3a9e";
    private const string Password = "PASSWORD-91bc77";

    [Fact]
    public async Task Trace_WholeSession_LogsEveryCallAndLeaksNoSecret()
    {
        await using var server = await OptiplyTestServer.StartAsync(new OptiplyEmulatorOptions { ClientSecret = Secret, Password = Password });
        var tracePath = Path.Combine(Path.GetTempPath(), $"optiply-trace-{Guid.NewGuid():N}.log");
        var logs = new ListLogger();
        var messages = new List<string>();
        try
        {
            await using (var client = server.Client(o => o with { TracePath = tracePath }, loggers: logs))
            {
                var p = await client.Products.CreateAsync(new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1 });
                server.Emulator.ExpireTokens(); // the 401 body echoes the expired token (Spring does)
                await client.Products.UpdateAsync(p.Id, new JsonObject { ["stockLevel"] = 2 });
                await client.Products.ListAsync().ToListAsync();
                messages.Add((await Assert.ThrowsAsync<OptiplyException>(() => client.Products.UpdateAsync("999", new JsonObject { ["stockLevel"] = 2 }))).ToString());
            }
            await using (var wrong = server.Client(o => o with { Password = Password + "-wrong", TracePath = tracePath }, loggers: logs))
                messages.Add((await Assert.ThrowsAsync<OptiplyException>(() => wrong.Products.GetAsync("1"))).ToString());

            var trace = await File.ReadAllTextAsync(tracePath);
            var logText = string.Join('\n', logs.Lines.Select(e => e.Text));
            Assert.Contains("PATCH /v1/products/1", trace);
            Assert.Contains("\"stockLevel\":2", trace);
            Assert.Contains("Access token expired: ***", trace);
            Assert.Contains("\"access_token\":\"***\"", trace);
            Assert.Matches(@"Optiply PATCH /v1/products/1\?accountId=1&couplingId=4711 -> 200 in \d+ ms, \d+ bytes", logText);
            Assert.Contains("-> 401", logText);
            var secrets = new List<string> { Secret, Password, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{server.Emulator.ClientId}:{Secret}")) };
            secrets.AddRange(server.Emulator.IssuedTokens);
            Assert.True(server.Emulator.IssuedTokens.Count >= 4);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, trace);
                Assert.DoesNotContain(secret, logText);
                foreach (var m in messages) Assert.DoesNotContain(secret, m);
            }
        }
        finally { File.Delete(tracePath); }
    }

    [Fact]
    public async Task Token_WrongCredentials_FailFatallyWithAClearMessage()
    {
        await using var server = await OptiplyTestServer.StartAsync();
        await using var client = server.Client(o => o with { ClientSecret = "not-the-secret" });
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Products.GetAsync("1"));
        Assert.Equal((401, Outcome.Fatal), (e.Status, e.Outcome));
        Assert.Contains("client id/secret", e.Message);
        Assert.DoesNotContain("not-the-secret", e.ToString());
    }
}
