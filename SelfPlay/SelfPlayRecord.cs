using GoZero.Engine;

namespace GoZero.SelfPlay;

/// <summary>
/// A finished self-play game: the game itself, π and the search's view of every move, and its result.
/// </summary>
/// <param name="Id">Unique within a run; names the game's SGF and its training samples.</param>
/// <param name="Game">The whole game; a resignation is its last move.</param>
/// <param name="Moves">One entry per move of <paramref name="Game"/> except a final resignation.</param>
/// <param name="Result">Tromp-Taylor score after two passes or at the move limit, else the resignation.</param>
/// <param name="ResignationAllowed">False in the share of games played out to the end to check resignations.</param>
/// <param name="WouldHaveResigned">In a game without resignation, the first side whose search fell below the
/// threshold; Empty if none did (or resignation was allowed).</param>
public sealed record SelfPlayRecord(
    long Id,
    Game Game,
    IReadOnlyList<SelfPlayMove> Moves,
    GameResult Result,
    bool ResignationAllowed,
    Color WouldHaveResigned,
    TimeSpan Elapsed)
{
    /// <summary>Whether a side would have resigned and then won: the resignation would have been wrong.</summary>
    public bool FalseResignation => WouldHaveResigned != Color.Empty && Result.Winner == WouldHaveResigned;

    /// <summary>The lowest win rate the eventual winner's search gave itself over the game: had it resigned at a
    /// threshold above this, the resignation would have been wrong. NaN for a draw or a winner without a move.</summary>
    public double WinnerMinimumWinRate
    {
        get
        {
            double minimum = double.NaN;
            for (int i = 0; i < Moves.Count; i++)
                if (Game.Players[i] == Result.Winner && !(Moves[i].WinRate >= minimum)) minimum = Moves[i].WinRate;
            return Result.IsDraw ? double.NaN : minimum;
        }
    }

    /// <summary>z for the player who made move <paramref name="index"/>: +1 if that player won, −1 if lost, 0 for a draw.</summary>
    public float OutcomeFor(int index)
    {
        if (Result.IsDraw) return 0;
        return Game.Players[index] == Result.Winner ? 1 : -1;
    }
}
