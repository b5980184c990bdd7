// Reads stdin one line at a time with bounded memory: a line longer than the limit is refused as soon as the limit
// is crossed (it is never held whole), so a huge or endless line is a clear error, not an out-of-memory. Counts
// lines (from 1) for error messages; blank lines are skipped but counted; a trailing \r is dropped.
using System.Text;

namespace OdooOptiply.Singer.Target;

internal sealed class SingerLineReader(Stream input, int maxLineBytes)
{
    private readonly byte[] _chunk = new byte[64 * 1024];
    private int _start, _end;
    private readonly MemoryStream _line = new();

    /// <summary>The number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    public async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var text = await ReadRawAsync(ct);
            if (text is null) return null;
            if (!string.IsNullOrWhiteSpace(text)) return text;
        }
    }

    private async Task<string?> ReadRawAsync(CancellationToken ct)
    {
        _line.SetLength(0);
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await input.ReadAsync(_chunk, ct);
                if (_end == 0)
                {
                    if (_line.Length == 0) return null;
                    LineNumber++;
                    return Decode();
                }
            }
            var newline = Array.IndexOf(_chunk, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            if (_line.Length + (stop - _start) > maxLineBytes)
                throw new TargetInputException(LineNumber + 1, null, $"the line is longer than {maxLineBytes} bytes (max_line_bytes); refused unread");
            _line.Write(_chunk, _start, stop - _start);
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                LineNumber++;
                return Decode();
            }
        }
    }

    private string Decode()
    {
        var bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        if (bytes.Length > 0 && bytes[^1] == '\r') bytes = bytes[..^1];
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { throw new TargetInputException(LineNumber, null, "the line is not valid UTF-8"); }
    }
}
