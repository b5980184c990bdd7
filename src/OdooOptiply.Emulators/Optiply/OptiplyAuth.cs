// The emulated OAuth2 token endpoint and bearer check (reference §2, checklist 1–2). The token endpoint
// accepts the three forms seen in real clients: Basic client auth + form grant; grant_type in the query
// with username/password in the form; client_id/client_secret repeated in the form. Refresh grant too.
// Spring-style error bodies {"error","error_description"} (texts in OptiplyGuesses).
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OdooOptiply.Emulators.Optiply;

internal sealed class OptiplyAuth(OptiplyEmulatorOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _access = new();
    private readonly ConcurrentDictionary<string, bool> _refresh = new();

    private readonly ConcurrentQueue<string> _issued = new();

    public int TokensIssued;

    /// <summary>Every access and refresh token handed out (tests check that none leaks into a client's logs).</summary>
    public IReadOnlyCollection<string> Issued => _issued.ToArray();

    public TimeSpan Lifetime { get; set; } = options.TokenLifetime;

    /// <summary>Makes every issued access token expired now (a server restart, a revocation).</summary>
    public void ExpireAll()
    {
        foreach (var key in _access.Keys) _access[key] = DateTimeOffset.MinValue;
    }

    public async Task TokenAsync(HttpContext http)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        string? Param(string name) => form?[name].FirstOrDefault() ?? http.Request.Query[name].FirstOrDefault();
        var (clientId, clientSecret) = BasicCredentials(http.Request) ?? (Param("client_id"), Param("client_secret"));
        if (clientId != options.ClientId || clientSecret != options.ClientSecret)
        {
            await Error(http, 401, "unauthorized", OptiplyGuesses.BadClientDescription);
            return;
        }
        switch (Param("grant_type"))
        {
            case "password" when Param("username") == options.Username && Param("password") == options.Password:
                await Issue(http);
                return;
            case "password":
                await Error(http, 400, "invalid_grant", OptiplyGuesses.BadUserDescription);
                return;
            case "refresh_token" when Param("refresh_token") is { } rt && _refresh.TryRemove(rt, out _):
                await Issue(http);
                return;
            case "refresh_token":
                await Error(http, 400, "invalid_grant", "Invalid refresh token");
                return;
            default:
                await Error(http, 400, "unsupported_grant_type", $"Unsupported grant type: {Param("grant_type")}");
                return;
        }
    }

    private static (string?, string?)? BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
            return pair.Length == 2 ? (pair[0], pair[1]) : null;
        }
        catch (FormatException) { return null; }
    }

    private Task Issue(HttpContext http)
    {
        var access = Guid.NewGuid().ToString();
        var refresh = Guid.NewGuid().ToString();
        _access[access] = clock.GetUtcNow() + Lifetime;
        _refresh[refresh] = true;
        _issued.Enqueue(access);
        _issued.Enqueue(refresh);
        Interlocked.Increment(ref TokensIssued);
        http.Response.ContentType = "application/json;charset=UTF-8";
        return http.Response.WriteAsync(new JsonObject
        {
            ["access_token"] = access, ["token_type"] = OptiplyGuesses.TokenType, ["refresh_token"] = refresh,
            ["expires_in"] = (long)Lifetime.TotalSeconds, ["scope"] = OptiplyGuesses.Scope,
        }.ToJsonString());
    }

    /// <summary>Checks the bearer token; writes the 401 and returns false when it is missing, unknown or expired.</summary>
    public async Task<bool> CheckBearerAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await Error(http, 401, "unauthorized", OptiplyGuesses.MissingTokenDescription);
            return false;
        }
        var token = header[7..].Trim();
        if (!_access.TryGetValue(token, out var expires))
        {
            await Error(http, 401, "invalid_token", OptiplyGuesses.InvalidTokenDescription(token));
            return false;
        }
        if (expires <= clock.GetUtcNow())
        {
            await Error(http, 401, "invalid_token", OptiplyGuesses.ExpiredTokenDescription(token));
            return false;
        }
        return true;
    }

    private static Task Error(HttpContext http, int status, string error, string description)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json;charset=UTF-8";
        if (status == 401) http.Response.Headers.WWWAuthenticate = $"Bearer error=\"{error}\", error_description=\"{description}\"";
        return http.Response.WriteAsync(new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString());
    }
}
