using System.Buffers.Binary;
using System.IO.Compression;

namespace GoZero.Network;

/// <summary>
/// Decompresses a gzip file and, at its end, checks the CRC-32 and length in the gzip trailer (RFC 1952 §2.3), which
/// .NET's <see cref="GZipStream"/> does not: without it, a file cut short anywhere reads as a shorter file without
/// error. Only single-member files pass (every network file gzip writes is one); at the end a mismatch throws
/// <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    private const int HeaderAndTrailer = 18;
    private static readonly uint[] CrcTable = BuildCrcTable();

    private readonly GZipStream gzip;
    private readonly uint expectedCrc;
    private readonly uint expectedLength;
    private uint crc = 0xFFFFFFFFu;
    private long length;
    private bool checkedEnd;

    /// <summary>The stream must be seekable: its last 8 bytes are read first.</summary>
    public CheckedGzipStream(Stream file)
    {
        if (file.Length < HeaderAndTrailer) throw new InvalidDataException($"gzip data is truncated: {file.Length} bytes");
        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
    }

    /// <summary>The decompressed length the trailer gives, modulo 2³² (RFC 1952's ISIZE): a reader can refuse a file
    /// that says it is too large before decompressing any of it; one that lies is caught by the reader's own bound.</summary>
    public uint ExpectedLength => expectedLength;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = gzip.Read(buffer);
        if (read == 0 && buffer.Length > 0)
        {
            CheckEnd();
            return 0;
        }
        uint c = crc;
        foreach (byte b in buffer[..read]) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        crc = c;
        length += read;
        return read;
    }

    private void CheckEnd()
    {
        if (checkedEnd) return;
        checkedEnd = true;
        if ((crc ^ 0xFFFFFFFFu) != expectedCrc || (uint)length != expectedLength)
            throw new InvalidDataException(
                $"gzip data is truncated or corrupt: {length} bytes decompressed, the trailer's CRC-32 and length disagree");
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) gzip.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
