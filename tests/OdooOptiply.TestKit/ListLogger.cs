// The one list logger of the test suite: keeps every line at every level (Trace included) with its level,
// category, message and exception, so tests assert on what was (not) logged and that no secret was. It is
// both a logger factory (pass it where a client takes an ILoggerFactory) and a provider (AddProvider).
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.TestKit;

/// <summary>One logged line. <see cref="Text"/> is the message and the exception; ToString adds level and category.</summary>
public sealed record LogLine(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public string Text => Exception is null ? Message : Message + " " + Exception;
    public override string ToString() => $"{Level} {Category}: {Text}";
}

public sealed class ListLogger : ILoggerFactory, ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private readonly Changes _changes = new();

    public IReadOnlyList<LogLine> Lines => _lines.ToArray();
    public IEnumerable<string> Warnings => Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Text);
    /// <summary>Every line, level and category included, one per line: for "no secret anywhere" checks.</summary>
    public string All => string.Join("\n", Lines);

    /// <summary>Completes when a line matching <paramref name="match"/> has been logged (already or later).</summary>
    public Task<LogLine> LoggedAsync(Func<LogLine, bool> match, TimeSpan? hang = null) =>
        _changes.UntilAsync(() => Lines.FirstOrDefault(match), "a matching log line", hang);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }

    private sealed class Logger(ListLogger owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception), exception));
            owner._changes.Notify();
        }
    }
}
