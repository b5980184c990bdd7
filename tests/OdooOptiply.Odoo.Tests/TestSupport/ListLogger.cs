// A logger provider that keeps every formatted line, so tests can assert on warnings and on the
// absence of secrets in logs.
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Odoo.Tests.TestSupport;

internal sealed class ListLoggerFactory : ILoggerFactory, ILogger
{
    private readonly List<(LogLevel Level, string Text)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Lines { get { lock (_lines) return _lines.ToList(); } }
    public IEnumerable<string> Warnings => Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Text);
    public string All => string.Join("\n", Lines.Select(l => l.Text));

    public ILogger CreateLogger(string categoryName) => this;
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines) _lines.Add((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception.Message)));
    }
}
