// A long read shows how far it is: per stream, records read, of how many when the read was counted (a full
// read), the rate and the time left. One line at most every `every` (2 s on a terminal, 10 s when the output is
// piped or logged), so a first sync of 100,000 products is never a silent minute; a short run prints nothing.
using System.Diagnostics;
using OdooOptiply.Sync;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal sealed class ReadProgress(IAnsiConsole console, TimeSpan every, TimeProvider? time = null) : IProgress<StreamProgress>
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private string? _stream;
    private long _startedAt, _lastPrint;

    /// <summary>2 s between lines on a terminal, 10 s when stdout is redirected (a log file or a pipe).</summary>
    public static ReadProgress For(IAnsiConsole console) => new(console, Console.IsOutputRedirected ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(2));

    public void Report(StreamProgress value)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (value.Stream != _stream) (_stream, _startedAt, _lastPrint) = (value.Stream, now, now);
            if (_time.GetElapsedTime(_lastPrint, now) < every) return;
            _lastPrint = now;
            console.WriteLine(Line(value, _time.GetElapsedTime(_startedAt, now)));
        }
    }

    /// <summary>"products: 12,000 of 100,000 read (2,400/s, about 33 s left)", or without total and time left when not counted.</summary>
    public static string Line(StreamProgress p, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? p.Read / elapsed.TotalSeconds : 0;
        var text = p.Expected is { } total ? $"{p.Stream}: {p.Read:N0} of {total:N0} read" : $"{p.Stream}: {p.Read:N0} read so far";
        text += $" ({rate:N0}/s";
        if (p.Expected is { } all && rate > 0 && all > p.Read) text += $", about {TimeSpan.FromSeconds((all - p.Read) / rate):hh\\:mm\\:ss} left";
        return text + ")";
    }
}
