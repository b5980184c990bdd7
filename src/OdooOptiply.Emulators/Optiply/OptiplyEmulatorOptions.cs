// How an Optiply emulator is started: port, credentials it accepts, the account and coupling it
// represents, its clock, faults, and the optional strict behaviours tests switch on.
using Microsoft.Extensions.Logging;
using OdooOptiply.Emulators.Hosting;

namespace OdooOptiply.Emulators.Optiply;

public sealed record OptiplyEmulatorOptions
{
    /// <summary>0 = any free port on 127.0.0.1.</summary>
    public int Port { get; init; }
    public FaultOptions? Faults { get; init; }
    /// <summary>Stamps createdAt/updatedAt and decides token expiry; tests pass a FakeTimeProvider.</summary>
    public TimeProvider? Clock { get; init; }

    public string ClientId { get; init; } = "test-shop";
    public string ClientSecret { get; init; } = "emulator-client-secret";
    public string Username { get; init; } = "api_imports_test-shop_1";
    public string Password { get; init; } = "emulator-password";
    public long AccountId { get; init; } = 1;
    public string AccountName { get; init; } = "Demo shop";
    /// <summary>The coupling the emulated integration is; used for remoteIdMap when a write names none.</summary>
    public long CouplingId { get; init; } = 4711;

    public TimeSpan TokenLifetime { get; init; } = OptiplyGuesses.TokenLifetime;
    /// <summary>Answer 415 to a /v1 request without Content-Type: application/vnd.api+json (see OptiplyGuesses).</summary>
    public bool RequireContentType { get; init; } = true;
    /// <summary>When set, more requests than this within any second are answered 429 with Retry-After: 1.</summary>
    public double? StrictRequestsPerSecond { get; init; }
    /// <summary>When set, a list request with page[limit] above this answers 504 (slow large pages, reference §4).</summary>
    public int? GatewayTimeoutAbovePageLimit { get; init; }
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;
}
