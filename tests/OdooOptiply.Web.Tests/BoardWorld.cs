// A daemon with its board for the web tests: both emulators on loopback (a TestWorld World), three tenants and the real daemon
// (DaemonHost: Quartz, real TenantWork, real SQLite stores) on a FakeTimeProvider, serving the board on a
// free loopback port. "acme" talks to the emulators (its runs are real); "slowco" last succeeded 50
// minutes ago (late); "brokenco" failed its last two pulls (failing). Past runs are written into the
// stores before the daemon starts, as earlier daemon runs would have; each tenant's last firing is set a
// minute ago (slowco's pull 29 minutes ago: it comes due first) so nothing fires until a test asks or
// advances time.
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Streams;
using OdooOptiply.TestWorld;
using OdooOptiply.Web;

namespace OdooOptiply.Web.Tests;

public sealed class BoardWorld : IAsyncDisposable
{
    public const string Token = "board-token-S3CRET-7f3a";
    /// <summary>slowco's scheduled pull comes due this many (fake) minutes after start; every other firing 14 minutes or more later.</summary>
    public const int SlowcoPullDueInMinutes = 1;
    public const string BrokenReason = "suppliers: Optiply rejected supplier 17 (odoo res.partner 17): 422 name must not be empty";
    /// <summary>Every secret the tenants' configs hold: none may appear on any page.</summary>
    public IReadOnlyList<string> Secrets => [Token, OdooEmulator.TestApiKey, Optiply.ClientSecret, Optiply.Password, "slowco-odoo-pw-S3CRET", "slowco-optiply-S3CRET", "brokenco-odoo-pw-S3CRET", "brokenco-optiply-S3CRET"];

    private World _world = null!;
    private string _dir => _world.Dir;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public OdooEmulator Odoo => _world.Odoo;
    public OptiplyEmulator Optiply => _world.Optiply;
    public IHost Host { get; private set; } = null!;
    public Uri Board { get; private set; } = null!;
    private readonly ListLogger _logger = new();
    /// <summary>What the daemon logged at information level and above, as text.</summary>
    public IEnumerable<string> Log => _logger.Lines.Where(l => l.Level >= LogLevel.Information).Select(l => l.Text);
    public string StatePath(string tenant) => Path.Combine(_dir, tenant + ".db");

    /// <param name="prepare">runs after the stores are seeded and before the daemon starts (corrupt a file, say)</param>
    /// <param name="quiet">true: every tenant's last firing is a minute ago, so nothing runs at start</param>
    public static async Task<BoardWorld> StartAsync(bool quiet = true, Action<BoardWorld>? prepare = null)
    {
        var w = new BoardWorld();
        w._world = await World.StartAsync(new WorldOptions
        {
            Tenant = "acme", FolderPrefix = "board-",
            Optiply = new OptiplyEmulatorOptions { StrictRequestsPerSecond = null, ClientSecret = "acme-optiply-client-S3CRET", Password = "acme-optiply-pass-S3CRET" },
        });
        var tenants = new List<TenantConfig>
        {
            await w.TenantAsync("acme", w.Odoo.Url, null, w.Optiply.ClientSecret, w.Optiply.Password, apiKey: OdooEmulator.TestApiKey),
            await w.TenantAsync("slowco", new Uri("http://127.0.0.1:9/"), "slowco-odoo-pw-S3CRET", "slowco-optiply-S3CRET", "slowco-optiply-S3CRET", exportMinutes: 60),
            await w.TenantAsync("brokenco", new Uri("http://127.0.0.1:9/"), "brokenco-odoo-pw-S3CRET", "brokenco-optiply-S3CRET", "brokenco-optiply-S3CRET"),
        };
        var now = w.Clock.GetUtcNow().UtcDateTime;
        await using (var s = await SqliteStateStore.OpenAsync(w.StatePath("slowco"), "slowco"))
        {
            await s.SaveRunAsync(Pull("slowco", now.AddMinutes(-50), ok: true));
            await s.SaveRunAsync(Export("slowco", now.AddMinutes(-50)));
        }
        await using (var s = await SqliteStateStore.OpenAsync(w.StatePath("brokenco"), "brokenco"))
        {
            await s.SaveRunAsync(Pull("brokenco", now.AddMinutes(-65), ok: true));
            await s.SaveRunAsync(Pull("brokenco", now.AddMinutes(-35), ok: false));
            await s.SaveRunAsync(Pull("brokenco", now.AddMinutes(-5), ok: false));
            await s.SaveRunAsync(Export("brokenco", now.AddMinutes(-5)));
        }
        if (quiet)
            foreach (var t in tenants)
            {
                await using var s = await SqliteStateStore.OpenAsync(w.StatePath(t.Name), t.Name);
                foreach (var kind in new[] { JobKind.Pull, JobKind.Export })
                    await s.SetValueAsync(ScheduleKeys.Last(kind), ScheduleKeys.Format(w.Clock.GetUtcNow().AddMinutes(
                        t.Name == "slowco" && kind == JobKind.Pull ? -(30 - SlowcoPullDueInMinutes) : -1)));
            }
        prepare?.Invoke(w);
        w.Host = DaemonHost.Build(tenants, new DaemonOptions(), w.Clock, logging: l => l.AddProvider(w._logger).SetMinimumLevel(LogLevel.Information),
            board: new BoardOptions("127.0.0.1:0", Token));
        await w.Host.StartAsync();
        w.Board = w.Host.Services.GetRequiredService<BoardServer>().Address!;
        // Quartz's hosted service starts the scheduler once the host has started: wait for it, so "ready" is a fact, not a race.
        var scheduler = await w.Host.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        await Until(async () => await scheduler.GetStatus() == Quartz.SchedulerStatus.Running, "the scheduler to run");
        return w;
    }

