// The one door every Optiply request passes (token requests included): rate limit (in the handler),
// retries with back-off (Polly), per-attempt timeout, bearer token with one renewal on a 401, the
// call log and body trace, and the mapping of failures to OptiplyException.
// Retry rules, in order:
//   1. 429 is retried for every method, honouring Retry-After (a refused request was not processed).
//   2. 502, 503, 504, timeouts and broken connections are retried for GET, PATCH and DELETE only.
//   3. A POST that got no answer is never repeated: the caller can ask FindAsync whether it landed.
//   4. A 401 gets one new token and one more try, outside the back-off count.
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OdooOptiply.Optiply;

internal sealed class OptiplyDoor : IDisposable
{
    internal sealed record Reply(int Status, string Body, TimeSpan? RetryAfter);

    private static readonly ResiliencePropertyKey<string> CallKey = new("optiply.call");
    private const string PostHint = " The create may or may not have landed: look it up (FindAsync) before creating it again.";

    private readonly OptiplyOptions _options;
    private readonly HttpClient _http;
    private readonly OptiplyRateLimitHandler _limit;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly OptiplyTrace _trace;
    private readonly ResiliencePipeline<Reply> _safe;
    private readonly ResiliencePipeline<Reply> _unsafe;

    public OptiplyDoor(OptiplyOptions options, ILogger log, TimeProvider time, HttpMessageHandler? handler)
    {
        _options = options;
        _time = time;
        _log = log;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
        Redactor = new OptiplyRedactor(options.ClientSecret, options.Password, basic);
        _trace = new OptiplyTrace(log, Redactor, options.TracePath, time);
        if (options.InsecureSkipTlsVerify)
            log.LogWarning("Optiply: TLS certificate verification is OFF for {Host} and {TokenHost} (insecure_skip_tls_verify); anyone on the path can read and change this traffic",
                options.BaseUrl.Host, options.TokenUrl.Host);
        // rate limit → lease gate → socket: the gate is asked after the limiter's wait (RequestGateHandler).
        _limit = new OptiplyRateLimitHandler(new RequestGateHandler(handler ?? new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                SslOptions = options.InsecureSkipTlsVerify ? new() { RemoteCertificateValidationCallback = (_, _, _, _) => true } : new(),
            }, () => RequestGate),
            options.RequestsPerSecond, time);
        _http = new HttpClient(_limit, disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        _safe = Pipeline(safe: true);
        _unsafe = Pipeline(safe: false);
        Tokens = new OptiplyTokenSource(options, this, Redactor, time);
    }

    public OptiplyRedactor Redactor { get; }
    /// <summary>Sent as <see cref="OptiplyClient.RunHeader"/> on every request while set.</summary>
    public string? RunLabel { get; set; }

    /// <summary>Asked right before every request reaches the socket, after the rate limiter (RequestGateHandler), while set (OptiplyClient.RequestGate).</summary>
    public Func<bool>? RequestGate { get; set; }
    public OptiplyTokenSource Tokens { get; }
    /// <summary>HTTP requests sent (token requests and retries included).</summary>
    public long RequestCount => Interlocked.Read(ref _limit.Sent);

