using GoZero.Engine;

namespace GoZero.Network.Import;

/// <summary>
/// What an import of expert games reads and how it cuts them into chunks.
/// </summary>
/// <param name="Out">The folder the chunks and import.json go to (made if missing).</param>
/// <param name="Tygem">A folder of Tygem zips and their index (<see cref="TygemArchive"/>), or null.</param>
/// <param name="Sgf">A folder of SGF files, read recursively (<see cref="SgfFolder"/>), or null. Its games come after
/// the Tygem games.</param>
/// <param name="BoardSize">Games of other sizes are skipped. Default 19.</param>
/// <param name="MinMoves">Games of fewer moves (passes included) are skipped. Default 20: on Tygem, a game resigned
/// before then was aborted rather than lost on the board.</param>
/// <param name="Games">Stop after this many games imported; null for all.</param>
/// <param name="GamesPerChunk">Imported games per chunk. Default 250: about 55,000 19×19 samples, a few MB; an import
/// stopped half-way loses at most the chunk in progress.</param>
public sealed record ImportOptions(
    string Out,
    string? Tygem = null,
    string? Sgf = null,
    int BoardSize = 19,
    int MinMoves = 20,
    int? Games = null,
    int GamesPerChunk = 250)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the option that cannot be used.</summary>
    public ImportOptions Validated()
    {
        if (string.IsNullOrWhiteSpace(Out)) throw new ArgumentException("the folder to import into (--out) is missing");
        if (Tygem is null && Sgf is null) throw new ArgumentException("nothing to import: give --tygem DIR, --sgf DIR or both");
        if (BoardSize < BoardGeometry.MinSize || BoardSize > BoardGeometry.MaxSize)
            throw new ArgumentException($"--board {BoardSize} is outside {BoardGeometry.MinSize}..{BoardGeometry.MaxSize}");
        if (MinMoves < 1) throw new ArgumentException($"--min-moves must be at least 1, not {MinMoves}");
        if (Games is < 1) throw new ArgumentException($"--games must be at least 1, not {Games}");
        if (GamesPerChunk < 1) throw new ArgumentException($"--games-per-chunk must be at least 1, not {GamesPerChunk}");
        return this;
    }
}
