using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace GoZero.Network.Training;

/// <summary>
/// The chunk file self-play writes its samples to (<see cref="TrainingChunkWriter"/>) and training reads them from
/// (<see cref="TrainingChunkReader"/>). All integers and floats little-endian:
/// <code>
///  8  magic "GZTRN\r\n\x1A" (the CR LF and ^Z catch text-mode copies, as in a checkpoint)
///  4  u32 format version (2; version 1 is still read)
///  4  u32 board size N
///     payload: one Brotli stream of entries (version 2), each starting with a byte that says what it is:
///        1  a sample:
///              1  flags: bit 0 FullSearch (π is a policy target), bit 1 the sample takes its game's final targets
///                 (the latest entry 2, which must be of its game); the other bits 0
///              the record of a version-1 sample (below)
///        2  a game's final targets (<see cref="FinalTargets"/>), before the first of its samples that takes them:
///              8  u64 game id
///              1  flags: bit 0 ownership, bit 1 score; at least one, the other bits 0
///              4  f32 score from Black's view (with bit 1)
///              ⌈N²/4⌉  ownership from Black's view, 2 bits per point (with bit 0): point i (dense index y·N + x) in
///                 bits 2(i mod 4) and up of byte ⌊i / 4⌋, 0 neither, 1 Black, 2 White; the bits past N² zero
///     version 1's payload: one Brotli stream of sample records, all FullSearch, none with final targets
///  8  i64 sample count
///  8  i64 payload length in bytes
/// 32  SHA-256 of every byte before it
/// </code>
/// A sample's record:
/// <code>
///  8  u64 game id
///  4  i32 move number
///  1  i8 outcome z
///  ⌈18·N²/8⌉  the packed input planes (<see cref="TrainingSample.PackedPlanes"/>)
///  4·(N²+1)   f32 π
/// </code>
/// A game's ownership and score are written once, not with each of its samples: a 19×19 game of 250 samples adds
/// under a byte a sample. The count and the payload length come after the payload so that a writer can stream samples
/// out as they come. A chunk is written as NAME.chunk.part and renamed to NAME.chunk only when complete; readers take
/// *.chunk files only.
/// </summary>
public static class TrainingChunk
{
    /// <summary>The version written.</summary>
    public const uint FormatVersion = 2;

    /// <summary>The oldest version read: its samples have no final targets and are all FullSearch.</summary>
    public const uint OldestReadableVersion = 1;
    public const string Extension = ".chunk";

    /// <summary>The suffix of a chunk being written: NAME.chunk.part.</summary>
    public const string PartSuffix = ".part";

    public const int HeaderSize = 8 + 4 + 4;
    public const int HashSize = 32;
    public const int TrailerSize = 8 + 8 + HashSize;
    private const int RecordHeaderSize = 8 + 4 + 1;

    /// <summary>The first byte of a version-2 entry.</summary>
    internal const byte SampleEntry = 1, FinalTargetsEntry = 2;

    /// <summary>The flags of a sample entry.</summary>
    internal const byte FullSearchFlag = 1, TakesFinalTargetsFlag = 2;

    /// <summary>The flags of a final-targets entry.</summary>
    internal const byte OwnershipFlag = 1, ScoreFlag = 2;

    /// <summary>"GZTRN", CR, LF, ^Z.</summary>
    public static ReadOnlySpan<byte> Magic => "GZTRN\r\n\u001A"u8;

    /// <summary>Bytes of one sample's record (<see cref="WriteRecord"/>), in either version.</summary>
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

    /// <summary>The sample a record holds, or null with <paramref name="problem"/> saying why it holds none.</summary>
    internal static TrainingSample? ReadRecord(ReadOnlySpan<byte> record, int boardSize, bool fullSearch, out string? problem)
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
            return new TrainingSample(boardSize, planes, policy, outcome, gameId, moveNumber, fullSearch);
        }
        catch (ArgumentException e)
        {
            // The constructor checks the parts (TrainingSample.Problem) and says what is wrong.
            problem = e.Message;
            return null;
        }
    }

    /// <summary>Bytes of a final-targets entry after its first byte, with everything present: the most it takes.</summary>
    public static int MaxFinalTargetsSize(int boardSize) => 8 + 1 + 4 + OwnershipSize(boardSize);

    private static int OwnershipSize(int boardSize) => (boardSize * boardSize + 3) / 4;

    /// <summary>Writes the final-targets entry of game <paramref name="gameId"/> after its first byte; returns its
    /// length.</summary>
    internal static int WriteFinalTargets(FinalTargets targets, ulong gameId, Span<byte> entry)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(entry, gameId);
        entry[8] = (byte)((targets.HasOwnership ? OwnershipFlag : 0) | (targets.BlackScore is null ? 0 : ScoreFlag));
        int length = 9;
        if (targets.BlackScore is float score)
        {
            BinaryPrimitives.WriteSingleLittleEndian(entry[length..], score);
            length += 4;
        }
        if (targets.HasOwnership)
        {
            var packed = entry.Slice(length, OwnershipSize(targets.BoardSize));
            packed.Clear();
            var owner = targets.BlackOwnership;
            for (int index = 0; index < owner.Length; index++)
                packed[index >> 2] |= (byte)((owner[index] > 0 ? 1 : owner[index] < 0 ? 2 : 0) << (2 * (index & 3)));
            length += packed.Length;
        }
        return length;
    }

    /// <summary>How many bytes follow the flags of a final-targets entry, or null when the flags are not ones.</summary>
    internal static int? FinalTargetsBodySize(byte flags, int boardSize) =>
        flags is 0 || (flags & ~(OwnershipFlag | ScoreFlag)) != 0 ? null
        : ((flags & ScoreFlag) != 0 ? 4 : 0) + ((flags & OwnershipFlag) != 0 ? OwnershipSize(boardSize) : 0);

    /// <summary>The final targets a body (what follows the flags) holds, or null with <paramref name="problem"/>
    /// saying why it holds none.</summary>
    internal static FinalTargets? ReadFinalTargets(byte flags, ReadOnlySpan<byte> body, int boardSize, out string? problem)
    {
        float? score = null;
        if ((flags & ScoreFlag) != 0)
        {
            score = BinaryPrimitives.ReadSingleLittleEndian(body);
            body = body[4..];
        }
        sbyte[]? ownership = null;
        if ((flags & OwnershipFlag) != 0)
        {
            int area = boardSize * boardSize;
            ownership = new sbyte[area];
            for (int index = 0; index < area; index++)
            {
                int code = (body[index >> 2] >> (2 * (index & 3))) & 3;
                if (code == 3)
                {
                    problem = $"the final owner of point {index} is code 3, which means nothing";
                    return null;
                }
                ownership[index] = (sbyte)(code == 1 ? 1 : code == 2 ? -1 : 0);
            }
            if ((area & 3) != 0 && body[area >> 2] >> (2 * (area & 3)) != 0)
            {
                problem = "bits are set past the final ownership";
                return null;
            }
        }
        problem = FinalTargets.Problem(boardSize, ownership, score);
        return problem is null ? new FinalTargets(boardSize, ownership, score) : null;
    }
}
