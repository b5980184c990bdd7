// What a test world is made of, as one options record: which emulators (version, seed, protocol, faults), the
// clocks they stamp dates with, where the tenant's state lives (a SQLite file in the world's folder, or a
// postgresql:// URL), the flags, and the tenant's name. World.StartAsync builds it; every harness is a thin layer on it.
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.TestWorld;

public sealed record WorldOptions
{
    public string Tenant { get; init; } = "test";
    public int Version { get; init; } = 18;
    public string Seed { get; init; } = "demo";
    /// <summary>xmlrpc | jsonrpc | json2 (json2 logs in with the API key instead of the password).</summary>
    public string Protocol { get; init; } = "xmlrpc";
    /// <summary>The clock the engine reads (signposts); also the emulators' unless <see cref="OdooClock"/> / <see cref="OptiplyClock"/> say otherwise.</summary>
    public TimeProvider? Clock { get; init; }
    /// <summary>The Odoo server's own clock when it differs from the engine's (write_date, Date header).</summary>
    public TimeProvider? OdooClock { get; init; }
    /// <summary>The Optiply emulator's clock; null: the system clock (SyncHarness) — set it to the world clock when dates must agree.</summary>
    public TimeProvider? OptiplyClock { get; init; }
    /// <summary>Faults injected by the Odoo emulator from the start (switchable later through World.SetFaults).</summary>
    public FaultOptions? OdooFaults { get; init; }
    public FaultOptions? OptiplyFaults { get; init; }
    /// <summary>Start the Optiply emulator too (false: an Odoo-only world, the Singer tap and target).</summary>
    public bool WithOptiply { get; init; } = true;
    /// <summary>Anything else of the Optiply emulator (secrets, strict rate); its clock and faults come from the fields above.</summary>
    public OptiplyEmulatorOptions Optiply { get; init; } = new() { StrictRequestsPerSecond = null };
    /// <summary>Anything else of the Odoo emulator; version, seed, clock and faults come from the fields above.</summary>
    public OdooEmulatorOptions Odoo { get; init; } = new();
    /// <summary>A postgresql:// URL for the tenant's state; null: the SQLite file World.StatePath.</summary>
    public string? StateUrl { get; init; }
    public Func<SyncFlags, SyncFlags>? Flags { get; init; }
    public int OdooPageSize { get; init; } = 50;
    /// <summary>The Optiply rate the config file declares (requests_per_second) and in-process clients use.</summary>
    public int OptiplyRequestsPerSecond { get; init; } = 1000;
    public DateTime StartDate { get; init; } = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    /// <summary>The temp folder's name prefix (what a leftover folder is recognised by).</summary>
    public string FolderPrefix { get; init; } = "world-";
}
