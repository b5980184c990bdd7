// A read-only wrapper over a response body that counts the bytes read, keeps a copy when tracing, makes every
// read observe the call's timeout (readers such as XmlReader.ReadAsync pass no token of their own), and refuses
// an answer larger than the configured cap. The body it wraps is already decompressed, so a gzip bomb is capped
// by what it expands to.
namespace OdooOptiply.Odoo.Transport;

internal sealed class CountingStream(Stream inner, MemoryStream? copy, CancellationToken timeout = default, long maxBytes = long.MaxValue) : Stream
{
    public long BytesRead { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n;
        if (!ct.CanBeCanceled || ct == timeout) n = await inner.ReadAsync(buffer, timeout);
        else
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout);
            n = await inner.ReadAsync(buffer, both.Token);
        }
        Count(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        timeout.ThrowIfCancellationRequested();
        var n = inner.Read(buffer, offset, count);
        Count(buffer.AsSpan(offset, n));
        return n;
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        BytesRead += bytes.Length;
        if (BytesRead > maxBytes) throw new AnswerTooLargeException(maxBytes);
        copy?.Write(bytes);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>An answer grew past <see cref="OdooOptions.MaxResponseBytes"/> (after decompression).</summary>
internal sealed class AnswerTooLargeException(long maxBytes) : Exception($"the answer is larger than {maxBytes} bytes")
{
    public long MaxBytes => maxBytes;
}
