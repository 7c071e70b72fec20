using System.Diagnostics;
using GoZero.Engine;
using GoZero.Gtp;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// Plays one game between two <see cref="IMatchPlayer"/>s under the referee's own rules: every move is checked
/// against <see cref="Game"/> (superko included); a player that plays an illegal move, crashes or hangs forfeits; after
/// two passes (or at the move limit) the game is scored by area, dead stones taken off as the referee's
/// <see cref="DeadStoneJudge"/> judges them — after a cleanup where the two passes left a dispute, if asked.
/// </summary>
public static class MatchGame
{
    /// <summary>The finished game, its result, how it ended and a comment per move for the record; after two passes,
    /// the players' own counts (<see cref="IMatchPlayer.FinalScore"/>) by player name, where they gave one.</summary>
    public sealed record Outcome(Game Game, GameResult Result, string Ending, IReadOnlyList<string?> Comments, TimeSpan Elapsed,
                                 IReadOnlyDictionary<string, string>? Counts = null);

    /// <summary>The words an ending has when a dispute went to a cleanup.</summary>
    public const string CleanupEnding = "a cleanup";

    /// <param name="cleanupDisputes">Settle a dispute after two passes by play (<see cref="MatchOptions.CleanupDisputes"/>).</param>
    public static Outcome Play(IMatchPlayer black, IMatchPlayer white, Game start, int maxMoves, DeadStoneJudge? referee = null,
                               bool cleanupDisputes = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMoves, 1);
        var clock = Stopwatch.StartNew();
        var game = start.Clone();
        var judge = referee ?? DeadStoneJudge.Playouts;
        var comments = new List<string?>(Enumerable.Repeat<string?>("opening move, drawn at random", game.MoveCount));

        Outcome Forfeit(Color loser, string why) => new(game, new GameResult(loser.Opponent(), ResultKind.Forfeit), why, comments, clock.Elapsed);

        // One move of the player to move, checked and told to the other; an outcome when it ends the game otherwise.
        Outcome? Step(bool cleanup)
        {
            Color color = game.ToMove;
            var (mover, other) = color == Color.Black ? (black, white) : (white, black);
            Move move;
            try { move = cleanup ? mover.GenerateCleanupMove(color) : mover.GenerateMove(color); }
            catch (GtpEngineException e) { return Forfeit(color, e.Message); }

            if (move.IsResign)
            {
                game.Play(color, move);
                comments.Add(mover.LastMoveComment);
                return new Outcome(game, GameResult.ByResignation(color), cleanup ? $"resignation in {CleanupEnding}" : "resignation", comments, clock.Elapsed);
            }
            var legality = game.TryPlay(color, move);
            if (legality != MoveLegality.Legal)
                return Forfeit(color, $"{mover.Name} played the illegal move {color.ToLetter()} {Vertex.ToGtp(move, game.Geometry)} ({legality})");
            comments.Add(mover.LastMoveComment);
            try { other.Play(color, move); }
            catch (GtpEngineException e) { return Forfeit(color.Opponent(), e.Message); }
            return null;
        }

        foreach (var (player, color) in new[] { (black, Color.Black), (white, Color.White) })
        {
            try { player.NewGame(start); }
            catch (GtpEngineException e) { return Forfeit(color, e.Message); }
        }

        while (!game.IsOver && game.MoveCount < maxMoves)
            if (Step(cleanup: false) is { } ended) return ended;
        if (!game.IsOver)
            return new Outcome(game, judge.Judge(game).Result(game.Rules.Komi), $"move limit ({maxMoves})", comments, clock.Elapsed);

        var judgement = judge.Judge(game);
        var counts = Counts(black, white);
        if (!cleanupDisputes || Dispute(judgement, counts, game.Rules.Komi) is not { } dispute)
            return new Outcome(game, judgement.Result(game.Rules.Komi), "two passes", comments, clock.Elapsed, counts);

        // The cleanup: at most one more move per point, until two passes in a row again.
        int limit = game.MoveCount + game.Geometry.Area;
        int passes = 0;
        while (passes < 2 && game.MoveCount < limit)
        {
            if (Step(cleanup: true) is { } ended) return ended;
            passes = game.Moves[^1].IsPass ? passes + 1 : 0;
        }
        judgement = judge.Judge(game);
        string ending = $"two passes, {dispute}, {CleanupEnding}" + (passes == 2 ? " and two passes" : " to its move limit");
        return new Outcome(game, judgement.Result(game.Rules.Komi), ending, comments, clock.Elapsed, Counts(black, white));
    }

    /// <summary>What the players must settle by a cleanup after two passes, or null: a fight the referee cannot call,
    /// or a player's count other than the referee's.</summary>
    public static string? Dispute(DeadStones judgement, IReadOnlyDictionary<string, string>? counts, double komi)
    {
        if (judgement.UnsettledPoints.Count > 0) return "a fight left open";
        var result = judgement.Result(komi);
        return counts?.Values.Any(count => GameResult.Parse(count) != result) == true ? "the counts differed" : null;
    }

    private static IReadOnlyDictionary<string, string>? Counts(IMatchPlayer black, IMatchPlayer white)
    {
        var counts = new Dictionary<string, string>();
        foreach (var player in new[] { black, white })
            if (player.FinalScore() is { } count) counts[player.Name] = count;
        return counts.Count > 0 ? counts : null;
    }
}
