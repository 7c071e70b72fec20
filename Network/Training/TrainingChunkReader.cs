using System.Buffers.Binary;
using System.Security.Cryptography;
using GoZero.Engine;

namespace GoZero.Network.Training;

/// <summary>
/// Reads one chunk (<see cref="TrainingChunk"/>). <see cref="Open"/> checks the header, the trailer and the SHA-256
/// of the whole file before any sample is read, so that a damaged chunk is refused as a whole rather than after some
/// of its samples were taken; <see cref="ReadSamples"/> then streams the samples, checking each one and the count.
/// Every problem throws <see cref="TrainingDataFormatException"/> naming the file.
/// </summary>
public sealed class TrainingChunkReader : IDisposable
{
    private readonly FileStream file;

    /// <summary>Bytes of the decompressed payload read so far by the enumeration in progress, for messages.</summary>
    private long payloadOffset;

    private TrainingChunkReader(string path, FileStream file, uint version, int boardSize, long count)
    {
        Path = path;
        this.file = file;
        Version = version;
        BoardSize = boardSize;
        Count = count;
    }

    public string Path { get; }

    /// <summary>The chunk's format version: <see cref="TrainingChunk.OldestReadableVersion"/> to
    /// <see cref="TrainingChunk.FormatVersion"/>.</summary>
    public uint Version { get; }

    public int BoardSize { get; }

    /// <summary>Samples in the chunk, from its trailer.</summary>
    public long Count { get; }

    /// <summary>Opens a chunk and verifies its header, trailer and SHA-256; with <paramref name="expectedBoardSize"/>,
    /// also refuses a chunk of another board size.</summary>
    public static TrainingChunkReader Open(string path, int? expectedBoardSize = null)
    {
        FileStream? file = null;
        try
        {
            file = InputFile.OpenRead(path, bufferSize: 1 << 16, FileShare.Read | FileShare.Delete);
            if (!file.CanSeek) throw new TrainingDataFormatException(path, "not a regular file: a chunk is read from a file, not a pipe");
            var reader = Verify(path, file, expectedBoardSize);
            file = null;
            return reader;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainingDataFormatException(path, InputFile.ReasonOf(e), inner: e);
        }
        finally
        {
            file?.Dispose();
        }
    }

    private static TrainingChunkReader Verify(string path, FileStream file, int? expectedBoardSize)
    {
        Span<byte> header = stackalloc byte[TrainingChunk.HeaderSize];
        int got = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (!header[..got].StartsWith(TrainingChunk.Magic))
        {
            string what = got == 0 ? "the file is empty"
                : Checkpoint.HasMagic(header[..got]) ? "it is a GoZero checkpoint"
                : $"it starts with {Convert.ToHexString(header[..Math.Min(got, 8)])}";
            throw new TrainingDataFormatException(path, $"not a GoZero training chunk ({what}; a chunk starts with \"GZTRN\")", 0);
        }
        long length = file.Length;
        if (length < TrainingChunk.HeaderSize + TrainingChunk.TrailerSize)
            throw new TrainingDataFormatException(path, $"truncated: the file is {length} bytes, shorter than any chunk");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version < TrainingChunk.OldestReadableVersion || version > TrainingChunk.FormatVersion)
            throw new TrainingDataFormatException(path, $"chunk format version {version} is not supported (this GoZero reads versions {TrainingChunk.OldestReadableVersion} to {TrainingChunk.FormatVersion})", 8);

        // The hash before the fields it covers, so that a damaged file is called damaged rather than whatever its
        // damage looks like.
        byte[] computed = HashOfContent(file, length - TrainingChunk.HashSize);
        Span<byte> trailer = stackalloc byte[TrainingChunk.TrailerSize];
        file.Seek(-TrainingChunk.TrailerSize, SeekOrigin.End);
        file.ReadExactly(trailer);
        if (!trailer[16..].SequenceEqual(computed))
            throw new TrainingDataFormatException(path, $"corrupt or truncated: the SHA-256 of its {length - TrainingChunk.HashSize} bytes disagrees with the one stored at its end");

