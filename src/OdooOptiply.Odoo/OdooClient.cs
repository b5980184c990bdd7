// The Odoo client: one door (InvokeAsync) through which every call passes — it picks the transport,
// logs in once, adds the context, retries, times and logs the call, and maps failures with the
// secrets removed. The ORM operations (OdooClient.Orm.cs) and paging (OdooClient.Paging.cs) sit on it.
using System.Collections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Odoo;

public sealed partial class OdooClient : IAsyncDisposable
{
    private readonly OdooOptions _options;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly OdooHttp _http;
    private readonly OdooTrace? _trace;
    private readonly SecretRedactor _redactor;
    private readonly OdooRetry _retry;
    private readonly SemaphoreSlim _setup = new(1, 1);
    private IOdooTransport? _transport;
    private OdooServerVersion? _version;
    private long? _uid;

    public OdooClient(OdooOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Odoo options: " + string.Join("; ", problems));
        _options = options;
        _log = (loggers ?? NullLoggerFactory.Instance).CreateLogger("OdooOptiply.Odoo");
        _time = time ?? TimeProvider.System;
        _redactor = SecretRedactor.For(options);
        _trace = options.TracePath is null ? null : new OdooTrace(options.TracePath, _redactor, _time);
        _http = new OdooHttp(options, handler, _trace, _time);
        _retry = new OdooRetry(options, _time, _log, _redactor);
        if (options.InsecureSkipTlsVerify)
            _log.LogWarning("odoo: TLS certificate verification is OFF for {Host} (insecure_skip_tls_verify); anyone on the path can read and change this traffic", options.Url.Host);
    }

    public OdooOptions Options => _options;

    /// <summary>The request header that names the run a request belongs to (for the server's logs and the emulators' traffic).</summary>
    public const string RunHeader = "X-Odoo-Optiply-Run";

    /// <summary>Sent as <see cref="RunHeader"/> on every request while set: the daemon sets it for each run (tenant/job/lease epoch)
    /// and clears it after, so Odoo's logs (and the emulator's traffic) can tell which run sent what. Null: no header.</summary>
    public string? RunLabel { get => _http.RunLabel; set => _http.RunLabel = value; }

    /// <summary>Asked right before every request while set: false stops the request with a Fatal failure (the daemon's lease
    /// gate: a process frozen past its lease must not talk to the servers once another node may run the tenant).</summary>
    public Func<bool>? RequestGate { get => _http.RequestGate; set => _http.RequestGate = value; }

    /// <summary>The protocol in use: the configured one, or what Auto picked once the client has connected.</summary>
    public OdooProtocol ResolvedProtocol => _transport?.Protocol ?? _options.Protocol;

    /// <summary>Calls made through the door, retries made, and answer bytes read (benchmark, tests).</summary>
    public long CallCount => Interlocked.Read(ref _calls);
    public long RetryCount => _retry.Retries;
    public long BytesRead => Interlocked.Read(ref _bytes);
    private long _calls, _bytes;

    public async Task<OdooServerVersion> VersionAsync(CancellationToken ct = default)
    {
        if (_version is not null) return _version;
        var transport = await TransportAsync(ct);
        return _version ??= await SessionCallAsync("version", transport.VersionAsync, ct);
    }

    /// <summary>The server's clock now, as the Date header of a fresh answer says (a common.version call, one small
    /// request): what bookmarks are taken from, so a wrong local clock cannot move them (issue 10.10). Null when the
    /// server sends no Date header. The header is whole seconds, rounded down: the answer is never later than the truth.</summary>
    public async Task<DateTime?> ServerTimeAsync(CancellationToken ct = default)
    {
        var transport = await TransportAsync(ct);
        await SessionCallAsync("version", transport.VersionAsync, ct);
        return _http.LastServerDate?.UtcDateTime;
    }

    /// <summary>Logs in once per client instance and returns the uid.</summary>
    public async Task<long> AuthenticateAsync(CancellationToken ct = default)
    {
        if (_uid is long known) return known;
        var transport = await TransportAsync(ct);
        await _setup.WaitAsync(ct);
        try
        {
            _uid ??= await SessionCallAsync("authenticate", transport.AuthenticateAsync, ct);
            _log.LogDebug("odoo authenticated as uid {Uid} over {Protocol}", _uid, transport.Protocol);
            return _uid.Value;
        }
        finally { _setup.Release(); }
    }

    /// <summary>Any method with args and kwargs; writes are repeated after a failure only when retrySafe.</summary>
    public Task<object?> CallAsync(string model, string method, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?>? kwargs = null,
        OdooContext? context = null, bool retrySafe = false, CancellationToken ct = default) =>
        InvokeAsync(model, method, args, kwargs, context, retrySafe || IsRead(method), null, ct);

