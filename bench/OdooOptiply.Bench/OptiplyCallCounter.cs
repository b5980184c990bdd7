// Counts the HTTP requests the Optiply client sends, by method, from its per-call Debug log line
// ("Optiply {Method} {Path} -> ..."): GET = read, POST/PATCH/PUT/DELETE = write, the token endpoint apart.
// Every attempt is logged once, so retries count too. Everything else logged is dropped.
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Bench;

internal sealed class OptiplyCallCounter : ILoggerFactory
{
    public sealed record Counts(long Reads, long Writes, long Tokens)
    {
        public long Total => Reads + Writes + Tokens;
    }

    private long _reads, _writes, _tokens;

    public Counts Snapshot() => new(Interlocked.Read(ref _reads), Interlocked.Read(ref _writes), Interlocked.Read(ref _tokens));

    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }

    private void Count(IReadOnlyList<KeyValuePair<string, object?>> state)
    {
        string? method = null, path = null;
        foreach (var (key, value) in state)
        {
            if (key == "{OriginalFormat}" && value is string format && !format.StartsWith("Optiply {Method} {Path} ->", StringComparison.Ordinal)) return;
            if (key == "Method") method = value as string;
            if (key == "Path") path = value as string;
        }
        if (method is null) return;
        if (path is not null && path.Contains("oauth/token", StringComparison.Ordinal)) Interlocked.Increment(ref _tokens);
        else if (method == "GET") Interlocked.Increment(ref _reads);
        else Interlocked.Increment(ref _writes);
    }

    private sealed class Logger(OptiplyCallCounter counter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Debug && state is IReadOnlyList<KeyValuePair<string, object?>> values) counter.Count(values);
        }
    }
}
