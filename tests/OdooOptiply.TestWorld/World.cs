// One tenant's test world: the Odoo and Optiply emulators on loopback (WorldOptions), a temp folder with the
// tenant's state (SQLite file, or the PostgreSQL URL), the TenantConfig the engine takes and the tenant file the
// CLI reads (WriteConfigFile), and sessions (Connect: real clients over HTTP, the state store, the ports). What
// SyncHarness, FaultWorld, ExportHarness, TenantFiles, CrashWorld, BoardWorld and the Singer harnesses are built on.
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync.Config;

namespace OdooOptiply.TestWorld;

public sealed class World : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private OptiplyEmulator? _optiply;

    private World(WorldOptions options, string dir) => (Options, Dir) = (options, dir);

    public WorldOptions Options { get; }
    /// <summary>The world's temp folder (state file, tenant files); deleted on dispose.</summary>
    public string Dir { get; }
    public OdooEmulator Odoo { get; private set; } = null!;
    public OptiplyEmulator Optiply => _optiply ?? throw new InvalidOperationException("this world has no Optiply (WorldOptions.WithOptiply)");
    public TimeProvider Clock => Options.Clock ?? TimeProvider.System;
    public string StatePath => Path.Combine(Dir, "state.db");
    /// <summary>The tenant as the engine takes it; tests may replace it (other flags, another page size).</summary>
    public TenantConfig Config { get; set; } = null!;

    public static async Task<World> StartAsync(WorldOptions? options = null)
    {
        var o = options ?? new WorldOptions();
        var w = new World(o, Directory.CreateTempSubdirectory(o.FolderPrefix).FullName);
        try
        {
            w.Odoo = await OdooEmulator.StartAsync(o.Odoo with
            {
                Version = o.Version, Seed = o.Seed, Clock = o.OdooClock ?? o.Clock ?? o.Odoo.Clock, Faults = o.OdooFaults ?? o.Odoo.Faults,
            });
            if (o.WithOptiply)
                w._optiply = await OptiplyEmulator.StartAsync(o.Optiply with { Clock = o.OptiplyClock ?? o.Optiply.Clock, Faults = o.OptiplyFaults ?? o.Optiply.Faults });
            w.Config = w.TenantConfig();
            return w;
        }
        catch
        {
            await w.DisposeAsync();
            throw;
        }
    }

    /// <summary>The tenant's config over this world's emulators (an Odoo-only world gets a placeholder Optiply section).</summary>
    public TenantConfig TenantConfig(string? tenant = null, string? statePath = null)
    {
        var json2 = Options.Protocol == "json2";
        var optiply = _optiply is { } p
            ? new OptiplyConnection(p.ClientId, p.ClientSecret, p.Username, p.Password, p.AccountId, p.CouplingId, p.BaseUrl, p.TokenUrl, Options.OptiplyRequestsPerSecond)
            : new OptiplyConnection("none", "none", "none", "none", null, null, new Uri("http://127.0.0.1:9/v1/"), new Uri("http://127.0.0.1:9/token"));
        return new TenantConfig(tenant ?? Options.Tenant,
            new OdooConnection(Odoo.Url, Odoo.Database, Odoo.Username, json2 ? null : Odoo.Password, json2 ? Odoo.ApiKey : null, Options.Protocol, Options.OdooPageSize),
            optiply,
            (Options.Flags ?? (f => f))(new SyncFlags()),
            new RunSettings { StatePath = statePath ?? StatePath, State = Options.StateUrl, StartDate = Options.StartDate });
    }

    /// <summary>The tenant file the CLI reads (test secrets only), with <paramref name="extra"/> keys set on top; returns its path.</summary>
    public string WriteConfigFile(JsonObject? extra = null, string file = "tenant.json", string? tenant = null, string? statePath = null, string? protocol = null)
    {
        var path = Path.Combine(Dir, file);
        File.WriteAllText(path, ConfigJson(extra, tenant, statePath, protocol).ToJsonString());
        return path;
    }

    /// <summary>The tenant file's JSON: odoo and optiply sections over this world's emulators, start_date, and state_path or state.</summary>
    /// <param name="protocol">this file's Odoo protocol (json2: the API key instead of the password); default WorldOptions.Protocol</param>
    public JsonObject ConfigJson(JsonObject? extra = null, string? tenant = null, string? statePath = null, string? protocol = null)
    {
        var json2 = (protocol ?? Options.Protocol) == "json2";
        var odoo = new JsonObject { ["url"] = Odoo.Url.ToString(), ["db"] = Odoo.Database, ["username"] = Odoo.Username, ["protocol"] = protocol ?? Options.Protocol };
        if (json2) odoo["api_key"] = Odoo.ApiKey;
        else odoo["password"] = Odoo.Password;
        var config = new JsonObject { ["tenant"] = tenant ?? Options.Tenant, ["odoo"] = odoo };
        if (_optiply is { } p)
            config["optiply"] = new JsonObject
            {
                ["client_id"] = p.ClientId, ["client_secret"] = p.ClientSecret, ["username"] = p.Username, ["password"] = p.Password,
                ["account_id"] = p.AccountId, ["coupling_id"] = p.CouplingId, ["requests_per_second"] = Options.OptiplyRequestsPerSecond,
                ["base_url"] = p.BaseUrl.ToString(), ["token_url"] = p.TokenUrl.ToString(),
            };
        config["start_date"] = Options.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (Options.StateUrl is not null) config["state"] = Options.StateUrl;
        else config["state_path"] = statePath ?? StatePath;
        foreach (var (k, v) in extra ?? []) config[k] = v?.DeepClone();
        return config;
    }

    /// <summary>Real clients over HTTP, the state store and the ports for this world's tenant (disposed with the world).</summary>
    public async Task<WorldSession> ConnectAsync(SessionOptions? options = null)
    {
        var s = await WorldSession.OpenAsync(this, options ?? new SessionOptions());
        _owned.Add(s);
        return s;
    }

    /// <summary>Faults of both emulators from now on (null: none); Optiply's seed is offset so the two do not fail in step.</summary>
    public void SetFaults(FaultOptions? faults)
    {
        Odoo.Faults.Options = faults ?? new FaultOptions();
        if (_optiply is { } p) p.Faults.Options = faults is null ? new FaultOptions() : faults with { Seed = faults.Seed + 1000 };
    }

    public int FaultsInjected => Odoo.Faults.TotalInjected + (_optiply?.Faults.TotalInjected ?? 0);

    /// <summary>The SQLite state file is lost (deleted with its -wal/-shm): no connection may hold it open.</summary>
    public void DeleteStateFiles(string? statePath = null)
    {
        SqliteConnection.ClearAllPools();
        var path = statePath ?? StatePath;
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*")) File.Delete(f);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        if (Odoo is not null) await Odoo.DisposeAsync();
        if (_optiply is not null) await _optiply.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
