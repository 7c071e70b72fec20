using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Gtp;

/// <summary>
/// Turns a finished search into the move <c>genmove</c> answers, with the checks that keep an engine from losing a
/// won game at its end, as Leela Zero (UCTSearch::think, "passing wins") and KataGo do (<see cref="PassRule"/>, judged
/// with the dead stones taken off):
/// <list type="bullet">
/// <item>It passes only when passing does not lose: when the search chooses pass but the area score with the dead
/// stones judged off (<see cref="DeadStones"/>) is a loss, it plays the most visited move that is not a pass instead
/// (never into its own eye), so that a player whose opponent just passed does not end the game losing.</item>
/// <item>When the opponent has just passed and passing now wins, it passes: the game ends won.</item>
/// <item>In cleanup (<c>kgs-genmove_cleanup</c>) it does not pass while the opponent has dead stones left that it can
/// attack: it plays on their liberties, captures first, until they are gone.</item>
/// </list>
/// </summary>
public static class MoveSelection
{
    public static Move Choose(Game game, Search search, bool cleanup)
    {
        var moves = search.RootMoves();
        if (PassRule.Resigns(game, moves, search.RootVisits, search.Options, PassRule.JudgedMargin)) return Move.Resign;
        if (cleanup && CleanupMove(game, search) is { } capture) return capture;
        return PassRule.Apply(game, search.ChoosePlay(), moves, PassRule.JudgedMargin);
    }

    /// <summary>
    /// A move against the opponent's dead stones: a capture if one is legal, else a liberty of a dead chain — the one
    /// of the chain with the fewest liberties, ties to the move the search visited most. Null when the opponent has
    /// no dead stones, or none that can be attacked.
    /// </summary>
    private static Move? CleanupMove(Game game, Search search)
    {
        Color player = game.ToMove, opponent = player.Opponent();
        var position = game.Current;
        var geometry = game.Geometry;
        var judgement = DeadStones.Judge(game);
        var visits = search.RootMoves().ToDictionary(s => s.Move, s => s.Visits);
        Move? best = null;
        (int Liberties, int Visits) bestKey = (int.MaxValue, -1);
        foreach (int stone in judgement.DeadPoints)
        {
            if (position[stone] != opponent) continue;
            int liberties = position.LibertiesOf(stone);
            foreach (int offset in geometry.NeighbourOffsets)
            {
                var move = new Move(stone + offset);
                if (!geometry.IsOnBoard(move.Point) || position[move.Point] != Color.Empty) continue;
                if (!PassRule.IsSensiblePlay(game, move, player)) continue;
                (int Liberties, int Visits) key = (liberties, visits.GetValueOrDefault(move));
                if (key.Liberties < bestKey.Liberties || (key.Liberties == bestKey.Liberties && key.Visits > bestKey.Visits))
                {
                    best = move;
                    bestKey = key;
                }
            }
        }
        return best;
    }
}
