using GoZero.Network.Import;

namespace GoZero.Network.HeldOut;

/// <summary>What a held-out test found.</summary>
/// <param name="GamesRead">Records read (games from SGF and Tygem sources; for chunks, the games kept).</param>
/// <param name="Games">Games whose positions were scored: for chunks, the distinct game ids.</param>
/// <param name="Skipped">Games skipped, by reason (as the import skips them); all zero for chunks.</param>
/// <param name="ChunksSkipped">Chunks that could not be read, each with the reason (a warning was given).</param>
/// <param name="Stopped">Cancelled before the end: the figures are those of the positions scored so far.</param>
public sealed record HeldOutSummary(
    long GamesRead,
    long Games,
    IReadOnlyDictionary<SkipReason, long> Skipped,
    int ChunksSkipped,
    HeldOutMetrics Metrics,
    TimeSpan Elapsed,
    bool Stopped,
    long Warnings)
{
    public long GamesSkipped => Skipped.Values.Sum();

    public double PositionsPerSecond => Metrics.All.Positions / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
