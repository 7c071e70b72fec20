using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace GoZero.Network.Training;

/// <summary>
/// The chunk file self-play writes its samples to (<see cref="TrainingChunkWriter"/>) and training reads them from
/// (<see cref="TrainingChunkReader"/>). All integers and floats little-endian:
/// <code>
///  8  magic "GZTRN\r\n\x1A" (the CR LF and ^Z catch text-mode copies, as in a checkpoint)
///  4  u32 format version (1)
///  4  u32 board size N
///     payload: one Brotli stream of the samples, each a record of the same size:
///        8  u64 game id
///        4  i32 move number
///        1  i8 outcome z
///        ⌈18·N²/8⌉  the packed input planes (<see cref="TrainingSample.PackedPlanes"/>)
///        4·(N²+1)   f32 π
///  8  i64 sample count
///  8  i64 payload length in bytes
/// 32  SHA-256 of every byte before it
/// </code>
/// The count and the payload length come after the payload so that a writer can stream samples out as they come. A
/// chunk is written as NAME.chunk.part and renamed to NAME.chunk only when complete; readers take *.chunk files only.
/// </summary>
public static class TrainingChunk
{
    public const uint FormatVersion = 1;
    public const string Extension = ".chunk";

    /// <summary>The suffix of a chunk being written: NAME.chunk.part.</summary>
    public const string PartSuffix = ".part";

    public const int HeaderSize = 8 + 4 + 4;
    public const int HashSize = 32;
    public const int TrailerSize = 8 + 8 + HashSize;
    private const int RecordHeaderSize = 8 + 4 + 1;

    /// <summary>"GZTRN", CR, LF, ^Z.</summary>
    public static ReadOnlySpan<byte> Magic => "GZTRN\r\n\u001A"u8;

    /// <summary>Bytes of one sample in the decompressed payload.</summary>
    public static int RecordSize(int boardSize) =>
        RecordHeaderSize + TrainingSample.PackedPlanesLength(boardSize) + 4 * (boardSize * boardSize + 1);

    /// <summary>Brotli at quality 5 (window 2^22): on self-play-like 19×19 samples (random games, π of 800 visits over
    /// 5–40 moves) it made chunks 10 % smaller than gzip's and zlib's Optimal level (101 against 113 bytes a sample)
    /// at 16 against 12 µs a sample to compress and the same speed to decompress (2–3 µs a sample); quality 4 gains
    /// nothing over gzip, 9 is three times as slow for 2 % less.</summary>
    internal static Stream Compress(Stream file) =>
        new BrotliStream(file, new BrotliCompressionOptions { Quality = 5 }, leaveOpen: true);

    internal static Stream Decompress(Stream file) => new BrotliStream(file, CompressionMode.Decompress, leaveOpen: true);

    internal static void WriteRecord(TrainingSample sample, Span<byte> record)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(record, sample.GameId);
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], sample.MoveNumber);
        record[12] = (byte)sample.Outcome;
        var planes = record.Slice(RecordHeaderSize, sample.PackedPlanes.Length);
        sample.PackedPlanes.CopyTo(planes);
        var policy = MemoryMarshal.Cast<byte, int>(record[(RecordHeaderSize + planes.Length)..]);
        var values = MemoryMarshal.Cast<float, int>(sample.Policy);
        if (BitConverter.IsLittleEndian) values.CopyTo(policy);
        else BinaryPrimitives.ReverseEndianness(values, policy);
    }

    /// <summary>The sample a record holds, or null with <paramref name="problem"/> saying why it holds none.</summary>
    /// <summary>The move of a stored π that is exactly 1.0 there and +0.0 everywhere else, or null.</summary>
    private static int? OneHotMove(ReadOnlySpan<int> stored)
    {
        const int one = 0x3F800000; // 1.0f
        int move = -1;
        for (int i = 0; i < stored.Length; i++)
        {
            int bits = BitConverter.IsLittleEndian ? stored[i] : BinaryPrimitives.ReverseEndianness(stored[i]);
            if (bits == 0) continue;
            if (bits != one || move >= 0) return null;
            move = i;
        }
        return move >= 0 ? move : null;
    }

    internal static TrainingSample? ReadRecord(ReadOnlySpan<byte> record, int boardSize, out string? problem)
    {
        ulong gameId = BinaryPrimitives.ReadUInt64LittleEndian(record);
        int moveNumber = BinaryPrimitives.ReadInt32LittleEndian(record[8..]);
        sbyte outcome = (sbyte)record[12];
        var planes = record.Slice(RecordHeaderSize, TrainingSample.PackedPlanesLength(boardSize)).ToArray();
        var stored = MemoryMarshal.Cast<byte, int>(record[(RecordHeaderSize + planes.Length)..])[..(boardSize * boardSize + 1)];
        float[] policy;
        if (OneHotMove(stored) is int move)
        {
            // Expert games give one-hot π: sharing one read-only array per move cuts a 19×19 sample in memory from
            // about 2.4 KB to under 1 KB, so a streaming group of a million positions fits in 1 GB.
            policy = TrainingSample.OneHotPolicy(boardSize, move);
        }
        else
        {
            policy = new float[boardSize * boardSize + 1];
            var values = MemoryMarshal.Cast<float, int>(policy.AsSpan());
            if (BitConverter.IsLittleEndian) stored.CopyTo(values);
            else BinaryPrimitives.ReverseEndianness(stored, values);
        }
        try
        {
            problem = null;
            return new TrainingSample(boardSize, planes, policy, outcome, gameId, moveNumber);
        }
        catch (ArgumentException e)
        {
            // The constructor checks the parts (TrainingSample.Problem) and says what is wrong.
            problem = e.Message;
            return null;
        }
    }
}
