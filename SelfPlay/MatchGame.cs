using System.Diagnostics;
using GoZero.Engine;
using GoZero.Gtp;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// Plays one game between two <see cref="IMatchPlayer"/>s under the referee's own rules: every move is checked
/// against <see cref="Game"/> (superko included); a player that plays an illegal move, crashes or hangs forfeits; after
/// two passes (or at the move limit) the game is scored by area, dead stones taken off as the referee's
/// <see cref="DeadStoneJudge"/> judges them.
/// </summary>
public static class MatchGame
{
    /// <summary>The finished game, its result, how it ended and a comment per move for the record; after two passes,
    /// the players' own counts (<see cref="IMatchPlayer.FinalScore"/>) by player name, where they gave one.</summary>
    public sealed record Outcome(Game Game, GameResult Result, string Ending, IReadOnlyList<string?> Comments, TimeSpan Elapsed,
                                 IReadOnlyDictionary<string, string>? Counts = null);

    public static Outcome Play(IMatchPlayer black, IMatchPlayer white, Game start, int maxMoves, DeadStoneJudge? referee = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMoves, 1);
        var clock = Stopwatch.StartNew();
        var game = start.Clone();
        var comments = new List<string?>(Enumerable.Repeat<string?>("opening move, drawn at random", game.MoveCount));

        Outcome Forfeit(Color loser, string why) => new(game, new GameResult(loser.Opponent(), ResultKind.Forfeit), why, comments, clock.Elapsed);

        foreach (var (player, color) in new[] { (black, Color.Black), (white, Color.White) })
        {
            try { player.NewGame(start); }
            catch (GtpEngineException e) { return Forfeit(color, e.Message); }
        }

        while (!game.IsOver && game.MoveCount < maxMoves)
        {
            Color color = game.ToMove;
            var (mover, other) = color == Color.Black ? (black, white) : (white, black);
            Move move;
            try { move = mover.GenerateMove(color); }
            catch (GtpEngineException e) { return Forfeit(color, e.Message); }

            if (move.IsResign)
            {
                game.Play(color, move);
                comments.Add(mover.LastMoveComment);
                return new Outcome(game, GameResult.ByResignation(color), "resignation", comments, clock.Elapsed);
            }
            var legality = game.TryPlay(color, move);
            if (legality != MoveLegality.Legal)
                return Forfeit(color, $"{mover.Name} played the illegal move {color.ToLetter()} {Vertex.ToGtp(move, game.Geometry)} ({legality})");
            comments.Add(mover.LastMoveComment);
            try { other.Play(color, move); }
            catch (GtpEngineException e) { return Forfeit(color.Opponent(), e.Message); }
        }

        var judgement = (referee ?? DeadStoneJudge.Playouts).Judge(game);
        string ending = game.IsOver ? "two passes" : $"move limit ({maxMoves})";
        return new Outcome(game, judgement.Result(game.Rules.Komi), ending, comments, clock.Elapsed, game.IsOver ? Counts(black, white) : null);
    }

    private static IReadOnlyDictionary<string, string>? Counts(IMatchPlayer black, IMatchPlayer white)
    {
        var counts = new Dictionary<string, string>();
        foreach (var player in new[] { black, white })
            if (player.FinalScore() is { } count) counts[player.Name] = count;
        return counts.Count > 0 ? counts : null;
    }
}
