using System.Text.Json.Serialization;
using GoZero.Engine;

namespace GoZero.SelfPlay;

/// <summary>How a match is played. Validated once, where the match is made.</summary>
/// <param name="Games">Games to play; A has Black in the odd-numbered ones (1, 3, …), B in the even ones.</param>
/// <param name="BoardSize">The board, 2 to 25.</param>
/// <param name="Rules">Ko, suicide and komi (default: positional superko, no suicide, komi 7.5).</param>
/// <param name="Handicap">Fixed handicap stones for Black, 0 or 2 to the board's maximum. Default 0.</param>
/// <param name="OpeningMoves">Random moves away from the edge that start each pair of games; null: about one per
/// five lines of board (1 on 5×5, 2 on 9×9, 4 on 19×19).</param>
/// <param name="MaxMoves">A game still going after this many moves is scored as it stands; null: 3·N².</param>
/// <param name="Seed">Seeds the openings.</param>
/// <param name="CleanupDisputes">After two passes that leave a dispute — a fight the referee cannot call
/// (<see cref="DeadStones.UnsettledPoints"/>) or a player's own count that differs from the referee's — the game goes
/// on in cleanup mode until two passes again, each player asked for <c>kgs-genmove_cleanup</c> (capture the dead
/// stones, no pass while they are on the board), then is judged again: how KGS settles its bots' disputes, so that the
/// board is scored once the players have shown, not guessed, which stones die. Off for ledgers written before it
/// existed, so that their games are still counted together.</param>
public sealed record MatchOptions(
    int Games,
    int BoardSize,
    RulesOptions Rules,
    int Handicap = 0,
    int? OpeningMoves = null,
    int? MaxMoves = null,
    int Seed = 1,
    bool CleanupDisputes = false)
{
    [JsonIgnore]
    public int OpeningMovesFor => OpeningMoves ?? Math.Max(0, (BoardSize + 1) / 5);

    [JsonIgnore]
    public int MaxMovesFor => MaxMoves ?? 3 * BoardSize * BoardSize;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public MatchOptions Validated()
    {
        if (Games < 1) throw new ArgumentException($"a match needs at least one game, not {Games}");
        if (BoardSize < BoardGeometry.MinSize || BoardSize > BoardGeometry.MaxSize)
            throw new ArgumentException($"board size {BoardSize} is outside {BoardGeometry.MinSize}..{BoardGeometry.MaxSize}");
        Rules.Validated();
        int maxHandicap = Engine.Handicap.MaxFixed(BoardSize);
        if (Handicap != 0 && (Handicap < 2 || Handicap > maxHandicap))
            throw new ArgumentException(maxHandicap < 2
                ? $"a {BoardSize}×{BoardSize} board has no fixed handicap"
                : $"handicap must be 0 or 2 to {maxHandicap} on {BoardSize}×{BoardSize}, not {Handicap}");
        if (OpeningMoves is < 0 or > 50) throw new ArgumentException($"opening moves must be 0 to 50, not {OpeningMoves}");
        if (MaxMoves is < 1) throw new ArgumentException($"the move limit must be at least 1, not {MaxMoves}");
        return this;
    }
}
