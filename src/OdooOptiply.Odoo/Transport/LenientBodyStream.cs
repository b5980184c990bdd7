// Byte-level rewrites of an answer before its parser sees it, for values Odoo's Python server writes that the
// strict .NET parsers refuse, so one odd value affects only its record instead of the whole answer:
//   XML: raw control characters (vertical tab, ESC, …), which XML 1.0 forbids, become character references
//        (read with CheckCharacters off);
//   JSON: Python's bare NaN, Infinity and -Infinity become marker numbers that OdooJson reads back as doubles.
// Bytes below 0x80 never occur inside a UTF-8 sequence, so working on bytes is exact.
namespace OdooOptiply.Odoo.Transport;

internal abstract class LenientBodyStream(Stream inner) : Stream
{
    private readonly byte[] _in = new byte[16 * 1024];
    private byte[] _out = new byte[32 * 1024];
    private int _outStart, _outEnd;
    private bool _eof;

    /// <summary>Rewrites <paramref name="input"/> into the output (through <see cref="Emit(byte)"/>).</summary>
    protected abstract void Transform(ReadOnlySpan<byte> input);

    /// <summary>Called once at the end of the body, to emit anything held back.</summary>
    protected virtual void Finish() { }

    protected void Emit(byte b)
    {
        if (_outEnd == _out.Length) Array.Resize(ref _out, _out.Length * 2);
        _out[_outEnd++] = b;
    }

    protected void Emit(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) Emit(b);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        while (_outStart == _outEnd)
        {
            if (_eof) return 0;
            _outStart = _outEnd = 0;
            var n = await inner.ReadAsync(_in, ct);
            if (n == 0) { _eof = true; Finish(); }
            else Transform(_in.AsSpan(0, n));
        }
        var count = Math.Min(buffer.Length, _outEnd - _outStart);
        _out.AsSpan(_outStart, count).CopyTo(buffer.Span);
        _outStart += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, default).GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Raw control characters other than tab, LF and CR become &amp;#N; references.</summary>
internal sealed class XmlControlCharacterStream(Stream inner) : LenientBodyStream(inner)
{
    protected override void Transform(ReadOnlySpan<byte> input)
    {
        foreach (var b in input)
        {
            if (b >= 0x20 || b is (byte)'\t' or (byte)'\n' or (byte)'\r') { Emit(b); continue; }
            Emit("&#"u8);
            if (b >= 10) Emit((byte)('0' + b / 10));
            Emit((byte)('0' + b % 10));
            Emit((byte)';');
        }
    }
}

/// <summary>Bare NaN / Infinity / -Infinity outside strings become the marker numbers of <see cref="OdooJson"/>.</summary>
internal sealed class JsonNonFiniteStream(Stream inner) : LenientBodyStream(inner)
{
    private static readonly byte[][] Words = ["NaN"u8.ToArray(), "Infinity"u8.ToArray(), "-Infinity"u8.ToArray()];
    private readonly byte[] _token = new byte[9];
    private int _tokenLength;
    private bool _inString, _escaped;

    protected override void Transform(ReadOnlySpan<byte> input)
    {
        foreach (var b in input) Next(b);
    }

    private void Next(byte b)
    {
        if (_tokenLength > 0)
        {
            _token[_tokenLength++] = b;
            var token = _token.AsSpan(0, _tokenLength);
            foreach (var word in Words)
            {
                if (token.SequenceEqual(word)) { Emit(OdooJson.MarkerOf(word)); _tokenLength = 0; return; }
                if (word.AsSpan().StartsWith(token)) return;
            }
            // Not one of the words: pass it on as it came (the parser says what is wrong) and look at b again.
            Emit(token[..^1]);
            _tokenLength = 0;
        }
        if (_inString)
        {
            if (_escaped) _escaped = false;
            else if (b == '\\') _escaped = true;
            else if (b == '"') _inString = false;
            Emit(b);
            return;
        }
        if (b is (byte)'N' or (byte)'I' or (byte)'-') { _token[_tokenLength++] = b; return; }
        if (b == '"') _inString = true;
        Emit(b);
    }

    protected override void Finish()
    {
        Emit(_token.AsSpan(0, _tokenLength));
        _tokenLength = 0;
    }
}
