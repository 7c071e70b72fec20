using GoZero.Engine;

namespace GoZero.Network.HeldOut;

/// <summary>
/// What a held-out test reads and how it runs the network.
/// </summary>
/// <param name="Sgf">A folder of SGF files, read recursively (<see cref="Import.SgfFolder"/>), or null.</param>
/// <param name="Tygem">A folder of Tygem zips and their index (<see cref="Import.TygemArchive"/>), or null. Its games
/// come before the SGF files', as in an import.</param>
/// <param name="Data">A folder of training chunks (self-play's or an import's), or null: instead of games.</param>
/// <param name="BoardSize">The network's board size: games of other sizes are skipped, chunks of other sizes refused.</param>
/// <param name="MinMoves">Games of fewer moves are skipped. Default 20, the import's: the same games count.</param>
/// <param name="Games">Stop after this many games kept; null for all.</param>
/// <param name="Batch">Network inputs per forward pass. Default 256, as net train's batch.</param>
/// <param name="Average">Average the network's outputs over the 8 symmetries; the default is the identity
/// symmetry alone.</param>
public sealed record HeldOutOptions(
    string? Sgf = null,
    string? Tygem = null,
    string? Data = null,
    int BoardSize = 19,
    int MinMoves = 20,
    int? Games = null,
    int Batch = 256,
    bool Average = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the option that cannot be used.</summary>
    public HeldOutOptions Validated()
    {
        if (Sgf is null && Tygem is null && Data is null) throw new ArgumentException("nothing to test on: give --sgf DIR, --tygem DIR or --data DIR");
        if (Data is not null && (Sgf is not null || Tygem is not null))
            throw new ArgumentException("--data (training chunks) is a test set of its own: give it without --sgf and --tygem");
        if (BoardSize < BoardGeometry.MinSize || BoardSize > BoardGeometry.MaxSize)
            throw new ArgumentException($"--board {BoardSize} is outside {BoardGeometry.MinSize}..{BoardGeometry.MaxSize}");
        if (MinMoves < 1) throw new ArgumentException($"--min-moves must be at least 1, not {MinMoves}");
        if (Games is < 1) throw new ArgumentException($"--games must be at least 1, not {Games}");
        if (Batch < 1) throw new ArgumentException($"--batch must be at least 1, not {Batch}");
        return this;
    }
}
