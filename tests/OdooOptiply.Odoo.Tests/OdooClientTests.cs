// Tests for the OdooClient door against a scripted Odoo at the HTTP boundary: retries (reads yes,
// writes only when safe, invalid answers twice, Retry-After honoured, total wait bounded), error
// mapping, protocol choice, context, and secrets kept out of exceptions, logs and the trace.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Odoo.Tests.TestSupport;

namespace OdooOptiply.Odoo.Tests;

public class OdooClientTests
{
    internal const string Password = "Pa55-SECRET-word&<\"";
    internal const string ApiKey = "APIKEY-0123456789abcdef-SECRET";

    internal static OdooOptions Options(OdooProtocol protocol = OdooProtocol.JsonRpc) => new()
    {
        Url = new Uri("http://odoo.test/"), Database = "db", Username = "bot", Password = Password, ApiKey = ApiKey,
        Protocol = protocol, BackoffBase = TimeSpan.FromMilliseconds(1), BackoffFactor = 1, MaxRetries = 8,
    };

    [Fact]
    public async Task CallAsync_ReadFailingWith503Twice_IsRetriedAndSucceeds()
    {
        var odoo = new ScriptedOdoo();
        var failures = 2;
        odoo.Respond = _ => failures-- > 0 ? throw new ScriptedHttp(503, "<h1>503 Service Unavailable</h1>") : 42L;
        await using var client = new OdooClient(Options(), handler: odoo);
        Assert.Equal(42L, await client.CallAsync("product.product", "search_count", [Array.Empty<object>()]));
        Assert.Equal(2, client.RetryCount);
    }

