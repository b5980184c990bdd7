// OAuth2 password grant (reference §2): client id/secret as HTTP Basic, grant_type, username and
// password in the form body. The token is cached until shortly before expires_in; a 401 on an API call
// invalidates it (OptiplyDoor then asks once more). The refresh grant is not used: current
// Optiply clients simply repeat the password grant.
// A refusal (400/401/403) is remembered for RefusalHold: every caller gets the same exception without a new
// request, so a wrong password costs one token request, not one per record. A token request that gets no
// token within TokenBudget (never answers, keeps failing) fails; both are marked Authentication (fatal for a run).
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Optiply;

internal sealed class OptiplyTokenSource(OptiplyOptions options, OptiplyDoor connection, OptiplyRedactor redactor, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;
    private OptiplyException? _refused;
    private DateTimeOffset _refusedUntil;

    /// <summary>How long a refused token request is answered from memory before Optiply is asked again.</summary>
    public static readonly TimeSpan RefusalHold = TimeSpan.FromMinutes(5);

    public int TokensFetched { get; private set; }

    public async Task<string> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_refused is not null && time.GetUtcNow() < _refusedUntil) throw _refused;
            if (_token is null || time.GetUtcNow() >= _renewAt) await FetchBoundedAsync(ct);
            return _token!;
        }
        finally { _gate.Release(); }
    }

    /// <summary>Forgets <paramref name="token"/> if it is still the cached one (another caller may have renewed it already).</summary>
    public void Invalidate(string token)
    {
        _gate.Wait();
        try { if (_token == token) _token = null; }
        finally { _gate.Release(); }
    }

    private async Task FetchBoundedAsync(CancellationToken ct)
    {
        using var budget = new CancellationTokenSource(options.TokenBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try { await FetchAsync(linked.Token); }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new OptiplyException(0, Outcome.Fatal,
                $"Optiply's token endpoint {options.TokenUrl.GetLeftPart(UriPartial.Path)} gave no token within {options.TokenBudget.TotalSeconds:0.#} s: check optiply.token_url and the network",
                "POST", options.TokenUrl.AbsolutePath) { Authentication = true };
        }
        catch (OptiplyException e) when (!e.Authentication)
        {
            throw new OptiplyException(e.Status, Outcome.Fatal, $"Optiply token request: {e.Message}", e.Method, e.Path, e.ServerMessage, e) { Authentication = true };
        }
    }

    private async Task FetchAsync(CancellationToken ct)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
        redactor.Add(basic);
        HttpRequestMessage Build() => new(HttpMethod.Post, options.TokenUrl)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
            Content = new FormUrlEncodedContent([
                new("grant_type", "password"), new("username", options.Username), new("password", options.Password)]),
        };
        var trace = $"grant_type=password&username={OptiplyRedactor.Mask}&password={OptiplyRedactor.Mask}";
        var reply = await connection.ExchangeAsync("POST", options.TokenUrl.AbsolutePath, Build, retrySafe: true, trace,
            maskResponse: MaskTokens, ct: ct);
        if (reply.Status != 200)
        {
            var e = OptiplyErrors.FromResponse(reply.Status, reply.Body, "POST", options.TokenUrl.AbsolutePath, redactor);
            var refused = new OptiplyException(reply.Status, reply.Status is 400 or 401 or 403 ? Outcome.Fatal : e.Outcome,
                $"Optiply token request failed ({reply.Status}): check client id/secret and username/password. {e.ServerMessage}".TrimEnd(),
                "POST", options.TokenUrl.AbsolutePath, e.ServerMessage) { Authentication = true };
            if (reply.Status is 400 or 401 or 403)
            {
                _refused = refused;
                _refusedUntil = time.GetUtcNow() + RefusalHold;
            }
            throw refused;
        }
        Accept(reply.Body);
    }

    // The trace runs before the new token is known to the redactor, so the token response is masked by shape.
    private static string MaskTokens(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject o) return body;
            foreach (var key in new[] { "access_token", "refresh_token", "id_token" })
                if (o.ContainsKey(key)) o[key] = OptiplyRedactor.Mask;
            return o.ToJsonString();
        }
        catch (JsonException) { return body; }
    }

    private void Accept(string body)
    {
        JsonObject? doc = null;
        try { doc = JsonNode.Parse(body) as JsonObject; } catch (JsonException) { }
        var token = (doc?["access_token"] is JsonValue at && at.GetValueKind() == System.Text.Json.JsonValueKind.String ? at.GetValue<string>() : null)
            ?? throw new OptiplyException(200, Outcome.Fatal, "Optiply's token endpoint answered without an access_token");
        redactor.Add(token);
        redactor.Add(doc?["refresh_token"]?.GetValue<string>());
        var lifetime = doc?["expires_in"] is JsonValue v && v.TryGetValue<long>(out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.FromHours(1);
        var margin = TimeSpan.FromTicks(Math.Min(OptiplyConstants.TokenRefreshMargin.Ticks, lifetime.Ticks / 2));
        _token = token;
        _refused = null;
        _renewAt = time.GetUtcNow() + lifetime - margin;
        TokensFetched++;
    }
}
