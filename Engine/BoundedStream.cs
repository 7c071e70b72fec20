namespace GoZero.Engine;

/// <summary>
/// Reads at most <c>limit</c> bytes of a stream and throws, at the first byte past them, the exception its reader
/// makes (a format exception naming the file and the limit). Readers of user files go through it before anything is
/// checked, so that /dev/zero, a huge file or a gzip bomb fails at a known size instead of filling memory.
/// </summary>
public sealed class BoundedStream(Stream inner, long limit, Func<long, Exception> tooLong, bool leaveOpen = false) : Stream
{
    private long position;

    public long Limit { get; } = limit;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (position >= Limit)
        {
            // At the limit: the stream may end exactly here, which is fine; one byte more is not.
            Span<byte> probe = stackalloc byte[1];
            if (inner.Read(probe) == 0) return 0;
            throw tooLong(Limit);
        }
        int read = inner.Read(buffer[..(int)Math.Min(buffer.Length, Limit - position)]);
        position += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
