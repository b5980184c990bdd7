// Odoo 19's JSON-2 API: POST /json/2/<model>/<method> with "Authorization: bearer <API key>" and
// X-Odoo-Database; named arguments only, errors as HTTP statuses with a JSON {name, message} body.
using System.Text.Json;

namespace OdooOptiply.Odoo.Transport;

internal sealed class Json2Transport(OdooOptions options, OdooHttp http) : IOdooTransport
{
    public OdooProtocol Protocol => OdooProtocol.Json2;

    private IReadOnlyDictionary<string, string> Headers => new Dictionary<string, string>
    {
        ["Authorization"] = $"bearer {options.ApiKey}",
        ["X-Odoo-Database"] = options.Database,
    };

    public async Task<OdooServerVersion> VersionAsync(CancellationToken ct)
    {
        var reply = await http.SendAsync(HttpMethod.Get, "web/version", null, "application/json", null, ReadAsync, ct);
        return OdooServerVersion.FromWebVersion(reply.Value as OdooRecord ?? throw JsonBody.Invalid("/web/version did not return an object"));
    }

    /// <summary>JSON-2 has no login: the key is checked on every call; context_get tells whose key it is.</summary>
    public async Task<long> AuthenticateAsync(CancellationToken ct)
    {
        var reply = await ExecuteAsync(new OdooCall("res.users", "context_get", []), 0, ct);
        return (reply.Value as OdooRecord)?.GetLong("uid") is long uid and > 0
            ? uid : throw new OdooException(Outcome.Fatal, "res.users/context_get returned no uid") { InvalidResponse = true };
    }

    public Task<OdooReply> ExecuteAsync(OdooCall call, long uid, CancellationToken ct)
    {
        var named = Json2Arguments.Name(call);
        var body = JsonBody.Write(w => OdooJson.Write(w, named));
        var path = $"json/2/{Uri.EscapeDataString(call.Model)}/{Uri.EscapeDataString(call.Method)}";
        return http.SendAsync(HttpMethod.Post, path, body, "application/json", Headers, ReadAsync, ct);
    }

    private async Task<object?> ReadAsync(HttpResponseMessage response, Stream body, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var isJson = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (status != 200 && !isJson) throw await http.HttpFailureAsync(response, body, ct);
        using var doc = await JsonBody.ParseAsync(body, ct);
        if (status == 200) return JsonBody.ToValue(doc.RootElement);
        var root = doc.RootElement;
        string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var message = Text("message") ?? $"HTTP {status}";
        var failure = new OdooErrors.Failure(message, null, Text("name"), status);
        // Not Odoo's {name, message} shape: an answer we cannot read, retried at most twice like any invalid answer.
        if (Text("message") is null && OdooErrors.Classify(failure) == Outcome.Retriable)
            throw new OdooException(Outcome.Retriable, $"HTTP {status} with an error body that is not Odoo's: {OdooErrors.Trim(root.GetRawText())}")
                { HttpStatus = status, InvalidResponse = true, RetryAfter = http.RetryAfter(response) };
        throw OdooErrors.ToException(failure, http.RetryAfter(response));
    }
}

/// <summary>
/// JSON-2 binds arguments by name only. The ORM methods the client uses have their positional
/// parameters named here; any other method must be called with kwargs (and ids as the first arg).
/// </summary>
internal static class Json2Arguments
{
    // Methods whose first positional argument is the record ids (record methods), then named parameters.
    private static readonly Dictionary<string, string[]> RecordMethods = new()
    {
        ["read"] = ["fields", "load"],
        ["write"] = ["vals"],
        ["unlink"] = [],
    };

    // @api.model methods: positional parameters by name.
    private static readonly Dictionary<string, string[]> ModelMethods = new()
    {
        ["search_read"] = ["domain", "fields", "offset", "limit", "order"],
        ["search"] = ["domain", "offset", "limit", "order"],
        ["search_count"] = ["domain", "limit"],
        ["fields_get"] = ["allfields", "attributes"],
        ["create"] = ["vals_list"],
        ["name_search"] = ["name", "domain", "operator", "limit"],
        ["default_get"] = ["fields_list"],
        ["context_get"] = [],
    };

    public static Dictionary<string, object?> Name(OdooCall call)
    {
        var named = new Dictionary<string, object?>();
        var args = call.Args;
        string[] names;
        if (RecordMethods.TryGetValue(call.Method, out var recordNames))
        {
            if (args.Count > 0)
            {
                named["ids"] = args[0];
                args = args.Skip(1).ToList();
            }
            else if (call.Kwargs?.ContainsKey("ids") != true)
                throw new ArgumentException($"{call.Model}.{call.Method} needs the record ids (first argument or kwargs 'ids')");
            names = recordNames;
        }
        else if (ModelMethods.TryGetValue(call.Method, out var modelNames)) names = modelNames;
        else
        {
            // Any other method (button_confirm, action_post, …): only the ids may be positional.
            if (args.Count > 1 || (args.Count == 1 && !IsIdList(args[0])))
                throw new ArgumentException($"JSON-2 takes named arguments only: call {call.Model}.{call.Method} with the record ids as the only positional argument and everything else in kwargs");
            if (args.Count == 1) named["ids"] = args[0];
            args = [];
            names = [];
        }
        if (args.Count > names.Length)
            throw new ArgumentException($"{call.Model}.{call.Method} takes at most {names.Length} positional arguments over JSON-2 ({string.Join(", ", names)}); pass the rest in kwargs");
        for (var i = 0; i < args.Count; i++) named[names[i]] = args[i];
        foreach (var (k, v) in call.Kwargs ?? new Dictionary<string, object?>())
        {
            if (named.ContainsKey(k)) throw new ArgumentException($"{call.Model}.{call.Method}: '{k}' given both positionally and in kwargs");
            named[k] = v;
        }
        return named;
    }

    private static bool IsIdList(object? value) =>
        value is System.Collections.IEnumerable list and not string && list.Cast<object?>().All(x => x is int or long);
}
