// An emulator of Optiply's public API (reference optiply-api.md, checklist §8) on 127.0.0.1: the token
// endpoint and /v1 resources, with state tests can inspect and seed, fault injection and counters.
// Started in-process by tests and the demo, and by `odoo-optiply emulate optiply`.
using OdooOptiply.Emulators.Hosting;

namespace OdooOptiply.Emulators.Optiply;

public sealed class OptiplyEmulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;
    private readonly OptiplyAuth _auth;

    private OptiplyEmulator(EmulatorHost host, OptiplyEmulatorOptions options, OptiplyStore store, OptiplyAuth auth,
        OptiplyTraffic traffic, FaultInjector faults)
    {
        _host = host;
        _auth = auth;
        Options = options;
        Store = store;
        Traffic = traffic;
        Faults = faults;
    }

    public static async Task<OptiplyEmulator> StartAsync(OptiplyEmulatorOptions? options = null, CancellationToken ct = default)
    {
        var o = options ?? new OptiplyEmulatorOptions();
        var clock = o.Clock ?? TimeProvider.System;
        var store = new OptiplyStore(clock, o.AccountId, o.CouplingId, o.AccountName);
        var auth = new OptiplyAuth(o, clock);
        // Arrival times are measured on the real clock: rate limits are about real requests, even when tests fake the data clock.
        var traffic = new OptiplyTraffic(TimeProvider.System) { StrictRequestsPerSecond = o.StrictRequestsPerSecond };
        var faults = new FaultInjector(o.Faults);
        var lies = new OptiplyLies();
        var endpoints = new OptiplyEndpoints(o, store, auth, traffic, faults, lies);
        var runs = new RunTraffic(TimeProvider.System);
        var host = await EmulatorHost.StartAsync(endpoints.Map, o.Port, faults, logLevel: o.LogLevel, ct: ct, runs: runs);
        return new OptiplyEmulator(host, o, store, auth, traffic, faults) { Lies = lies, Runs = runs };
    }

    public OptiplyEmulatorOptions Options { get; }
    /// <summary>Switches for answers that lie (a create that lands but answers 500).</summary>
    public OptiplyLies Lies { get; private init; } = new();
    /// <summary>The server root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url => _host.Url;
    /// <summary>The API base, e.g. http://127.0.0.1:41234/v1/.</summary>
    public Uri BaseUrl => new(_host.Url, "v1/");
    public Uri TokenUrl => new(_host.Url, "api/auth/oauth/token");
    public string ClientId => Options.ClientId;
    public string ClientSecret => Options.ClientSecret;
    public string Username => Options.Username;
    public string Password => Options.Password;
    public long AccountId => Options.AccountId;
    public long CouplingId => Options.CouplingId;

    public OptiplyStore Store { get; }
    public FaultInjector Faults { get; }
    public OptiplyTraffic Traffic { get; }
    /// <summary>Every request by the odoo-optiply run that sent it (its run header), on the machine's clock.</summary>
    public RunTraffic Runs { get; private init; } = new(TimeProvider.System);

    /// <summary>POST, PATCH and DELETE requests served on /v1 (all resources, any outcome).</summary>
    public int WriteCount => Traffic.WriteCount;
    public int PostCount => Traffic.PostCount;
    public int PatchCount => Traffic.PatchCount;
    public int DeleteCount => Traffic.DeleteCount;
    public int GetCount => Traffic.GetCount;
    /// <summary>Every request that reached the emulator past fault injection (token endpoint included).</summary>
    public int RequestCount => Traffic.RequestCount;
    public int TokensIssued => _auth.TokensIssued;
    /// <summary>Every access and refresh token issued so far.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _auth.Issued;

    /// <summary>The expires_in of tokens issued from now on.</summary>
    public TimeSpan TokenLifetime { get => _auth.Lifetime; set => _auth.Lifetime = value; }

    /// <summary>Expires every token issued so far: the next API call answers 401.</summary>
    public void ExpireTokens() => _auth.ExpireAll();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
