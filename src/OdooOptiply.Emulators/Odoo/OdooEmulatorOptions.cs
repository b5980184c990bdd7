// How to start an Odoo emulator: version profile, seed data set, port, transient faults, database name, clock.
using OdooOptiply.Emulators.Hosting;

namespace OdooOptiply.Emulators.Odoo;

public sealed record OdooEmulatorOptions
{
    /// <summary>16, 17, 18 or 19: decides fields, renames, error texts and whether JSON-2 exists.</summary>
    public int Version { get; init; } = 18;
    /// <summary>"demo", "empty" or "large:N" (N products with proportional data).</summary>
    public string Seed { get; init; } = "demo";
    public int Port { get; init; }
    public FaultOptions? Faults { get; init; }
    public string Database { get; init; } = "optiply_demo";
    /// <summary>Stamps write_date/create_date; a FakeTimeProvider lets tests control them.</summary>
    public TimeProvider? Clock { get; init; }
    /// <summary>Address to bind; loopback unless set explicitly.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";
    /// <summary>The user's API key (accepted as the RPC password too); OdooEmulator.TestApiKey unless a test needs another,
    /// e.g. one with quotes and ampersands to prove every wire encoding of it is redacted.</summary>
    public string ApiKey { get; init; } = OdooEmulator.TestApiKey;
}
