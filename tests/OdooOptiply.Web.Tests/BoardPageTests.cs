// The sync board in a real browser against the real daemon (emulators on loopback): a failing tenant shows
// as failing with its reason, a late one as late, run-now starts a real run that then shows as done, an
// action without login (or without its antiforgery token) is refused, pause persists in the store and
// stops scheduled firings, and no page ever contains a secret. Screenshots go to docs/screenshots/.
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OdooOptiply.Cli.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OdooOptiply.Web.Tests;

[Collection(BoardCollection.Name)]
public sealed class BoardPageTests : IAsyncLifetime
{
    private BoardWorld _world = null!;
    private Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _world = await BoardWorld.StartAsync();
        _browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Board_FailingTenant_ShowsFailingWithItsReason()
    {
        var page = await _browser.PageAsync(_world.Board);
        await page.GotoAsync("/");
        var row = page.Locator("tr[data-tenant=brokenco]");
        await Expect(row).ToHaveAttributeAsync("data-state", "failing");
        await Expect(row.Locator("td").First).ToContainTextAsync(BoardWorld.BrokenReason);
        await Expect(row.Locator("td[data-flow=suppliers]")).ToHaveAttributeAsync("data-state", "failing");
        await Expect(row.Locator("td[data-flow=products]")).ToHaveAttributeAsync("data-state", "ok");
        await Expect(page.Locator("tr[data-tenant=acme] td[data-flow=products]")).ToHaveAttributeAsync("data-state", "waiting");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("board.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "failing", Exact = true }).ClickAsync();
        await Expect(page.Locator("tr[data-tenant]")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-tenant=brokenco]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Board_LateTenant_ShowsLate()
    {
        var page = await _browser.PageAsync(_world.Board);
        await page.GotoAsync("/?filter=late");
        await Expect(page.Locator("tr[data-tenant]")).ToHaveCountAsync(1);
        var row = page.Locator("tr[data-tenant=slowco]");
        await Expect(row).ToHaveAttributeAsync("data-state", "late");
        await Expect(row.Locator("td[data-flow=products]")).ToHaveAttributeAsync("data-state", "late");
        // Its export (hourly) succeeded 50 minutes ago: on time.
        await Expect(row.Locator("td[data-flow=buyOrders]")).ToContainTextAsync("no successful run since");
        await Expect(row.Locator("td[data-flow=products]")).ToContainTextAsync("read 120 · written 6 · rejected 0");
    }

    [Fact]
    public async Task Board_UpdatesItselfWithoutAReload()
    {
        var page = await _browser.PageAsync(_world.Board);
        await page.GotoAsync("/");
        var row = page.Locator("tr[data-tenant=slowco]");
        await Expect(row).ToHaveAttributeAsync("data-state", "late");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        // A pull of slowco succeeds (written to its store as a run would): the open page turns it ok by itself.
        var store = await _world.Host.Services.GetRequiredService<ITenantWork>().StoreAsync("slowco", default);
        await store.SaveRunAsync(BoardWorld.Pull("slowco", _world.Clock.GetUtcNow().UtcDateTime, ok: true));
        await Expect(row).ToHaveAttributeAsync("data-state", "ok");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
    }

    [Fact]
    public async Task RunNow_StartsARealRunThatThenShowsDone_WithWhoAsked()
    {
        var page = await _browser.PageAsync(_world.Board);
        await Browser.LoginAsync(page, "ops-anna", BoardWorld.Token);
        await page.GotoAsync("/tenants/acme");
        await Expect(page.Locator("tr.run")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run pull now" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("run pull now: asked by ops-anna");
        // The page updates itself (polling): the run appears, done, without a reload.
        await Expect(page.Locator("tr.run[data-result=done]")).ToHaveCountAsync(1, new() { Timeout = 90_000 });
        await Expect(page.Locator("tr.action")).ToContainTextAsync("run pull now — asked by ops-anna");
        await Expect(page.Locator("#flows tr[data-flow=products]")).ToHaveAttributeAsync("data-state", "ok");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("tenant.png"), FullPage = true });

        var runs = await _world.RunsAsync("acme");
        var run = Assert.Single(runs);
        Assert.True(run.Succeeded, run.Reason);
        Assert.NotEqual(0, _world.Optiply.Store.Count("products"));
        var products = run.Streams.Single(s => s.Stream == "products");
        await Expect(page.Locator("#flows tr[data-flow=products]")).ToContainTextAsync(products.Read.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Actions_WithoutLoginOrAntiforgeryToken_AreRefused()
    {
        var page = await _browser.PageAsync(_world.Board);
        await page.GotoAsync("/tenants/acme");
        await Expect(page.Locator("#actions")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).ToContainTextAsync("Log in to run a job now");
        var anonymous = await page.APIRequest.PostAsync("/tenants/acme/pause");
        Assert.Equal((int)HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Contains("log in first", await anonymous.TextAsync(), StringComparison.Ordinal);

        // Signed in, but a forged form without the antiforgery token (what another site would post): refused too.
        await Browser.LoginAsync(page, "ops-ben", BoardWorld.Token);
        var forged = await page.APIRequest.PostAsync("/tenants/acme/run/pull", new() { Form = page.APIRequest.CreateFormData().Set("x", "1") });
        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);
        Assert.Null(await _world.ValueAsync("acme", ScheduleKeys.Paused));
        Assert.Empty(await _world.RunsAsync("acme"));

        var wrong = await _browser.PageAsync(_world.Board);
        await wrong.GotoAsync("/login");
        await wrong.GetByLabel("your name").FillAsync("mallory");
        await wrong.GetByLabel("board token").FillAsync("guess");
        await wrong.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(wrong.Locator("#error")).ToContainTextAsync("wrong token");
    }

    [Fact]
    public async Task Pause_PersistsInTheStore_SkipsScheduledRuns_AndResumes()
    {
        var page = await _browser.PageAsync(_world.Board);
        await Browser.LoginAsync(page, "ops-carla", BoardWorld.Token);
        await page.GotoAsync("/tenants/slowco");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Locator("#live")).ToContainTextAsync("paused by ops-carla");
        Assert.StartsWith("ops-carla at ", await _world.ValueAsync("slowco", ScheduleKeys.Paused), StringComparison.Ordinal);
        await page.GotoAsync("/");
        await Expect(page.Locator("tr[data-tenant=slowco]")).ToHaveAttributeAsync("data-state", "paused");

        // Its scheduled pull comes due (and no other tenant's firing): skipped because paused, and it says so; nothing runs.
        _world.Clock.Advance(TimeSpan.FromMinutes(BoardWorld.SlowcoPullDueInMinutes + 1));
        await BoardWorld.Until(() => Task.FromResult(_world.Log.Any(l => l.Contains("slowco pull: skipped, paused by ops-carla", StringComparison.Ordinal))), "the skipped firing");
        Assert.Equal(2, (await _world.RunsAsync("slowco")).Count);

        await page.GotoAsync("/tenants/slowco");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.Locator("#actions")).ToContainTextAsync("Pause");
        Assert.Null(await _world.ValueAsync("slowco", ScheduleKeys.Paused));
        await Expect(page.Locator("tr.action")).ToHaveCountAsync(2);
        await Expect(page.Locator("tr.action").First).ToContainTextAsync("resume — asked by ops-carla");
    }

    [Fact]
    public async Task EveryPage_NeverContainsASecret()
    {
        var page = await _browser.PageAsync(_world.Board);
        await Browser.LoginAsync(page, "ops-dan", BoardWorld.Token);
        var pages = new List<string>();
        foreach (var path in new[] { "/", "/?filter=failing", "/board/live", "/tenants/acme", "/tenants/slowco", "/tenants/brokenco", "/tenants/acme/live", "/login", "/metrics", "/healthz", "/readyz" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
            pages.Add(path + "\n" + await page.ContentAsync());
        }
        foreach (var secret in _world.Secrets)
            foreach (var content in pages)
                Assert.False(content.Contains(secret, StringComparison.Ordinal), $"a secret is on {content.Split('\n')[0]}");
        // The flags are there (so the check above looked at real pages).
        Assert.Contains(pages, p => p.Contains("MapSellOrdersPos", StringComparison.Ordinal));
    }
}
