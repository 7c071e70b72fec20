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

    /// <summary>
    /// Whether the player should resign: when the move it would play — the search's most visited, or what this rule puts
    /// in its place — has a win rate below <see cref="SearchOptions.ResignThreshold"/> after at least
    /// <see cref="SearchOptions.ResignMinVisits"/> root visits. The most visited move alone misleads at the end of a
    /// game: a pass that would lose has a win rate near 0, and it can be the most visited (after the opponent passed,
    /// passing ends the game, an exact result the search returns to), while the move played instead is fine. Judging
    /// it made self-play's played-out games report a third of their resignations as false. A replacement the search
    /// never visited is no evidence of a lost game: no resignation.
    /// </summary>
    public static bool Resigns(Game game, IReadOnlyList<RootMoveStats> moves, int rootVisits, SearchOptions options, Margin margin)
    {
        if (options.ResignThreshold <= 0 || rootVisits < Math.Max(1, options.ResignMinVisits)) return false;
        if (moves.Count == 0 || moves[0].Visits == 0) return false;
        Move played = Apply(game, moves[0].Move, moves, margin);
        foreach (var stats in moves)
            if (stats.Move == played) return stats.Visits > 0 && (1 + stats.Q) / 2 < options.ResignThreshold;
        return false;
    }

    /// <summary>The move a player makes from a finished search under this rule: <see cref="Move.Resign"/> when
    /// <see cref="Resigns"/>, else the search's choice (<see cref="Search.ChoosePlay"/>) with the rule applied.</summary>
    public static Move Choose(Game game, Search search, Margin margin)
    {
        var moves = search.RootMoves();
        return Resigns(game, moves, search.RootVisits, search.Options, margin) ? Move.Resign : Apply(game, search.ChoosePlay(), moves, margin);
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