    // The door. `page` only feeds the debug log (offset/limit).
    private async Task<object?> InvokeAsync(string model, string method, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?>? kwargs,
        OdooContext? context, bool retrySafe, (long Offset, long? Limit)? page, CancellationToken ct, bool skipLangCheck = false)
    {
        var transport = await TransportAsync(ct);
        var uid = await AuthenticateAsync(ct);
        var named = new Dictionary<string, object?>(kwargs ?? new Dictionary<string, object?>());
        var wireContext = await WireContextAsync(context, skipLangCheck, ct);
        // A context given in kwargs (CLI `call`, CallAsync) is kept; the OdooContext's keys are added to it.
        if (named.GetValueOrDefault("context") is IReadOnlyDictionary<string, object?> given)
            foreach (var (k, v) in given) wireContext.TryAdd(k, v);
        if (wireContext.Count > 0) named["context"] = wireContext;
        var call = new OdooCall(model, method, args, named);
        var started = _time.GetTimestamp();
        var reply = await GuardAsync(model, method, () => _retry.ExecuteAsync($"{model}.{method}", retrySafe, token => transport.ExecuteAsync(call, uid, token), ct));
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _bytes, reply.Bytes);
        if (_log.IsEnabled(LogLevel.Debug))
            _log.LogDebug("odoo {Model}.{Method} domain={Domain} offset={Offset} limit={Limit} -> {Count} records, {Bytes} bytes in {Ms} ms",
                model, method, _redactor.Redact(DomainOf(method, args)), page?.Offset, page?.Limit, reply.Value is IList list ? list.Count : 1, reply.Bytes,
                (long)_time.GetElapsedTime(started).TotalMilliseconds);
        return reply.Value;
    }

    // The door's other half, for the calls that are not model.method (version, login, the auto probe): the same
    // retry policy and error mapping, counted in CallCount and logged like any call.
    private async Task<T> SessionCallAsync<T>(string method, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var value = await GuardAsync(null, method, () => _retry.ExecuteAsync(method, true, call, ct));
        Interlocked.Increment(ref _calls);
        if (_log.IsEnabled(LogLevel.Debug))
            _log.LogDebug("odoo {Method} -> ok in {Ms} ms", method, (long)_time.GetElapsedTime(started).TotalMilliseconds);
        return value;
    }

    // Tags failures with the call and takes secrets out of them, whatever the protocol.
    private async Task<T> GuardAsync<T>(string? model, string method, Func<Task<T>> call)
    {
        try { return await call(); }
        catch (OdooException e)
        {
            var tagged = _redactor.Redact(e.WithCall(model ?? e.Model, e.Method ?? method));
            _log.LogDebug("odoo {Model}.{Method} failed: {Message}", model, method, tagged.Message);
            throw tagged;
        }
    }

    private async Task<IOdooTransport> TransportAsync(CancellationToken ct)
    {
        if (_transport is not null) return _transport;
        await _setup.WaitAsync(ct);
        try { return _transport ??= await ResolveTransportAsync(ct); }
        finally { _setup.Release(); }
    }

    // Auto: ask the version over JSON-RPC (or /web/version where /jsonrpc is gone), then JSON-2 when a key is set on 19+.
    private async Task<IOdooTransport> ResolveTransportAsync(CancellationToken ct)
    {
        switch (_options.Protocol)
        {
            case OdooProtocol.XmlRpc: return new XmlRpcTransport(_options, _http);
            case OdooProtocol.JsonRpc: return new JsonRpcTransport(_options, _http);
            case OdooProtocol.Json2: return new Json2Transport(_options, _http);
        }
        var jsonRpc = new JsonRpcTransport(_options, _http);
        var json2 = new Json2Transport(_options, _http);
        try { _version = await SessionCallAsync("version", jsonRpc.VersionAsync, ct); }
        catch (OdooException e) when (e.HttpStatus == 404 && !string.IsNullOrEmpty(_options.ApiKey))
        {
            _version = await SessionCallAsync("version", json2.VersionAsync, ct);
        }
        var useJson2 = !string.IsNullOrEmpty(_options.ApiKey) && _version.Major >= 19;
        _log.LogInformation("odoo protocol auto: using {Protocol} (server {Version}, {Key})", useJson2 ? "json2" : "jsonrpc", _version.ServerVersion,
            string.IsNullOrEmpty(_options.ApiKey) ? "no API key" : "API key set");
        return useJson2 ? json2 : jsonRpc;
    }

    private static readonly HashSet<string> ReadMethods =
        ["search_read", "search", "search_count", "read", "fields_get", "name_search", "read_group", "context_get", "default_get",
         "check_access_rights", "has_access", "get_views", "web_search_read", "web_read", "name_get"];

    /// <summary>Methods that change nothing, so repeating them after a failure is always safe.</summary>
    public static bool IsRead(string method) => ReadMethods.Contains(method);

    private static string DomainOf(string method, IReadOnlyList<object?> args) =>
        method.StartsWith("search", StringComparison.Ordinal) && args.Count > 0 ? OdooJson.Serialize(args[0]) : "";

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _trace?.Dispose();
        _setup.Dispose();
        return ValueTask.CompletedTask;
    }
}