    private async Task<TenantConfig> TenantAsync(string name, Uri odoo, string? password, string clientSecret, string optiplyPassword, string? apiKey = null, int exportMinutes = 15)
    {
        // The world's tenant file, with this tenant's Odoo address and secrets (slowco and brokenco reach nothing) and schedule.
        var config = _world.ConfigJson(new JsonObject { ["schedule"] = new JsonObject { ["pull_minutes"] = 30, ["export_minutes"] = exportMinutes } },
            tenant: name, statePath: StatePath(name));
        var odooSection = config["odoo"]!.AsObject();
        odooSection["url"] = odoo.ToString();
        odooSection.Remove("password");
        if (password is not null) odooSection["password"] = password;
        if (apiKey is not null) odooSection["api_key"] = apiKey;
        config["optiply"]!["client_secret"] = clientSecret;
        config["optiply"]!["password"] = optiplyPassword;
        var path = Path.Combine(_dir, name + ".json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        return TenantConfigLoader.Load(path).GetOrThrow();
    }

    /// <summary>A pull as the engine reports it: every stream ok, or (failed) suppliers rejected by Optiply and the streams after it not run.</summary>
    internal static RunReport Pull(string tenant, DateTime at, bool ok)
    {
        var streams = new List<StreamReport>();
        var failedAt = ok ? int.MaxValue : StreamNames.All.ToList().IndexOf(StreamNames.Suppliers);
        for (var i = 0; i < StreamNames.All.Count; i++)
        {
            var name = StreamNames.All[i];
            streams.Add(i < failedAt
                ? new StreamReport(name, StreamStatus.Ok, 120, 3, 2, 1, 114, 0, 0, TimeSpan.FromSeconds(4), new Dictionary<string, long>(), [])
                : i == failedAt
                    ? new StreamReport(name, StreamStatus.Failed, 30, 0, 0, 0, 29, 0, 1, TimeSpan.FromSeconds(2), new Dictionary<string, long>(), [BrokenReason[(name.Length + 2)..]])
                    : StreamReport.NotRun(name, "not run: suppliers failed"));
        }
        return new RunReport(tenant, at, at.AddSeconds(42), false, streams);
    }

    private static RunReport Export(string tenant, DateTime at) => new(tenant, at, at.AddSeconds(3), false,
        [new StreamReport(StreamNames.ExportBuyOrders, StreamStatus.Ok, 2, 1, 0, 0, 1, 0, 0, TimeSpan.FromSeconds(3), new Dictionary<string, long>(), [])]);

    /// <summary>Until <paramref name="condition"/> holds (the kit's look-again wait); <paramref name="seconds"/> is only a hang bound.</summary>
    public static Task Until(Func<Task<bool>> condition, string what, int seconds = 60) =>
        Eventually.TrueAsync(condition, what, TimeSpan.FromSeconds(seconds));

    public async Task<IReadOnlyList<RunReport>> RunsAsync(string tenant) =>
        await (await Host.Services.GetRequiredService<ITenantWork>().StoreAsync(tenant, default)).GetRecentRunsAsync(50);

    public async Task<string?> ValueAsync(string tenant, string key) =>
        await Host.Services.GetRequiredService<ITenantWork>().GetValueAsync(tenant, key, default);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await ((IAsyncDisposable)Host).DisposeAsync();
        await _world.DisposeAsync();
    }
}
