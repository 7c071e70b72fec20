using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>
/// The checks that keep a search from throwing away a game at its end (Leela Zero UCTSearch::get_best_move, unless
/// "dumbpass"; KataGo does the same): a pass the search chose is replaced by its most visited move that is not a pass
/// (and does not fill the player's own eye) when ending the game now would lose it; and when the opponent has just
/// passed and passing now wins, the player passes and the game ends won. "Ending now" is judged by the caller's
/// score: Tromp-Taylor for self-play (which scores that way, so that the network learns to remove dead stones itself),
/// the dead-stone judgement for games scored by it (matches, GTP).
/// </summary>
public static class PassRule
{
    /// <summary>The player to move's lead if the game ended now, komi included: positive wins.</summary>
    public delegate double Margin(Game game, Color player);

    /// <summary>Tromp-Taylor area score: every stone on the board alive.</summary>
    public static double TrompTaylorMargin(Game game, Color player)
    {
        double blackMinusWhite = AreaScoring.BlackMinusWhite(game.Current, game.Rules.Komi);
        return player == Color.Black ? blackMinusWhite : -blackMinusWhite;
    }

    /// <summary>Area score with the stones <see cref="DeadStones"/> judges dead taken off.</summary>
    public static double JudgedMargin(Game game, Color player)
    {
        double blackMinusWhite = DeadStones.Judge(game).BlackMinusWhite(game.Rules.Komi);
        return player == Color.Black ? blackMinusWhite : -blackMinusWhite;
    }

    /// <summary>
    /// <paramref name="chosen"/> (the search's choice for the player to move in <paramref name="game"/>), or the
    /// move that the rule puts in its place. <paramref name="moves"/> are the root's moves, most visited first.
    /// </summary>
    public static Move Apply(Game game, Move chosen, IReadOnlyList<RootMoveStats> moves, Margin margin)
    {
        if (chosen.IsResign) return chosen;
        Color player = game.ToMove;
        if (chosen.IsPass)
            return margin(game, player) >= 0 ? Move.Pass : BestPlay(game, moves) ?? Move.Pass;
        bool opponentPassed = game.MoveCount > 0 && game.Moves[^1].IsPass && game.Players[^1] == player.Opponent();
        if (opponentPassed && margin(game, player) > 0) return Move.Pass;
        return chosen;
    }

    /// <summary>The most visited legal move that is not a pass and does not fill the player's own eye; else any such
    /// legal move; null when there is none.</summary>
    public static Move? BestPlay(Game game, IReadOnlyList<RootMoveStats> moves)
    {
        Color player = game.ToMove;
        foreach (var stats in moves)
            if (IsSensiblePlay(game, stats.Move, player)) return stats.Move;
        foreach (var move in game.LegalMoves())
            if (IsSensiblePlay(game, move, player)) return move;
        return null;
    }

    /// <summary>A legal move on the board that does not fill one of the player's own eyes.</summary>
    public static bool IsSensiblePlay(Game game, Move move, Color player) =>
        move.IsPlay && !game.Current.IsEyeOf(move.Point, player) && game.IsLegal(player, move);
}
