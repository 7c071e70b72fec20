using GoZero.Engine;
using GoZero.Gtp;

namespace GoZero.SelfPlay;

/// <summary>
/// One side of a match: GoZero's own search or an external GTP engine. A player is made once per match and told of
/// each new game, of every move played, and asked for its own moves. A player that fails (an engine that crashes,
/// hangs or answers nonsense) throws <see cref="GtpEngineException"/>; the match scores that game as lost by it and
/// starts the next game with the player made whole again by <see cref="NewGame"/>.
/// </summary>
public interface IMatchPlayer : IDisposable
{
    /// <summary>How the player appears in game records and summaries.</summary>
    string Name { get; }

    /// <summary>Starts a game from <paramref name="start"/>: its size, komi, handicap stones and any opening moves
    /// already played.</summary>
    void NewGame(Game start);

    /// <summary>Tells the player of a move its opponent played.</summary>
    void Play(Color player, Move move);

    /// <summary>The player's move for <paramref name="player"/>: a point, <see cref="Move.Pass"/> or
    /// <see cref="Move.Resign"/>, already played on the player's own board, as GTP's <c>genmove</c> does. The match
    /// checks it and tells the opponent.</summary>
    Move GenerateMove(Color player);

    /// <summary>The player's move in a game that goes on after two passes to settle a dispute (KGS's cleanup phase):
    /// GTP's <c>kgs-genmove_cleanup</c>, which captures the opponent's dead stones before it passes. A player without
    /// such a mode plays as it always does.</summary>
    Move GenerateCleanupMove(Color player) => GenerateMove(player);

    /// <summary>What the player can say about its last generated move (win rate, visits) for the game record; null
    /// when it says nothing.</summary>
    string? LastMoveComment { get; }

    /// <summary>The player's own count of the game just ended by two passes, as GTP's <c>final_score</c> gives it
    /// ("B+3.5"); null when it keeps none, or cannot say. The referee's count decides the game; this one is recorded
    /// beside it, so that a match against GNU Go says whether the two judged the dead stones alike (issue 20).</summary>
    string? FinalScore() => null;
}