    [Fact]
    public async Task CreateAsync_Failing503_IsNotRepeated()
    {
        var odoo = new ScriptedOdoo { Respond = _ => throw new ScriptedHttp(503, "busy") };
        await using var client = new OdooClient(Options(), handler: odoo);
        var e = await Assert.ThrowsAsync<OdooException>(() => client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "x" }));
        Assert.Equal(Outcome.Retriable, e.Outcome);
        Assert.Single(odoo.Calls);
        Assert.Equal("res.partner", e.Model);
        Assert.Equal("create", e.Method);
    }

    [Fact]
    public async Task CallAsync_WriteMarkedRetrySafe_IsRepeated()
    {
        var odoo = new ScriptedOdoo();
        var failures = 1;
        odoo.Respond = _ => failures-- > 0 ? throw new ScriptedHttp(502, "bad gateway") : true;
        await using var client = new OdooClient(Options(), handler: odoo);
        Assert.Equal(true, await client.CallAsync("purchase.order", "button_confirm", [new[] { 1L }], retrySafe: true));
        Assert.Equal(2, odoo.Calls.Count);
    }

    [Fact]
    public async Task CallAsync_HtmlPageWithStatus200_IsRetriedTwiceThenFails()
    {
        var odoo = new ScriptedOdoo { Respond = _ => throw new ScriptedHttp(200, "<!DOCTYPE html><html><body>Please log in</body></html>") };
        await using var client = new OdooClient(Options(), handler: odoo);
        var e = await Assert.ThrowsAsync<OdooException>(() => client.CallAsync("product.product", "search_count", [Array.Empty<object>()]));
        Assert.True(e.InvalidResponse);
        Assert.Equal(3, odoo.Calls.Count);
    }

    [Theory]
    [InlineData("odoo.exceptions.AccessDenied", "Access Denied")]
    [InlineData("odoo.exceptions.AccessError", "You are not allowed to access 'Product' (product.product) records.")]
    [InlineData("odoo.exceptions.UserError", "Object x.no.such.model doesn't exist")]
    public async Task CallAsync_FatalFault_IsNotRetried(string name, string message)
    {
        var odoo = new ScriptedOdoo { Respond = _ => throw new ScriptedFault(name, message) };
        await using var client = new OdooClient(Options(), handler: odoo);
        var e = await Assert.ThrowsAsync<OdooException>(() => client.CallAsync("product.product", "search_count", [Array.Empty<object>()]));
        Assert.Equal(Outcome.Fatal, e.Outcome);
        Assert.Equal(message, e.ServerMessage);
        Assert.Single(odoo.Calls);
    }

    [Fact]
    public async Task CallAsync_SerializationFailure_IsRetried()
    {
        var odoo = new ScriptedOdoo();
        var failures = 1;
        odoo.Respond = _ => failures-- > 0 ? throw new ScriptedFault("psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update") : 1L;
        await using var client = new OdooClient(Options(), handler: odoo);
        Assert.Equal(1L, await client.CallAsync("product.product", "search_count", [Array.Empty<object>()]));
    }

    [Fact]
    public async Task CallAsync_429WithRetryAfter_WaitsWhatTheServerAsked()
    {
        var time = new DrivenTime();
        var logs = new ListLogger();
        var odoo = new ScriptedOdoo();
        var failures = 1;
        odoo.Respond = _ => failures-- > 0 ? throw new ScriptedHttp(429, "slow down", retryAfter: 7) : 5L;
        await using var client = new OdooClient(Options(), logs, time, odoo);
        var call = client.CallAsync("product.product", "search_count", [Array.Empty<object>()]);
        var advanced = await time.DriveAsync(call); // advances exactly when the client waits on its clock
        Assert.Equal(5L, await call);
        Assert.Contains(logs.Warnings, w => w.Contains("in 7000 ms"));
        Assert.True(advanced >= TimeSpan.FromSeconds(7), $"only {advanced} passed");
    }

    [Fact]
    public async Task CallAsync_WaitsBeyondMaxTotalWait_GivesUp()
    {
        var odoo = new ScriptedOdoo { Respond = _ => throw new ScriptedHttp(429, "slow down", retryAfter: 60) };
        await using var client = new OdooClient(Options() with { MaxTotalWait = TimeSpan.FromSeconds(30) }, handler: odoo);
        var e = await Assert.ThrowsAsync<OdooException>(() => client.CallAsync("product.product", "search_count", [Array.Empty<object>()]));
        Assert.Equal(429, e.HttpStatus);
        Assert.Single(odoo.Calls);
    }

    [Fact]
    public async Task CallAsync_MaxRetriesReached_StopsAfterThatManyRetries()
    {
        var odoo = new ScriptedOdoo { Respond = _ => throw new ScriptedHttp(504, "gateway timeout") };
        await using var client = new OdooClient(Options() with { MaxRetries = 3 }, handler: odoo);
        await Assert.ThrowsAsync<OdooException>(() => client.CallAsync("product.product", "search_count", [Array.Empty<object>()]));
        Assert.Equal(4, odoo.Calls.Count);
    }

    [Theory]
    [InlineData(19, true, OdooProtocol.Json2)]
    [InlineData(19, false, OdooProtocol.JsonRpc)]
    [InlineData(18, true, OdooProtocol.JsonRpc)]
    public async Task ResolvedProtocol_Auto_PicksJson2OnlyWithKeyOn19(int version, bool withKey, OdooProtocol expected)
    {
        var odoo = new ScriptedOdoo { Version = version, Respond = _ => 3L };
        var logs = new ListLogger();
        await using var client = new OdooClient(Options(OdooProtocol.Auto) with { ApiKey = withKey ? ApiKey : null }, logs, handler: odoo);
        Assert.Equal(3L, await client.SearchCountAsync("product.product", OdooDomain.All));
        Assert.Equal(expected, client.ResolvedProtocol);
        Assert.Contains(logs.Lines, l => l.Text.Contains("protocol auto: using " + (expected == OdooProtocol.Json2 ? "json2" : "jsonrpc")));
    }

    [Fact]
    public async Task ResolvedProtocol_AutoWhereJsonRpcIsGone_FallsBackToWebVersionAndJson2()
    {
        var odoo = new ScriptedOdoo { Version = 22, Respond = _ => 4L };
        await using var client = new OdooClient(Options(OdooProtocol.Auto), handler: new NoJsonRpc(odoo));
        Assert.Equal(4L, await client.SearchCountAsync("product.product", OdooDomain.All));
        Assert.Equal(OdooProtocol.Json2, client.ResolvedProtocol);
        Assert.Equal(22, (await client.VersionAsync()).Major);
    }

    // An Odoo 22 stand-in: /jsonrpc answers 404, everything else goes to the scripted server.
    private sealed class NoJsonRpc(ScriptedOdoo inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            request.RequestUri!.AbsolutePath == "/jsonrpc"
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { Content = new StringContent("<h1>Not Found</h1>") })
                : base.SendAsync(request, ct);
    }

    [Fact]
    public async Task CallAsync_ContextInKwargsAndOdooContext_AreMerged()
    {
        var odoo = new ScriptedOdoo { Version = 18, Respond = _ => 1L };
        await using var client = new OdooClient(Options(), handler: odoo);
        await client.CallAsync("product.product", "search_count", [Array.Empty<object>()],
            new Dictionary<string, object?> { ["context"] = new Dictionary<string, object?> { ["tz"] = "Europe/Amsterdam" } },
            new OdooContext { ActiveTest = false });
        var context = (OdooRecord)odoo.Calls.Single().Kwargs["context"]!;
        Assert.Equal("Europe/Amsterdam", context["tz"]);
        Assert.Equal(false, context["active_test"]);
    }

    [Fact]
    public async Task AuthenticateAsync_CalledTwice_LogsInOnce()
    {
        var odoo = new ScriptedOdoo { Respond = _ => 1L };
        await using var client = new OdooClient(Options(), handler: odoo);
        await client.AuthenticateAsync();
        await client.AuthenticateAsync();
        await client.SearchCountAsync("product.product", OdooDomain.All);
        Assert.Equal(2, odoo.Requests); // authenticate + search_count
    }

    [Fact]
    public async Task Failures_ServerEchoingSecrets_NeverShowThemInExceptionsLogsOrTrace()
    {
        var trace = Path.GetTempFileName();
        try
        {
            var logs = new ListLogger();
            var odoo = new ScriptedOdoo { Respond = c => throw new ScriptedFault("odoo.exceptions.AccessDenied", $"bad credentials {Password} / {ApiKey}") };
            await using (var client = new OdooClient(Options() with { TracePath = trace }, logs, handler: odoo))
            {
                var e = await Assert.ThrowsAsync<OdooException>(() => client.CallAsync("product.product", "search_count", [Array.Empty<object>()]));
                Assert.True(!e.ToString().Contains("SECRET"), e.ToString());
            }
            var traced = await File.ReadAllTextAsync(trace);
            Assert.Contains("execute_kw", traced);
            Assert.Contains("***", traced);
            Assert.DoesNotContain("SECRET", traced);
            Assert.DoesNotContain("SECRET", logs.All);
        }
        finally { File.Delete(trace); }
    }

    [Fact]
    public async Task Retries_ProxyPageEchoingTheSecret_KeepItOutOfTheRetryWarnings()
    {
        var logs = new ListLogger();
        var failures = 2;
        var odoo = new ScriptedOdoo();
        odoo.Respond = _ => failures-- > 0 ? throw new ScriptedHttp(502, $"<p>upstream said: password={Password} key={ApiKey}</p>") : 1L;
        await using var client = new OdooClient(Options(), logs, handler: odoo);
        await client.SearchCountAsync("product.product", OdooDomain.All);
        Assert.Equal(2, logs.Warnings.Count(w => w.Contains("retrying")));
        Assert.DoesNotContain("SECRET", logs.All);
    }

    [Fact]
    public async Task Json2_TraceAndRequests_KeepTheApiKeyOutOfTheTrace()
    {
        var trace = Path.GetTempFileName();
        try
        {
            var odoo = new ScriptedOdoo { Version = 19, Respond = _ => 9L };
            await using (var client = new OdooClient(Options(OdooProtocol.Json2) with { TracePath = trace }, handler: odoo))
                Assert.Equal(9L, await client.SearchCountAsync("product.product", OdooDomain.All));
            var traced = await File.ReadAllTextAsync(trace);
            Assert.Contains("/json/2/product.product/search_count", traced);
            Assert.DoesNotContain("SECRET", traced);
        }
        finally { File.Delete(trace); }
    }

    [Fact]
    public async Task SearchReadPagesAsync_EachCall_IsLoggedAtDebugWithItsNumbers()
    {
        var logs = new ListLogger();
        var odoo = new ScriptedOdoo
        {
            Respond = c => c.Method == "fields_get"
                ? new Dictionary<string, object?> { ["name"] = new Dictionary<string, object?> { ["type"] = "char" } }
                : new List<object?> { new Dictionary<string, object?> { ["id"] = 1L, ["name"] = "a" } },
        };
        await using var client = new OdooClient(Options(), logs, handler: odoo);
        await foreach (var _ in client.SearchReadPagesAsync("product.product", OdooDomain.Leaf("active", "=", true), ["name"], new OdooPageOptions { PageSize = 50 })) { }
        var line = Assert.Single(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Debug && l.Text.Contains("product.product.search_read")).Text;
        Assert.Contains("domain=[[\"active\",\"=\",true]]", line);
        Assert.Contains("offset=0 limit=50", line);
        Assert.Contains("-> 1 records", line);
        Assert.Matches(@"\d+ bytes in \d+ ms", line);
    }
}
