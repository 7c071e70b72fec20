namespace GoZero.Network.Import;

/// <summary>What an import did. A resumed import reads and judges every game again, so its counts are those of the
/// whole import; <see cref="ChunksKept"/> says how many chunks an earlier run had completed.</summary>
/// <param name="GamesRead">Records read: lines of the Tygem zips (blank lines aside) and SGF files.</param>
/// <param name="GamesImported">Games that gave samples, their chunks complete.</param>
/// <param name="Samples">Samples in the import's complete chunks: one per move of each imported game.</param>
/// <param name="Chunks">Complete chunks of the import.</param>
/// <param name="ChunksWritten">Chunks this run wrote.</param>
/// <param name="ChunksKept">Chunks an earlier run had written, left as they were.</param>
/// <param name="Skipped">Games skipped, by reason (every reason listed, zeros included).</param>
/// <param name="Komi">Imported games by the komi their records state (Tygem: 6.5).</param>
/// <param name="ChunkBytes">Bytes of the complete chunks on disk.</param>
/// <param name="Stopped">Cancelled before the end: the chunk in progress was dropped, and a run with the same
/// settings continues.</param>
/// <param name="Warnings">Messages about records or index lines that could not be read.</param>
public sealed record ImportSummary(
    long GamesRead,
    long GamesImported,
    long Samples,
    int Chunks,
    int ChunksWritten,
    int ChunksKept,
    IReadOnlyDictionary<SkipReason, long> Skipped,
    IReadOnlyDictionary<double, long> Komi,
    long ChunkBytes,
    TimeSpan Elapsed,
    bool Stopped,
    long Warnings)
{
    public long GamesSkipped => Skipped.Values.Sum();

    public double GamesPerSecond => Elapsed.TotalSeconds > 0 ? GamesRead / Elapsed.TotalSeconds : 0;

    /// <summary>Chunk bytes on disk per sample (compressed; header, trailer and hash included).</summary>
    public double BytesPerSample => Samples > 0 ? (double)ChunkBytes / Samples : 0;
}