    /// <summary>An authenticated JSON:API call under BaseUrl; returns the parsed body (null for 204) or throws OptiplyException.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string relativePath, IEnumerable<KeyValuePair<string, string>>? query,
        JsonNode? body, CancellationToken ct)
    {
        var url = Url(relativePath, query);
        var json = body?.ToJsonString();
        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(method, url) { Content = new StringContent(json ?? "", Encoding.UTF8) };
            // [doc] Content-Type on every request, GET and DELETE included.
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(OptiplyConstants.JsonApiMediaType);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OptiplyConstants.JsonApiMediaType));
            return request;
        }
        var reply = await ExchangeAsync(method.Method, url.PathAndQuery, Build, method != HttpMethod.Post, json, authenticated: true, ct: ct);
        if (reply.Status is < 200 or >= 300) throw OptiplyErrors.FromResponse(reply.Status, reply.Body, method.Method, url.PathAndQuery, Redactor);
        if (string.IsNullOrWhiteSpace(reply.Body)) return null;
        try { return JsonNode.Parse(reply.Body); }
        catch (JsonException)
        {
            throw new OptiplyException(reply.Status, Outcome.Retriable, $"{method} {url.PathAndQuery}: Optiply answered {reply.Status} with a body that is not JSON",
                method.Method, url.PathAndQuery, OptiplyErrors.Message(reply.Body));
        }
    }

    /// <summary>Sends one logical request through the retry pipeline. <paramref name="traceBody"/> is what the trace shows of the request body.</summary>
    public async Task<Reply> ExchangeAsync(string method, string path, Func<HttpRequestMessage> build, bool retrySafe, string? traceBody,
        bool authenticated = false, Func<string, string>? maskResponse = null, CancellationToken ct = default)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(CallKey, $"{method} {path}");
        try
        {
            var outcome = await (retrySafe ? _safe : _unsafe).ExecuteOutcomeAsync(async (ctx, _) =>
            {
                try { return Polly.Outcome.FromResult(await AttemptAsync(method, path, build, traceBody, authenticated, maskResponse, ctx.CancellationToken)); }
                catch (Exception e) { return Polly.Outcome.FromException<Reply>(e); }
            }, context, 0);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            var what = e switch
            {
                TimeoutRejectedException => $"no answer within {_options.Timeout.TotalSeconds:0.#} s",
                HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => $"TLS: the server's certificate was not accepted ({e.InnerException?.Message ?? e.Message}); "
                    + "fix the certificate, or set insecure_skip_tls_verify on this connection for a test server you trust",
                _ => $"connection failed ({Redactor.Redact(e.Message)})",
            };
            throw new OptiplyException(0, Outcome.Retriable, $"{method} {path}: {what}." + (retrySafe ? "" : PostHint), method, path, inner: null);
        }
        finally { ResilienceContextPool.Shared.Return(context); }
    }

    private async Task<Reply> AttemptAsync(string method, string path, Func<HttpRequestMessage> build, string? traceBody,
        bool authenticated, Func<string, string>? maskResponse, CancellationToken ct)
    {
        if (!authenticated) return await SendOnceAsync(method, path, build, null, traceBody, maskResponse, ct);
        var bearer = await Tokens.GetAsync(ct);
        var reply = await SendOnceAsync(method, path, build, bearer, traceBody, maskResponse, ct);
        if (reply.Status != (int)HttpStatusCode.Unauthorized) return reply;
        _log.LogInformation("Optiply answered 401 to {Call}; fetching a new token and trying once more", $"{method} {path}");
        Tokens.Invalidate(bearer);
        return await SendOnceAsync(method, path, build, await Tokens.GetAsync(ct), traceBody, maskResponse, ct);
    }

    private async Task<Reply> SendOnceAsync(string method, string path, Func<HttpRequestMessage> build, string? bearer, string? traceBody,
        Func<string, string>? maskResponse, CancellationToken ct)
    {
        using var request = build();
        if (RunLabel is { } run) request.Headers.TryAddWithoutValidation(OptiplyClient.RunHeader, run);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var started = _time.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var bytes = await ReadCappedAsync(response, method, path, ct);
            var text = Encoding.UTF8.GetString(bytes);
            var status = (int)response.StatusCode;
            _trace.Call(method, path, status, _time.GetElapsedTime(started), bytes.Length);
            if (_trace.Enabled) _trace.Bodies(method, path, traceBody, status, maskResponse is null ? text : maskResponse(text));
            return new Reply(status, text, RetryAfter(response));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            _trace.Call(method, path, 0, _time.GetElapsedTime(started), 0);
            if (_trace.Enabled) _trace.Bodies(method, path, traceBody, 0, e.GetType().Name);
            throw;
        }
    }

    // The body, read under the attempt's timeout, refused once it passes MaxResponseBytes (the same question gets the
    // same answer: Fatal, never retried) instead of growing until the process runs out of memory.
    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, string method, string path, CancellationToken ct)
    {
        var cap = _options.MaxResponseBytes;
        OptiplyException TooLarge() => new((int)response.StatusCode, Outcome.Rejected,
            $"{method} {Redactor.Redact(path)}: the answer is larger than the cap of {cap / (1024 * 1024.0):0.##} MiB (counted after decompression); "
            + "lower page_limit, or raise optiply.max_response_mb if such answers are expected", method, path, null);
        if (response.Content.Headers.ContentLength > cap) throw TooLarge();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > cap) throw TooLarge();
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
        _ => null,
    };

    private ResiliencePipeline<Reply> Pipeline(bool safe)
    {
        var builder = new ResiliencePipelineBuilder<Reply> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions<Reply>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, safe)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } after
                    ? (TimeSpan?)(after < _options.MaxRetryDelay ? after : _options.MaxRetryDelay) : null),
                OnRetry = args =>
                {
                    var what = args.Outcome.Result is { } r ? $"status {r.Status}"
                        : args.Outcome.Exception is { } x ? $"{x.GetType().Name}: {Redactor.Redact(x.Message)}" : "failure";
                    _log.LogWarning("Optiply {Call}: {What}; retry {Attempt} in {DelayMs} ms",
                        args.Context.Properties.GetValue(CallKey, "?"), what, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        return builder.AddTimeout(_options.Timeout).Build();
    }

    private static bool ShouldRetry(Outcome<Reply> outcome, bool safe) => outcome switch
    {
        { Result.Status: 429 } => true,
        { Result.Status: var s } when OptiplyConstants.TransientStatuses.Contains(s) => safe,
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } } => false, // a refused certificate stays refused
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } } => true, // nothing was sent
        { Exception: TimeoutRejectedException or HttpRequestException or IOException } => safe,
        _ => false,
    };

    private Uri Url(string relativePath, IEnumerable<KeyValuePair<string, string>>? query)
    {
        var root = _options.BaseUrl.AbsoluteUri.TrimEnd('/');
        var q = query is null ? "" : OptiplyQuery.Encode(query);
        return new Uri(q.Length == 0 ? $"{root}/{relativePath}" : $"{root}/{relativePath}?{q}");
    }

    public void Dispose()
    {
        _http.Dispose();
        _limit.Dispose();
    }
}
