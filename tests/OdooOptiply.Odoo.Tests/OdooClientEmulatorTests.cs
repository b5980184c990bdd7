// The client over real HTTP against the Odoo emulator on loopback: every transport reads, pages and
// writes; every error class (bad login, access, unknown model, field error) and every transient fault
// (429 with Retry-After, 502/503/504, reset, truncated body, HTML page) ends as it should.
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Odoo.Tests.TestSupport;

namespace OdooOptiply.Odoo.Tests;

public class OdooClientEmulatorTests
{
    private static OdooOptions Options(OdooEmulator e, OdooProtocol protocol) => new()
    {
        Url = e.Url, Database = e.Database, Username = e.Username, Password = e.Password,
        ApiKey = e.Version >= 19 ? e.ApiKey : null, Protocol = protocol,
        BackoffBase = TimeSpan.FromMilliseconds(1), BackoffFactor = 1, Timeout = TimeSpan.FromSeconds(20),
    };

    public static TheoryData<OdooProtocol, int> Transports() => new()
    {
        { OdooProtocol.XmlRpc, 18 }, { OdooProtocol.JsonRpc, 18 }, { OdooProtocol.XmlRpc, 19 },
        { OdooProtocol.JsonRpc, 19 }, { OdooProtocol.Json2, 19 }, { OdooProtocol.JsonRpc, 17 },
    };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Reads_EachTransport_PageEveryProductOnceAndAgreeWithTheCount(OdooProtocol protocol, int version)
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version });
        await using var client = new OdooClient(Options(emulator, protocol));
        Assert.Equal(version, (await client.VersionAsync()).Major);
        Assert.True(await client.AuthenticateAsync() > 0);
        var archivedToo = new OdooContext { ActiveTest = false };
        var count = await client.SearchCountAsync("product.product", OdooDomain.All, archivedToo);
        var ids = new List<long>();
        await foreach (var page in client.SearchReadPagesAsync("product.product", OdooDomain.All, ["name", "default_code", "write_date", "product_tmpl_id"],
                           new OdooPageOptions { PageSize = 7 }, archivedToo))
            ids.AddRange(page.Select(r => r.Id));
        Assert.True(count > 7, $"the demo seed should have more than one page of products, has {count}");
        Assert.Equal(count, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Take(3), await client.SearchAsync("product.product", OdooDomain.All, archivedToo, limit: 3));
        var read = await client.ReadAsync("product.product", ids.Take(2).ToArray(), ["name", "product_tmpl_id"]);
        Assert.All(read, r => Assert.NotNull(r.GetRefName("product_tmpl_id")));
        Assert.True((await client.FieldsGetAsync("product.product")).Has("default_code"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Writes_EachTransport_CreateWriteUnlinkLandInTheDatabase(OdooProtocol protocol, int version)
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version });
        await using var client = new OdooClient(Options(emulator, protocol));
        var id = await client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "Supplier Ü & Co", ["is_company"] = true });
        Assert.Equal("Supplier Ü & Co", emulator.Data.Get("res.partner", id)?["name"]);
        await client.WriteAsync("res.partner", [id], new Dictionary<string, object?> { ["name"] = "Renamed" });
        Assert.Equal("Renamed", emulator.Data.Get("res.partner", id)?["name"]);
        var many = await client.CreateManyAsync("res.partner", [new Dictionary<string, object?> { ["name"] = "A" }, new Dictionary<string, object?> { ["name"] = "B" }]);
        Assert.Equal(2, many.Count);
        await client.UnlinkAsync("res.partner", [id, .. many]);
        Assert.Null(emulator.Data.Get("res.partner", id));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Errors_EachTransport_MapToTheirOutcome(OdooProtocol protocol, int version)
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version });
        await using var client = new OdooClient(Options(emulator, protocol));
        var unknown = await Assert.ThrowsAnyAsync<OdooException>(() => client.SearchCountAsync("x.no.such.model", OdooDomain.All));
        Assert.Equal(Outcome.Fatal, unknown.Outcome);
        var field = await Assert.ThrowsAsync<OdooFieldException>(() => client.CallAsync("product.product", "search_read", [Array.Empty<object>()],
            new Dictionary<string, object?> { ["fields"] = new[] { "x_does_not_exist" }, ["limit"] = 1 }));
        Assert.Equal("x_does_not_exist", field.FieldName);
        var access = await Assert.ThrowsAnyAsync<OdooException>(() => client.CallAsync("product.product", "_private_thing", protocol == OdooProtocol.Json2 ? [] : [new[] { 1L }]));
        Assert.Equal(Outcome.Fatal, access.Outcome);
        Assert.Contains("Private methods", access.ServerMessage);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Login_WrongSecret_IsFatalAndNotRetried(OdooProtocol protocol, int version)
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = version });
        var options = Options(emulator, protocol) with { Password = "wrong-SECRET", ApiKey = protocol == OdooProtocol.Json2 ? "wrong-SECRET-key" : null };
        await using var client = new OdooClient(options);
        var e = await Assert.ThrowsAnyAsync<OdooException>(() => client.SearchCountAsync("product.product", OdooDomain.All));
        Assert.Equal(Outcome.Fatal, e.Outcome);
        Assert.DoesNotContain("SECRET", e.Message);
        Assert.Equal(0, client.RetryCount);
    }

    [Theory]
    [InlineData(OdooProtocol.XmlRpc, "5xx")]
    [InlineData(OdooProtocol.JsonRpc, "reset")]
    [InlineData(OdooProtocol.Json2, "5xx")]
    [InlineData(OdooProtocol.XmlRpc, "truncate")]
    [InlineData(OdooProtocol.JsonRpc, "html")]
    [InlineData(OdooProtocol.Json2, "truncate")]
    public async Task Reads_TransientFaults_AreRetriedToTheRightAnswer(OdooProtocol protocol, string fault)
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 19 });
        await using var client = new OdooClient(Options(emulator, protocol));
        var expected = await client.SearchCountAsync("product.product", OdooDomain.All);
        emulator.Faults.Options = FaultOptions.Parse($"{fault}=0.3,seed=5");
        var ids = new List<long>();
        await foreach (var page in client.SearchReadPagesAsync("product.product", OdooDomain.All, ["name"], new OdooPageOptions { PageSize = 5 }))
            ids.AddRange(page.Select(r => r.Id));
        Assert.Equal(expected, ids.Distinct().Count());
        Assert.True(emulator.Faults.TotalInjected > 0, "no fault was injected");
        Assert.True(client.RetryCount >= emulator.Faults.TotalInjected);
    }

    [Fact]
    public async Task Reads_SlowAnswersPastTheTimeout_AreRetried()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var client = new OdooClient(Options(emulator, OdooProtocol.JsonRpc) with { Timeout = TimeSpan.FromMilliseconds(400) });
        await client.AuthenticateAsync();
        emulator.Faults.Options = FaultOptions.Parse("slow=0.5,slow-ms=3000,seed=3");
        for (var i = 0; i < 4; i++) Assert.True(await client.SearchCountAsync("product.product", OdooDomain.All) > 0);
        Assert.True(emulator.Faults.Injected.GetValueOrDefault("slow") > 0);
        Assert.True(client.RetryCount >= emulator.Faults.Injected["slow"]);
    }

    [Fact]
    public async Task Reads_429WithRetryAfter_WaitTheServersDelay()
    {
        var time = new DrivenTime();
        var logs = new ListLogger();
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var client = new OdooClient(Options(emulator, OdooProtocol.XmlRpc), logs, time);
        await client.AuthenticateAsync();
        emulator.Faults.Options = new FaultOptions { TooManyRequests = 0.5, RetryAfterSeconds = 3, Seed = 2 };
        var call = Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++) Assert.True(await client.SearchCountAsync("product.product", OdooDomain.All) > 0);
        });
        await time.DriveAsync(call);
        await call;
        Assert.True(emulator.Faults.Injected.GetValueOrDefault("429") > 0);
        Assert.Contains(logs.Warnings, w => w.Contains("in 3000 ms"));
    }

    [Fact]
    public async Task Reads_FieldThisVersionLacks_IsADebugNoticeNotAWarning()
    {
        var logs = new ListLogger();
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var client = new OdooClient(Options(emulator, OdooProtocol.JsonRpc), logs);
        await foreach (var page in client.SearchReadPagesAsync("product.product", OdooDomain.All, ["name", "x_field_of_another_version"]))
            Assert.All(page, r => Assert.NotNull(r.GetString("name")));
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Debug && l.Text.Contains("x_field_of_another_version", StringComparison.Ordinal));
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public async Task Writes_TransientFault_AreNotRepeated()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var client = new OdooClient(Options(emulator, OdooProtocol.JsonRpc));
        await client.AuthenticateAsync();
        emulator.Faults.Options = new FaultOptions { BadGateway = 1.0 };
        var e = await Assert.ThrowsAsync<OdooException>(() => client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "once" }));
        Assert.Equal(Outcome.Retriable, e.Outcome);
        Assert.Equal(1, emulator.Faults.TotalInjected);
    }

    [Fact]
    public async Task Lang_NotInstalledOn18_FailsClearly()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var client = new OdooClient(Options(emulator, OdooProtocol.XmlRpc) with { Lang = "xh_ZA" });
        var e = await Assert.ThrowsAsync<OdooException>(() => client.SearchCountAsync("product.product", OdooDomain.All));
        Assert.Contains("not installed", e.Message);
    }
}
