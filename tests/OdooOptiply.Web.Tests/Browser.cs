// A real headless Chromium (Debian's /usr/bin/chromium, installed by .ci/run) driven by Playwright for
// .NET: no browser download. Each test gets a fresh context (no cookies) and page.
using Microsoft.Playwright;

namespace OdooOptiply.Web.Tests;

public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;
    public IBrowser Instance { get; private set; } = null!;

    public static async Task<Browser> LaunchAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does)");
        var b = new Browser { _playwright = await Playwright.CreateAsync() };
        b.Instance = await b._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        Assertions.SetDefaultExpectTimeout(30_000);
        return b;
    }

    public async Task<IPage> PageAsync(Uri baseUrl)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the login form as <paramref name="who"/>.</summary>
    public static async Task LoginAsync(IPage page, string who, string token)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("your name").FillAsync(who);
        await page.GetByLabel("board token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.Locator("nav")).ToContainTextAsync($"signed in as {who}");
    }

    /// <summary>Where the tests save their screenshots: docs/screenshots/ of the repository (committed, linked from the README).</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "OdooOptiply.slnx"))) dir = Path.GetDirectoryName(dir);
        var target = Path.Combine(dir ?? Path.GetTempPath(), "docs", "screenshots");
        Directory.CreateDirectory(target);
        return Path.Combine(target, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
