// An Optiply impostor on the kit's hostile server: a working token endpoint (a preamble, not counted, unless
// a test replaces it) and every API call answered with the hostile bytes a test scripts; plus the "fails
// clearly" check every hostile Optiply test makes.
using Microsoft.AspNetCore.Http;
using OdooOptiply.TestKit;

namespace OdooOptiply.Optiply.Tests.Hostile;

internal sealed class HostileOptiply(HostileServer server) : IAsyncDisposable
{
    public const string Secret = "hostile-client-secret-4711";
    public const string Password = "hostile-password-0815";
    public const string Token = "hostile-bearer-token-1234";

    /// <summary>API requests (token requests excluded) that reached the hostile handler.</summary>
    public int Hits => server.Hits;
    public Uri Url => server.Url;

    public static async Task<HostileOptiply> StartAsync(Func<HttpContext, Task> hostile, Func<HttpContext, Task>? token = null) =>
        new(await HostileServer.StartAsync(hostile, async c =>
        {
            if (c.Request.Path != "/oauth/token") return false;
            await (token ?? (x => Send(x, 200, "application/json", $$"""{"access_token":"{{Token}}","token_type":"bearer","expires_in":3600}""")))(c);
            return true;
        }));

    public OptiplyClient Client(Func<OptiplyOptions, OptiplyOptions>? change = null) => new((change ?? (o => o))(new OptiplyOptions
    {
        BaseUrl = new Uri(Url, "v1"), TokenUrl = new Uri(Url, "oauth/token"),
        ClientId = "hostile-shop", ClientSecret = Secret, Username = "api_hostile", Password = Password,
        AccountId = 1, CouplingId = 2, RequestsPerSecond = 0, MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(3),
    }));

    public static Task Send(HttpContext c, int status, string contentType, string body) => HostileServer.Send(c, status, contentType, body);

    /// <summary>Fails clearly: an OptiplyException naming the problem, bounded attempts and time, no secret in it.</summary>
    public async Task<OptiplyException> FailsClearlyAsync(Func<Task> call, string expected, int maxAttempts = 4)
    {
        // "Not hung": a hang bound (a TimeoutException fails the throws check), 5x the worst case of 3 attempts of 3 s.
        var e = await Assert.ThrowsAnyAsync<OptiplyException>(() => call().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(Hits, 0, maxAttempts);
        foreach (var secret in new[] { Secret, Password, Token }) Assert.DoesNotContain(secret, e.ToString());
        return e;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
