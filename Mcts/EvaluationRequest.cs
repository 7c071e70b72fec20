using GoZero.Engine;
using GoZero.Network;

namespace GoZero.Mcts;

/// <summary>
/// One leaf for an <see cref="IEvaluator"/>: the game at the leaf (its history gives the network its 8 boards; it
/// does not change until the evaluation returns) and the legal moves there, which the search lists; the evaluator
/// writes <see cref="Priors"/> (one per move, same order) and <see cref="Value"/>, and where it
/// <see cref="IEvaluator.EvaluatesOwnershipAndScore"/> also <see cref="Ownership"/> and <see cref="Score"/>. Reused from leaf to leaf by a
/// search thread, so a batch allocates nothing.
/// </summary>
public sealed class EvaluationRequest
{
    /// <summary>The boards of history an evaluator may read: the position now and the 7 before it, the network's
    /// input (AlphaGo Zero, Methods: 8 boards a player; <c>InputPlanes.HistoryLength</c>) and the evaluation cache's
    /// key. A search thread's copy of the game keeps no more (<see cref="Game.CloneRecent"/>).</summary>
    public const int HistoryBoards = InputPlanes.HistoryLength;

    private readonly Move[] moves;

    public EvaluationRequest(Game game)
    {
        Game = game;
        moves = new Move[game.Geometry.Area + 1];
        Priors = new float[moves.Length];
        Ownership = new float[game.Geometry.Area];
    }

    public Game Game { get; }

    public int MoveCount { get; private set; }

    public ReadOnlySpan<Move> Moves => moves.AsSpan(0, MoveCount);

    /// <summary>The prior of each of <see cref="Moves"/>; only the first <see cref="MoveCount"/> entries are used.</summary>
    public float[] Priors { get; }

    /// <summary>The value for the player to move at the leaf, in [−1, 1].</summary>
    public float Value { get; set; }

    /// <summary>The ownership head's map, one value in [−1, 1] per point in dense-index order (row by row from A1),
    /// from the view of the player to move at the leaf: +1 owned by them at the end. Written only by an evaluator
    /// that <see cref="IEvaluator.EvaluatesOwnershipAndScore"/>.</summary>
    public float[] Ownership { get; }

    /// <summary>The score head's final score difference in points (komi included) for the player to move at the
    /// leaf; written only with <see cref="Ownership"/>.</summary>
    public float Score { get; set; }

    /// <summary>Lists the legal moves of the player to move (superko included), pass last.</summary>
    public void ListLegalMoves()
    {
        int count = 0;
        Color player = Game.ToMove;
        foreach (int point in Game.Geometry.Points)
        {
            var move = new Move(point);
            if (Game.CheckLegality(player, move) == MoveLegality.Legal) moves[count++] = move;
        }
        moves[count++] = Move.Pass;
        MoveCount = count;
    }
}
