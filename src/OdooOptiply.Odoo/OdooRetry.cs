// The retry rules, in order (Polly ResiliencePipeline; time comes from the injected TimeProvider):
//  1. Only Retriable failures are retried (OdooErrors decides); Fatal and Rejected never are.
//  2. Reads are always retried; writes only when the caller says repeating them is safe.
//  3. An invalid answer (HTML page, truncated or malformed body) is retried at most twice.
//  4. The wait is Retry-After when the server sent one, else BackoffBase × BackoffFactor × 2^n.
//  5. At most MaxRetries retries, and the waits of one call never add up past MaxTotalWait.
using Microsoft.Extensions.Logging;
using OdooOptiply.Odoo.Transport;
using Polly;
using Polly.Retry;

namespace OdooOptiply.Odoo;

internal sealed class OdooRetry
{
    private static readonly ResiliencePropertyKey<CallState> StateKey = new("odoo.call");
    private readonly ResiliencePipeline _pipeline;
    private readonly OdooOptions _options;

    /// <summary>Per call: what it is, whether repeating it is safe, and what it has waited so far.</summary>
    private sealed class CallState(string what, bool safe)
    {
        public string What { get; } = what;
        public bool Safe { get; } = safe;
        public int InvalidResponses { get; set; }
        public TimeSpan Waited { get; set; }
        public TimeSpan NextDelay { get; set; }
    }

    public OdooRetry(OdooOptions options, TimeProvider time, ILogger log, SecretRedactor redactor)
    {
        _options = options;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.AttemptNumber, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextDelay),
                OnRetry = args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    log.LogWarning("retrying {Call} in {Delay} ms (retry {Retry} of {Max}): {Reason}", state.What,
                        (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, options.MaxRetries, redactor.Redact(args.Outcome.Exception?.Message ?? ""));
                    return ValueTask.CompletedTask;
                },
            });
        _pipeline = builder.Build();
    }

    /// <summary>Total retries made by this client (tests and the benchmark read it).</summary>
    public long Retries => Interlocked.Read(ref _retries);
    private long _retries;

    public async Task<T> ExecuteAsync<T>(string what, bool retrySafe, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(StateKey, new CallState(what, retrySafe));
        try
        {
            return await _pipeline.ExecuteAsync(static async (ctx, f) => await f(ctx.CancellationToken), context, call);
        }
        finally { ResilienceContextPool.Shared.Return(context); }
    }

    private bool ShouldRetry(Exception? exception, int attempt, ResilienceContext context)
    {
        if (exception is not OdooException { Outcome: Outcome.Retriable } e || attempt >= _options.MaxRetries) return false;
        var state = context.Properties.GetValue(StateKey, null!);
        if (!state.Safe) return false;
        if (e.InvalidResponse && ++state.InvalidResponses > OdooDefaults.MaxInvalidResponseRetries) return false;
        var delay = e.RetryAfter ?? TimeSpan.FromTicks((long)(_options.BackoffBase.Ticks * _options.BackoffFactor * Math.Pow(2, attempt)));
        if (state.Waited + delay > _options.MaxTotalWait) return false;
        state.Waited += delay;
        state.NextDelay = delay;
        Interlocked.Increment(ref _retries);
        return true;
    }
}