        uint boardSize = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (boardSize < Engine.BoardGeometry.MinSize || boardSize > Engine.BoardGeometry.MaxSize)
            throw new TrainingDataFormatException(path, $"board size {boardSize} is outside {Engine.BoardGeometry.MinSize}..{Engine.BoardGeometry.MaxSize}", 12);
        if (expectedBoardSize is int expected && boardSize != expected)
            throw new TrainingDataFormatException(path, $"it holds {boardSize}×{boardSize} samples, not {expected}×{expected}", 12);
        long count = BinaryPrimitives.ReadInt64LittleEndian(trailer);
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(trailer[8..]);
        long trailerOffset = length - TrainingChunk.TrailerSize;
        if (payloadLength != trailerOffset - TrainingChunk.HeaderSize)
            throw new TrainingDataFormatException(path, $"the trailer gives a payload of {payloadLength} bytes; the file holds {trailerOffset - TrainingChunk.HeaderSize}", trailerOffset + 8);
        if (count < 0 || count > int.MaxValue)
            throw new TrainingDataFormatException(path, $"the trailer counts {count} samples", trailerOffset);
        return new TrainingChunkReader(path, file, version, (int)boardSize, count);
    }

    private static byte[] HashOfContent(FileStream file, long contentLength)
    {
        file.Seek(0, SeekOrigin.Begin);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (long left = contentLength; left > 0;)
        {
            int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new IOException("the file shrank while it was read");
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Streams the samples after the first <paramref name="skip"/>, checking each (see
    /// <see cref="TrainingSample.Problem"/>, <see cref="FinalTargets.Problem"/>) and that the payload holds exactly
    /// <see cref="Count"/> of them. A game's final targets are one instance shared by its samples. One enumeration
    /// at a time.
    /// </summary>
    public IEnumerable<TrainingSample> ReadSamples(long skip = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        file.Seek(TrainingChunk.HeaderSize, SeekOrigin.Begin);
        payloadOffset = 0;
        int recordSize = TrainingChunk.RecordSize(BoardSize);
        var record = new byte[recordSize];
        var finalTargetsEntry = new byte[TrainingChunk.MaxFinalTargetsSize(BoardSize)];
        (FinalTargets Targets, ulong GameId)? latest = null;
        // The Brotli stream ends itself: the decompressor stops at its end, before the trailer.
        using var payload = TrainingChunk.Decompress(file);
        for (long index = 0; index < Count; index++)
        {
            // Version 1: every sample a policy target, none with final targets.
            byte flags = TrainingChunk.FullSearchFlag;
            if (Version >= 2)
            {
                while (ReadByte(payload, index) is var kind && kind != TrainingChunk.SampleEntry)
                {
                    if (kind != TrainingChunk.FinalTargetsEntry)
                        throw new TrainingDataFormatException(Path, $"{Before(index, payloadOffset - 1)}: an entry of kind {kind}, neither a sample (1) nor final targets (2)");
                    latest = ReadFinalTargets(payload, finalTargetsEntry, index);
                }
                long flagsOffset = payloadOffset;
                flags = ReadByte(payload, index);
                if ((flags & ~(TrainingChunk.FullSearchFlag | TrainingChunk.TakesFinalTargetsFlag)) != 0)
                    throw new TrainingDataFormatException(Path, $"sample {index} (byte {flagsOffset} of the decompressed payload): flags {flags:X2} set unknown bits");
            }
            long recordOffset = payloadOffset;
            ReadExactly(payload, record, index);
            if (index < skip) continue;
            var sample = TrainingChunk.ReadRecord(record, BoardSize, (flags & TrainingChunk.FullSearchFlag) != 0, out string? problem)
                ?? throw new TrainingDataFormatException(Path, $"sample {index} (byte {recordOffset} of the decompressed payload): {problem}");
            if ((flags & TrainingChunk.TakesFinalTargetsFlag) != 0)
            {
                if (latest is not { } final || final.GameId != sample.GameId)
                    throw new TrainingDataFormatException(Path, $"sample {index} (byte {recordOffset} of the decompressed payload) takes the final targets of its game {sample.GameId}, and none come before it");
                sample.SetFinalTargets(final.Targets);
            }
            yield return sample;
        }
        if (ReadPayload(payload, record.AsSpan(0, 1), Count) != 0)
            throw new TrainingDataFormatException(Path, $"the payload holds more than the {Count} samples its trailer counts");
    }

    /// <summary>Reads a final-targets entry after its first byte.</summary>
    private (FinalTargets Targets, ulong GameId) ReadFinalTargets(Stream payload, byte[] entry, long index)
    {
        long start = payloadOffset - 1;
        ReadExactly(payload, entry.AsSpan(0, 9), index);
        ulong gameId = BinaryPrimitives.ReadUInt64LittleEndian(entry);
        byte flags = entry[8];
        int bodySize = TrainingChunk.FinalTargetsBodySize(flags, BoardSize)
            ?? throw new TrainingDataFormatException(Path, $"{Before(index, start)}: final targets with flags {flags:X2}, not 1 to 3");
        var body = entry.AsSpan(9, bodySize);
        ReadExactly(payload, body, index);
        var targets = TrainingChunk.ReadFinalTargets(flags, body, BoardSize, out string? problem)
            ?? throw new TrainingDataFormatException(Path, $"{Before(index, start)}: the final targets of game {gameId}: {problem}");
        return (targets, gameId);
    }

    /// <summary>Where an entry before sample <paramref name="index"/> is, for messages.</summary>
    private static string Before(long index, long offset) => $"byte {offset} of the decompressed payload, before sample {index}";

    private byte ReadByte(Stream payload, long index)
    {
        Span<byte> one = stackalloc byte[1];
        ReadExactly(payload, one, index);
        return one[0];
    }

    private void ReadExactly(Stream payload, Span<byte> buffer, long index)
    {
        int got = 0;
        while (got < buffer.Length)
        {
            int read = ReadPayload(payload, buffer[got..], index);
            if (read == 0)
                throw new TrainingDataFormatException(Path, $"the payload ends in sample {index}: the trailer counts {Count} samples");
            got += read;
        }
        payloadOffset += got;
    }

    /// <summary>A read of the decompressed payload. A payload that is not Brotli under a good SHA-256 (a writer's bug)
    /// is still a format error, and so is a read that fails: a training run skips the chunk rather than stopping.
    /// (Brotli reports invalid data as <see cref="InvalidOperationException"/>.)</summary>
    private int ReadPayload(Stream payload, Span<byte> buffer, long index)
    {
        try
        {
            return payload.Read(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            throw new TrainingDataFormatException(Path, $"the compressed payload is damaged in sample {index}: {e.Message}", inner: e);
        }
        catch (IOException e)
        {
            throw new TrainingDataFormatException(Path, $"cannot be read in sample {index}: {e.Message}", inner: e);
        }
    }

    public void Dispose() => file.Dispose();
}
