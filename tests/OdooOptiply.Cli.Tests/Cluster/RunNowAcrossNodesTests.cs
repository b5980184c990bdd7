// Issue 15's "an action reaches whichever node runs the tenant": two real `run --cluster` processes on one PostgreSQL,
// the board served by node A only; node B holds t002's lease (the row B's run would write: B's pid, alive, so it is
// not taken over) when "Run pull now" is pressed on A's page. The request is not lost: the firing that finds the
// tenant busy is put back into Quartz's shared store (TenantJob.RetryDelay) until the lease is free, then exactly one
// pull of t002 runs (runs table, and one "started" line over both nodes' logs) and A's board shows it ok. Nothing else
// of t002 fires during the test: its own pull and export are 11 and 15 minutes away (stable jitter, checked).
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using OdooOptiply.Cli.Hosting;
using OdooOptiply.Cli.Tests.Commands;
using OdooOptiply.Sync.State.Postgres;
using OdooOptiply.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace OdooOptiply.Cli.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed partial class RunNowAcrossNodesTests(PostgresServer server, ITestOutputHelper output)
{
    private const string Token = "run-now-board-token-7c1e";
    private const int PullSeconds = 1440; // the longest schedule a tenant file takes: t002's pull phase is 11 min after the first scan

    [Fact]
    public async Task RunNow_OnNodeA_WhileNodeBHoldsTheTenant_RunsOnceAfterwardsAndTheBoardShowsIt()
    {
        // t002's own firings come long after the test (t001's may come during it: only t002 is counted).
        Assert.True(FolderSchedule.Jitter("t002", JobKind.Pull, TimeSpan.FromSeconds(PullSeconds)) > TimeSpan.FromMinutes(10));
        Assert.True(FolderSchedule.Jitter("t002", JobKind.Export, TimeSpan.FromSeconds(1440)) > TimeSpan.FromMinutes(10)); // ClusterWorld's export interval
        await using var w = await ClusterWorld.StartAsync(await server.CreateDatabaseAsync("runnow"), 2, PullSeconds);
        // The board's token reaches node A through its own environment, and only node A serves a board.
        var a = w.StartNode("nodeA", 30, 3, "--http 127.0.0.1:0", new Dictionary<string, string> { [OdooOptiply.Web.BoardAuth.TokenVariable] = Token });
        var b = w.StartNode("nodeB", 30, 3);
        foreach (var n in w.Nodes) await n.WaitForOutputAsync(o => o.Contains("tenants: 2 scheduled", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        await a.WaitForOutputAsync(o => BoardLine().IsMatch(o), TimeSpan.FromMinutes(1));
        var board = new Uri(BoardLine().Match(a.Output + a.Errors).Groups["url"].Value);

        // Node B holds t002: its lease row, as B's own run writes it (B's pid is alive: nobody takes it over before it expires).
        await HoldLeaseAsync(w.Url, "t002", $"{b.Process.Id}@{Environment.MachineName}/b0b0b0 (daemon pull)", TimeSpan.FromSeconds(8));

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = board };
        var login = await http.GetStringAsync("login");
        var sent = await http.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [CsrfName(login)] = CsrfValue(login), ["who"] = "support-anna", ["token"] = Token, ["returnUrl"] = "/",
        }));
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, $"login answered {(int)sent.StatusCode}: {await sent.Content.ReadAsStringAsync()}\n{w.Logs()}");
        var page = await http.GetStringAsync("tenants/t002");
        var asked = await http.PostAsync("tenants/t002/run/pull", new FormUrlEncodedContent(new Dictionary<string, string> { [CsrfName(page)] = CsrfValue(page) }));
        Assert.True(asked.StatusCode == HttpStatusCode.Redirect, $"run now answered {(int)asked.StatusCode}: {await asked.Content.ReadAsStringAsync()}");

        // It waits for B's lease (some node logs the retry), then runs once.
        await ClusterWorld.UntilAsync(() => Task.FromResult((a.Output + a.Errors + b.Output + b.Errors).Contains("t002 pull: run now asked by support-anna waits", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(1), () => "no node saw t002 busy\n" + w.Logs());
        await ClusterWorld.UntilAsync(async () => (await w.RunsAsync()).Count(r => r.Tenant == "t002") == 1, TimeSpan.FromMinutes(2), () => "t002 never ran\n" + w.Logs());
        await ClusterWorld.UntilAsync(async () => (await http.GetStringAsync("tenants/t002")).Contains("data-flow=\"products\" data-state=\"ok\"", StringComparison.Ordinal),
            TimeSpan.FromMinutes(1), () => "A's board does not show t002's pull done\n" + w.Logs());
        var run = (await w.RunsAsync()).Single(r => r.Tenant == "t002");
        Assert.NotEqual($"{b.Process.Id}@{Environment.MachineName}/b0b0b0 (daemon pull)", run.Holder);
        // Exactly once: one pull started over both nodes, and no firing left in the store to run it again.
        await ClusterWorld.UntilAsync(async () => !await RetriesLeftAsync(w.Url), TimeSpan.FromMinutes(1), () => "a run-now firing stayed in the store\n" + w.Logs());
        Assert.Single(StartedLine().Matches(a.Output + a.Errors + b.Output + b.Errors));
        Assert.Single(await w.RunsAsync(), r => r.Tenant == "t002");
        var by = run.Pid == a.Process.Id ? "A" : run.Pid == b.Process.Id ? "B" : "?";
        output.WriteLine($"run now pressed on node A while B held t002: ran once, on node {by} ({run.Holder}), {run.StartedAt:HH:mm:ss.fff}–{run.FinishedAt:HH:mm:ss.fff}");
        Assert.Contains("run pull now", await http.GetStringAsync("tenants/t002"), StringComparison.Ordinal);
    }

    private static async Task HoldLeaseAsync(string url, string tenant, string holder, TimeSpan ttl)
    {
        await using var db = new NpgsqlConnection(PostgresStateUrl.ToConnectionString(url) + ";Pooling=false");
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO leases (tenant, job, holder, acquired_at, expires_at, epoch) VALUES (@t, 'run', @h, now(), now() + @ttl, nextval('lease_epochs'))
            ON CONFLICT (tenant, job) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at, epoch = excluded.epoch
            """, db);
        cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("h", holder);
        cmd.Parameters.AddWithValue("ttl", ttl);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>True while a one-shot firing (a run-now or its retry) of t002's pull is still in Quartz's store.</summary>
    private static async Task<bool> RetriesLeftAsync(string url)
    {
        await using var db = new NpgsqlConnection(PostgresStateUrl.ToConnectionString(url) + ";Pooling=false");
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM qrtz_triggers WHERE job_group = 't002' AND job_name = 'pull' AND trigger_name <> 'pull'", db);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
    }

    private static string CsrfName(string html) => Csrf().Match(html).Groups["name"].Value;
    private static string CsrfValue(string html) => WebUtility.HtmlDecode(Csrf().Match(html).Groups["value"].Value);

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex Csrf();

    [GeneratedRegex(@"sync board at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex BoardLine();

    [GeneratedRegex(@"t002 pull: started, lease epoch")]
    private static partial Regex StartedLine();
}
