namespace GoZero.Engine.Tests;

/// <summary>A stream of one byte repeated forever, as /dev/zero is, that counts what was read from it: a reader that
/// bounds its input stops after a known number of bytes; one that does not would read on until the test times out,
/// which <see cref="MaxRead"/> turns into a failure instead.</summary>
public sealed class EndlessStream(byte value = 0, long maxRead = 64L << 20) : Stream
{
    public long BytesRead { get; private set; }

    public long MaxRead { get; } = maxRead;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (BytesRead >= MaxRead) throw new InvalidOperationException($"read {BytesRead} bytes of an endless stream: the reader is unbounded");
        buffer.Fill(value);
        BytesRead += buffer.Length;
        return buffer.Length;
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
}
