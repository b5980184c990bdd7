// Fault injection through a real emulator: each fault kind shows up as a client sees it, the same
// seed replays the same faults, and switching the options off at run time stops them.
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo;

namespace OdooOptiply.Emulators.Tests.Hosting;

public sealed class FaultInjectorTests
{
    private static async Task<HttpResponseMessage> Version(HttpClient http, OdooEmulator odoo) =>
        await http.PostAsync(new Uri(odoo.Url, "jsonrpc"), new StringContent("""{"jsonrpc":"2.0","method":"call","params":{"service":"common","method":"version","args":[]},"id":1}"""));

    [Fact]
    public async Task InvokeAsync_TooManyRequests_Sends429WithRetryAfter()
    {
        await using var odoo = await OdooEmulator.StartAsync(new() { Seed = "empty", Faults = FaultOptions.Parse("429=1,retry-after=7") });
        using var http = new HttpClient();
        using var r = await Version(http, odoo);
        Assert.Equal(429, (int)r.StatusCode);
        Assert.Equal("7", r.Headers.RetryAfter!.ToString());
        Assert.Equal(1, odoo.Faults.Injected["429"]);
    }

    [Fact]
    public async Task InvokeAsync_Gateway_SendsA5xxHtmlPage()
    {
        await using var odoo = await OdooEmulator.StartAsync(new() { Seed = "empty", Faults = FaultOptions.Parse("5xx=1") });
        using var http = new HttpClient();
        using var r = await Version(http, odoo);
        Assert.InRange((int)r.StatusCode, 502, 504);
        Assert.StartsWith("text/html", r.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task InvokeAsync_HtmlPage_Answers200WithHtml()
    {
        await using var odoo = await OdooEmulator.StartAsync(new() { Seed = "empty", Faults = FaultOptions.Parse("html=1") });
        using var http = new HttpClient();
        using var r = await Version(http, odoo);
        Assert.Equal(200, (int)r.StatusCode);
        Assert.Contains("<html", await r.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("reset=1")]
    [InlineData("truncate=1")]
    public async Task InvokeAsync_ResetOrTruncate_FailsTheRead(string spec)
    {
        await using var odoo = await OdooEmulator.StartAsync(new() { Seed = "empty", Faults = FaultOptions.Parse(spec) });
        using var http = new HttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(async () =>
        {
            using var r = await Version(http, odoo);
            await r.Content.ReadAsStringAsync();
        });
    }

    [Fact]
    public async Task InvokeAsync_Slow_DelaysTheAnswerPastAClientTimeout()
    {
        await using var odoo = await OdooEmulator.StartAsync(new() { Seed = "empty", Faults = FaultOptions.Parse("slow=1,slow-ms=3000") });
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => Version(http, odoo));
    }

    [Fact]
    public async Task Options_SameSeed_ReplaysTheSameSequence_AndOffStopsFaults()
    {
        static async Task<string> Run(OdooEmulator odoo, HttpClient http)
        {
            var seen = new List<int>();
            for (var i = 0; i < 30; i++)
            {
                try { using var r = await Version(http, odoo); seen.Add((int)r.StatusCode); }
                catch (HttpRequestException) { seen.Add(-1); }
            }
            return string.Join(",", seen);
        }
        var spec = FaultOptions.Parse("429=0.2,5xx=0.2,seed=7");
        await using var odoo = await OdooEmulator.StartAsync(new() { Seed = "empty", Faults = spec });
        using var http = new HttpClient();
        var first = await Run(odoo, http);
        odoo.Faults.Options = spec; // resets the random source
        Assert.Equal(first, await Run(odoo, http));
        Assert.Contains("429", first);
        odoo.Faults.Options = new FaultOptions();
        Assert.DoesNotContain(",429", "," + await Run(odoo, http));
    }

    [Fact]
    public void Parse_UnknownFault_ThrowsWithTheKnownNames() =>
        Assert.Contains("known:", Assert.Throws<FormatException>(() => FaultOptions.Parse("boom=1")).Message);
}
