// Checklist 1–2: the token endpoint in its three accepted forms plus refresh, and the bearer check.
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Emulators.Tests.Optiply;

public class OptiplyAuthTests
{
    private static HttpRequestMessage TokenRequest(OptiplyEmulator e, string query, IEnumerable<KeyValuePair<string, string>> form, bool basic = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(e.TokenUrl + query)) { Content = new FormUrlEncodedContent(form) };
        if (basic) request.Headers.Authorization = OptiplyRaw.Basic(e.ClientId, e.ClientSecret);
        return request;
    }

    [Fact]
    public async Task Token_BasicAuthAndFormGrant_ReturnsAllFiveFields()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var e = raw.Emulator;
        var (status, body) = await raw.SendRawAsync(TokenRequest(e, "", [new("grant_type", "password"), new("username", e.Username), new("password", e.Password)]));
        Assert.Equal(200, status);
        foreach (var field in new[] { "access_token", "token_type", "refresh_token", "expires_in", "scope" }) Assert.NotNull(body![field]);
        Assert.Equal("bearer", body!["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
    }

    [Fact]
    public async Task Token_GrantTypeInQueryString_IsAccepted()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var e = raw.Emulator;
        var (status, _) = await raw.SendRawAsync(TokenRequest(e, "?grant_type=password", [new("username", e.Username), new("password", e.Password)]));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Token_ClientCredentialsRepeatedInForm_IsAccepted()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var e = raw.Emulator;
        var (status, _) = await raw.SendRawAsync(TokenRequest(e, "", [new("grant_type", "password"), new("username", e.Username),
            new("password", e.Password), new("client_id", e.ClientId), new("client_secret", e.ClientSecret)]));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Token_RefreshGrant_IssuesNewTokenOnceperRefreshToken()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var e = raw.Emulator;
        var (_, first) = await raw.SendRawAsync(TokenRequest(e, "", [new("grant_type", "password"), new("username", e.Username), new("password", e.Password)]));
        var refresh = first!["refresh_token"]!.GetValue<string>();
        var (status, second) = await raw.SendRawAsync(TokenRequest(e, $"?grant_type=refresh_token&refresh_token={refresh}", []));
        Assert.Equal(200, status);
        Assert.NotEqual(first["access_token"]!.GetValue<string>(), second!["access_token"]!.GetValue<string>());
        var (again, _) = await raw.SendRawAsync(TokenRequest(e, $"?grant_type=refresh_token&refresh_token={refresh}", []));
        Assert.Equal(400, again);
    }

    [Fact]
    public async Task Token_WrongClientSecret_Is401WithSpringMessage()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var e = raw.Emulator;
        var request = TokenRequest(e, "", [new("grant_type", "password"), new("username", e.Username), new("password", e.Password)], basic: false);
        request.Headers.Authorization = OptiplyRaw.Basic(e.ClientId, "wrong");
        var (status, body) = await raw.SendRawAsync(request);
        Assert.Equal(401, status);
        Assert.Contains("UserDetailsService returned null", body!["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_WrongPassword_Is400InvalidGrant()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var e = raw.Emulator;
        var (status, body) = await raw.SendRawAsync(TokenRequest(e, "", [new("grant_type", "password"), new("username", e.Username), new("password", "nope")]));
        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_WithoutBearer_Is401()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(raw.Emulator.BaseUrl, "products"));
        var (status, body) = await raw.SendRawAsync(request);
        Assert.Equal(401, status);
        Assert.Equal("unauthorized", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_UnknownBearer_Is401InvalidToken()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(raw.Emulator.BaseUrl, "products"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "made-up");
        var (status, body) = await raw.SendRawAsync(request);
        Assert.Equal(401, status);
        Assert.Equal("invalid_token", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_TokenPastExpiresIn_Is401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { Clock = clock, TokenLifetime = TimeSpan.FromMinutes(5) });
        Assert.Equal(200, (await raw.GetAsync("products")).Status);
        clock.Advance(TimeSpan.FromMinutes(5));
        var (status, body) = await raw.GetAsync("products");
        Assert.Equal(401, status);
        Assert.Contains("expired", body!["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpireTokens_NextCall_Is401()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        Assert.Equal(200, (await raw.GetAsync("products")).Status);
        raw.Emulator.ExpireTokens();
        Assert.Equal(401, (await raw.GetAsync("products")).Status);
    }
}
