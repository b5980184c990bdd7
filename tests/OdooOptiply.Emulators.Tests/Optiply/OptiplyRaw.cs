// Test plumbing for the Optiply emulator: a started emulator and a bare HttpClient that speaks its
// wire format by hand (the emulator tests must not depend on the Optiply client they exist to test).
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Emulators.Tests.Optiply;

internal sealed class OptiplyRaw : IAsyncDisposable
{
    public const string JsonApi = "application/vnd.api+json";
    private readonly HttpClient _http = new();
    private string? _token;

    private OptiplyRaw(OptiplyEmulator emulator) => Emulator = emulator;

    public OptiplyEmulator Emulator { get; }

    public static async Task<OptiplyRaw> StartAsync(OptiplyEmulatorOptions? options = null) =>
        new(await OptiplyEmulator.StartAsync(options ?? new OptiplyEmulatorOptions()));

    public async Task<string> TokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.TokenUrl)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "password"), new("username", Emulator.Username), new("password", Emulator.Password)]),
        };
        request.Headers.Authorization = Basic(Emulator.ClientId, Emulator.ClientSecret);
        var (status, body) = await SendRawAsync(request);
        Assert.Equal(200, status);
        return _token = body!["access_token"]!.GetValue<string>();
    }

    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    /// <summary>An authenticated call to /v1/{pathAndQuery} with the JSON:API content type.</summary>
    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body = null, string? contentType = JsonApi)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(method, new Uri(Emulator.BaseUrl, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (contentType is not null)
        {
            request.Content = new StringContent(body?.ToJsonString() ?? "", Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        return await SendRawAsync(request);
    }

    public Task<(int Status, JsonNode? Body)> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery);

    public Task<(int Status, JsonNode? Body)> PostAsync(string type, JsonObject attributes, string query = "") =>
        SendAsync(HttpMethod.Post, type + query, new JsonObject { ["data"] = new JsonObject { ["type"] = type, ["attributes"] = attributes } });

    public Task<(int Status, JsonNode? Body)> PatchAsync(string type, string id, JsonObject attributes, string query = "") =>
        SendAsync(HttpMethod.Patch, $"{type}/{id}{query}", new JsonObject { ["data"] = new JsonObject { ["type"] = type, ["id"] = id, ["attributes"] = attributes } });

    /// <summary>POSTs and asserts 201; returns the new id.</summary>
    public async Task<string> CreateAsync(string type, JsonObject attributes, string query = "")
    {
        var (status, body) = await PostAsync(type, attributes, query);
        Assert.True(status == 201, $"POST {type} answered {status}: {body?.ToJsonString()}");
        return body!["data"]!["id"]!.GetValue<string>();
    }

    public async Task<(int Status, JsonNode? Body)> SendRawAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (System.Text.Json.JsonException) { }
        return ((int)response.StatusCode, json);
    }

    /// <summary>The first error's detail of a Crnk-shaped error body.</summary>
    public static string Detail(JsonNode? body) => body?["errors"]?[0]?["detail"]?.GetValue<string>() ?? "";

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Emulator.DisposeAsync();
    }
}
