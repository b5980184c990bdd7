// The calls that are not model.method — version, login, and the auto protocol probe — go through the
// same door as any call: counted in CallCount and logged (issue 12).
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Odoo.Tests.TestSupport;

namespace OdooOptiply.Odoo.Tests;

public class OdooClientSessionCallsTests
{
    private static OdooOptions Options(OdooEmulator e, OdooProtocol protocol) => new()
    {
        Url = e.Url, Database = e.Database, Username = e.Username, Password = e.Password, Protocol = protocol,
        BackoffBase = TimeSpan.FromMilliseconds(1), BackoffFactor = 1, Timeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task AutoProbeAndLogin_AreCountedAndLogged_LikeAnyCall()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        var logs = new ListLogger();
        await using var client = new OdooClient(Options(emulator, OdooProtocol.Auto), logs);
        await client.SearchCountAsync("res.partner", OdooDomain.All);
        // probe (version) + authenticate + search_count
        Assert.Equal(3, client.CallCount);
        Assert.Contains(logs.Lines, l => l.Text.Contains("odoo version -> ok"));
        Assert.Contains(logs.Lines, l => l.Text.Contains("odoo authenticate -> ok"));
        Assert.DoesNotContain(emulator.Password, logs.All);
    }

    [Fact]
    public async Task VersionAndAuthenticate_CalledDirectly_AreCountedOnce()
    {
        await using var emulator = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Version = 18 });
        await using var client = new OdooClient(Options(emulator, OdooProtocol.XmlRpc));
        await client.VersionAsync();
        await client.VersionAsync(); // cached: no second call
        Assert.Equal(1, client.CallCount);
        await client.AuthenticateAsync();
        await client.AuthenticateAsync();
        Assert.Equal(2, client.CallCount);
    }
}
