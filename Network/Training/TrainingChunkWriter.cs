using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GoZero.Network.Training;

/// <summary>
/// Writes a chunk (<see cref="TrainingChunk"/>) as self-play produces samples: each <see cref="Append"/> compresses
/// the sample straight into NAME.chunk.part beside the target, so memory stays bounded however many samples a chunk
/// gets. <see cref="Complete"/> writes the trailer and the SHA-256, flushes the file to disk and only then renames it
/// to NAME.chunk: a crash before that leaves a .part file, which readers never take. Disposing a writer that was not
/// completed deletes its .part file. Not thread-safe.
/// </summary>
public sealed class TrainingChunkWriter : IDisposable
{
    private readonly FileStream file;
    private readonly Stream compressor;
    private readonly byte[] sampleEntry;
    private readonly byte[] finalTargetsEntry;
    private FinalTargets? lastFinalTargets;
    private ulong lastFinalTargetsGame;
    private bool completed;
    private bool disposed;

    /// <summary>Starts a chunk that will be <paramref name="path"/> (which must end in .chunk) once complete. A .part
    /// file of the same name, left by a writer that crashed, is overwritten.</summary>
    public TrainingChunkWriter(string path, int boardSize)
    {
        if (!path.EndsWith(TrainingChunk.Extension, StringComparison.Ordinal))
            throw new ArgumentException($"a chunk's name ends in {TrainingChunk.Extension}: {path}", nameof(path));
        if (boardSize < Engine.BoardGeometry.MinSize || boardSize > Engine.BoardGeometry.MaxSize)
            throw new ArgumentOutOfRangeException(nameof(boardSize), $"board size {boardSize} is outside {Engine.BoardGeometry.MinSize}..{Engine.BoardGeometry.MaxSize}");
        Path = path;
        PartPath = path + TrainingChunk.PartSuffix;
        BoardSize = boardSize;
        sampleEntry = new byte[2 + TrainingChunk.RecordSize(boardSize)];
        sampleEntry[0] = TrainingChunk.SampleEntry;
        finalTargetsEntry = new byte[1 + TrainingChunk.MaxFinalTargetsSize(boardSize)];
        finalTargetsEntry[0] = TrainingChunk.FinalTargetsEntry;
        file = new FileStream(PartPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16);
        Span<byte> header = stackalloc byte[TrainingChunk.HeaderSize];
        TrainingChunk.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], TrainingChunk.FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)boardSize);
        file.Write(header);
        compressor = TrainingChunk.Compress(file);
    }

    /// <summary>The chunk's name once complete.</summary>
    public string Path { get; }

    /// <summary>Where the chunk is written until it is complete.</summary>
    public string PartPath { get; }

    public int BoardSize { get; }

    /// <summary>Samples appended so far.</summary>
    public long Count { get; private set; }

    public void Append(TrainingSample sample)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (completed) throw new InvalidOperationException($"{Path} is complete: no sample can be appended");
        if (sample.BoardSize != BoardSize)
            throw new ArgumentException($"a {sample.BoardSize}×{sample.BoardSize} sample cannot go into a {BoardSize}×{BoardSize} chunk", nameof(sample));
        var targets = sample.FinalTargets;
        // A game's targets are written once, before the first of its samples: samples come game by game.
        if (targets is not null && (targets != lastFinalTargets || sample.GameId != lastFinalTargetsGame))
        {
            int length = TrainingChunk.WriteFinalTargets(targets, sample.GameId, finalTargetsEntry.AsSpan(1));
            compressor.Write(finalTargetsEntry, 0, 1 + length);
            (lastFinalTargets, lastFinalTargetsGame) = (targets, sample.GameId);
        }
        sampleEntry[1] = (byte)((sample.FullSearch ? TrainingChunk.FullSearchFlag : 0) | (targets is null ? 0 : TrainingChunk.TakesFinalTargetsFlag));
        TrainingChunk.WriteRecord(sample, sampleEntry.AsSpan(2));
        compressor.Write(sampleEntry);
        Count++;
    }

    /// <summary>Finishes the chunk: trailer, SHA-256, flush to disk, rename from .part to .chunk. Refuses to replace
    /// an existing chunk of the same name (<see cref="IOException"/>), leaving the .part file.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (completed) throw new InvalidOperationException($"{Path} is already complete");
        compressor.Dispose();
        long payloadLength = file.Position - TrainingChunk.HeaderSize;
        Span<byte> counts = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(counts, Count);
        BinaryPrimitives.WriteInt64LittleEndian(counts[8..], payloadLength);
        file.Write(counts);
        // The hash reads back what is in the file rather than what was meant to go there.
        file.Flush();
        file.Seek(0, SeekOrigin.Begin);
        byte[] hash = SHA256.HashData(file);
        file.Write(hash);
        file.Flush(flushToDisk: true);
        file.Dispose();
        completed = true;
        File.Move(PartPath, Path, overwrite: false);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (completed) return;
        compressor.Dispose();
        file.Dispose();
        File.Delete(PartPath);
    }
}
