// Test plumbing: a logger provider that keeps every formatted message, to assert what was (not) logged.
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Optiply.Tests;

internal sealed class ListLoggerProvider : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Message);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(ListLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue(new Entry(logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
