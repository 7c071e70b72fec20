using System.Diagnostics;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// Plays one self-play game (AlphaGo Zero, Methods, "Self-play"): both sides search with the same evaluator and the
/// tree kept from move to move; Dirichlet noise at every root; the first moves drawn in proportion to their visit
/// counts, the rest the most visited, with <see cref="PassRule"/> judged by Tromp-Taylor (a side does not pass into a
/// loss, and passes to end a won game); a side resigns below the threshold unless this is one of the games played out
/// to check resignations.
/// </summary>
public static class SelfPlayGame
{
    public static SelfPlayRecord Play(long id, IEvaluator evaluator, SelfPlayOptions options, ulong seed, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random((int)(seed ^ (seed >> 32)));
        bool resignationAllowed = random.NextDouble() >= options.NoResignShare;
        var game = new Game(options.BoardSize, options.Rules);
        var searchOptions = options.SearchOptionsFor(seed);
        var search = new Search(game, evaluator, searchOptions);
        var moves = new List<SelfPlayMove>();
        Color wouldHaveResigned = Color.Empty;
        int area = options.BoardSize * options.BoardSize;
        var geometry = game.Geometry;

        while (!game.IsOver && game.MoveCount < options.MaxMovesFor)
        {
            cancellation.ThrowIfCancellationRequested();
            var result = search.Run(cancellation);
            cancellation.ThrowIfCancellationRequested();
            Color player = game.ToMove;
            if (PassRule.Resigns(game, result.Moves, result.RootVisits, searchOptions, PassRule.TrompTaylorMargin))
            {
                if (resignationAllowed)
                {
                    game.Play(player, Move.Resign);
                    return new SelfPlayRecord(id, game, moves, GameResult.ByResignation(player), true, Color.Empty, clock.Elapsed);
                }
                if (wouldHaveResigned == Color.Empty) wouldHaveResigned = player;
            }
            var policy = new float[area + 1];
            double total = 0;
            foreach (var m in result.Moves) total += m.Visits;
            if (total > 0) foreach (var m in result.Moves) policy[geometry.PolicyIndexOf(m.Move)] = (float)(m.Visits / total);
            else policy[area] = 1;
            var chosen = PassRule.Apply(game, Choose(result.Moves, game.MoveCount < options.TemperatureMovesFor, random), result.Moves, PassRule.TrompTaylorMargin);
            var stats = result.Moves.FirstOrDefault(m => m.Move == chosen);
            moves.Add(new SelfPlayMove(chosen, policy, (1 + stats.Q) / 2, result.RootVisits));
            game.Play(player, chosen);
            search.Play(chosen);
        }
        var final = game.Result ?? GameResult.FromScore(AreaScoring.BlackMinusWhite(game.Current, game.Rules.Komi));
        return new SelfPlayRecord(id, game, moves, final, resignationAllowed, wouldHaveResigned, clock.Elapsed);
    }

    /// <summary>With temperature 1, a move drawn with probability ∝ its visits; else the most visited (the list is
    /// sorted most visited first). Pass when nothing was visited.</summary>
    private static Move Choose(IReadOnlyList<RootMoveStats> moves, bool proportional, Random random)
    {
        if (moves.Count == 0 || moves[0].Visits == 0) return Move.Pass;
        if (!proportional) return moves[0].Move;
        long total = 0;
        foreach (var m in moves) total += m.Visits;
        long pick = random.NextInt64(total);
        foreach (var m in moves)
        {
            pick -= m.Visits;
            if (pick < 0) return m.Move;
        }
        return moves[0].Move;
    }
}
