// The HTTP plumbing the three transports share: one HttpClient per client instance (never static),
// a per-call timeout that covers the body too, byte counting, tracing, and connection failures
// turned into retriable OdooExceptions. Protocol meaning stays in the transports.
using System.Net;
using System.Text;

namespace OdooOptiply.Odoo.Transport;

/// <summary>A decoded answer and how many body bytes it took.</summary>
public readonly record struct OdooReply(object? Value, long Bytes);

internal sealed class OdooHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly OdooOptions _options;
    private readonly OdooTrace? _trace;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;

    public OdooHttp(OdooOptions options, HttpMessageHandler? handler, OdooTrace? trace, TimeProvider time)
    {
        _options = options;
        _redactor = SecretRedactor.For(options);
        _trace = trace;
        _time = time;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(30),
                // A redirect from an API endpoint is a login page or a wrong url; following it would only
                // turn it into a confusing "not valid JSON/XML" error (and turn POSTs into GETs).
                AllowAutoRedirect = false,
                SslOptions = options.InsecureSkipTlsVerify ? new() { RemoteCertificateValidationCallback = (_, _, _, _) => true } : new(),
            }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = new Uri(options.Url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        _http.Timeout = Timeout.InfiniteTimeSpan; // our own timeout below also covers reading the body
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("odoo-optiply/1.0");
    }

    /// <summary>Sent as <see cref="OdooClient.RunHeader"/> on every request while set (OdooClient.RunLabel).</summary>
    public string? RunLabel { get; set; }

    /// <summary>Asked right before every request while set (OdooClient.RequestGate).</summary>
    public Func<bool>? RequestGate { get; set; }

    /// <summary>The Date header of the latest answer: the server's own clock, to the second (RFC 9110 §6.6.1).</summary>
    public DateTimeOffset? LastServerDate { get; private set; }

    /// <summary>
    /// Sends one request (a buffered body with Content-Length: Odoo 19's JSON-2 ignores chunked bodies)
    /// and hands the streamed answer to <paramref name="read"/>.
    /// </summary>
    public async Task<OdooReply> SendAsync(HttpMethod method, string path, byte[]? body, string mediaType, IReadOnlyDictionary<string, string>? headers,
        Func<HttpResponseMessage, Stream, CancellationToken, Task<object?>> read, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new(mediaType) { CharSet = "utf-8" };
        }
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
        if (RunLabel is { } run) request.Headers.TryAddWithoutValidation(OdooClient.RunHeader, run);
        if (RequestGate is { } gate && !gate())
            throw new OdooException(Outcome.Fatal, "the tenant's lease may have expired while this process was frozen (longer than its TTL since the last renewal): no more requests in this run") { OwnMessage = true };

        var started = _time.GetTimestamp();
        var copy = _trace is null ? null : new MemoryStream();
        var outcome = "no answer";
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            outcome = $"{(int)response.StatusCode}";
            if (response.Headers.Date is { } date) LastServerDate = date;
            if ((int)response.StatusCode is >= 300 and < 400) throw Redirected(response, path);
            // The timeout token goes into the stream too: XmlReader.ReadAsync passes none to the reads it makes.
            await using var counting = new CountingStream(await response.Content.ReadAsStreamAsync(timeout.Token), copy, timeout.Token, _options.MaxResponseBytes);
            var value = await read(response, counting, timeout.Token);
            return new OdooReply(value, counting.BytesRead);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            outcome = "timeout";
            throw OdooErrors.FromConnection($"no complete answer within {_options.Timeout.TotalSeconds:0.#} s", e);
        }
        catch (AnswerTooLargeException e)
        {
            outcome = "too large";
            // The same question gets the same answer: Fatal, with what to change.
            throw new OdooException(Outcome.Rejected, $"the answer to /{path.TrimStart('/')} is larger than the cap of {e.MaxBytes / (1024 * 1024.0):0.##} MiB "
                + "(counted after decompression); lower page_size, or raise odoo.max_response_mb if such answers are expected", e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            outcome = "TLS refused";
            // A certificate does not become valid by asking again: Fatal, with what to do about it.
            throw new OdooException(Outcome.Fatal, $"TLS: the server's certificate was not accepted ({e.InnerException?.Message ?? e.Message}); "
                + "fix the certificate, or set insecure_skip_tls_verify on this connection for a test server you trust", e);
        }
        catch (HttpRequestException e)
        {
            outcome = "connection failed";
            throw OdooErrors.FromConnection($"connection failed: {e.Message}", e);
        }
        catch (IOException e)
        {
            outcome = "connection broken";
            throw OdooErrors.FromConnection($"connection broken while reading the answer: {e.Message}", e);
        }
        finally
        {
            _trace?.Write($"{method} /{path.TrimStart('/')}", body ?? [], outcome, copy is null ? [] : copy.GetBuffer().AsSpan(0, (int)copy.Length), _time.GetElapsedTime(started));
        }
    }

    // Never retried: a login page or a moved server does not go away by asking again.
    private static OdooException Redirected(HttpResponseMessage response, string path) =>
        new(Outcome.Fatal, $"HTTP {(int)response.StatusCode}: Odoo redirected /{path.TrimStart('/')} to {(response.Headers.Location is { IsAbsoluteUri: true } to ? to.GetLeftPart(UriPartial.Path) : response.Headers.Location?.OriginalString.Split('?')[0] ?? "(no location)")}"
            + " instead of answering; this is usually a login page in front of Odoo or a wrong url or database (check url and db)") { HttpStatus = (int)response.StatusCode };

    /// <summary>The start of a non-Odoo answer (proxy page), for the error message.</summary>
    public async Task<string> SnippetAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[600];
        var n = 0;
        try
        {
            int read;
            while (n < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(n), ct)) > 0) n += read;
        }
        catch (IOException) { }
        // Redacted before tags are stripped: stripping could cut a secret so it no longer matches.
        var text = _redactor.Redact(Encoding.UTF8.GetString(buffer, 0, n));
        text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", " ");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    /// <summary>Retry-After as a delay (seconds or an HTTP date).</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta) return delta;
        if (header?.Date is DateTimeOffset date) return date - _time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }

    /// <summary>An exception for an HTTP status that carries no Odoo error body.</summary>
    public async Task<OdooException> HttpFailureAsync(HttpResponseMessage response, Stream body, CancellationToken ct)
    {
        var snippet = await SnippetAsync(body, ct);
        var status = (int)response.StatusCode;
        var message = $"HTTP {status} {response.ReasonPhrase}{(snippet.Length > 0 ? ": " + snippet : "")}";
        return OdooErrors.ToException(new OdooErrors.Failure(message, HttpStatus: status), RetryAfter(response));
    }

    public void Dispose() => _http.Dispose();
}
