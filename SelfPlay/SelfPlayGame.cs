using System.Diagnostics;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// Plays one self-play game (AlphaGo Zero, Methods, "Self-play"): both sides search with the same evaluator and the
/// tree kept from move to move; Dirichlet noise at every root; each move chosen by a <see cref="MovePolicy"/> of the
/// game (<see cref="SelfPlayOptions.MovePolicy"/>: the first moves drawn in proportion to their visit counts, the rest
/// the most visited, the pass rules judged by Tromp-Taylor, and resignation below the threshold unless this is one of
/// the games played out to check resignations).
/// </summary>
public static class SelfPlayGame
{
    public static SelfPlayRecord Play(long id, IEvaluator evaluator, SelfPlayOptions options, ulong seed, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var policy = new MovePolicy(options.MovePolicy, seed);
        var game = new Game(options.BoardSize, options.Rules);
        var search = new Search(game, evaluator, options.SearchOptionsFor(seed));
        var moves = new List<SelfPlayMove>();
        int area = options.BoardSize * options.BoardSize;
        var geometry = game.Geometry;

        while (!game.IsOver && game.MoveCount < options.MaxMovesFor)
        {
            cancellation.ThrowIfCancellationRequested();
            var result = search.Run(cancellation);
            cancellation.ThrowIfCancellationRequested();
            Color player = game.ToMove;
            var chosen = policy.Choose(game, result);
            if (chosen.IsResign)
            {
                game.Play(player, Move.Resign);
                return new SelfPlayRecord(id, game, moves, GameResult.ByResignation(player), true, Color.Empty, clock.Elapsed);
            }
            var visitShares = new float[area + 1];
            double total = 0;
            foreach (var m in result.Moves) total += m.Visits;
            if (total > 0) foreach (var m in result.Moves) visitShares[geometry.PolicyIndexOf(m.Move)] = (float)(m.Visits / total);
            else visitShares[area] = 1;
            var stats = result.Moves.FirstOrDefault(m => m.Move == chosen);
            moves.Add(new SelfPlayMove(chosen, visitShares, (1 + stats.Q) / 2, result.RootVisits));
            game.Play(player, chosen);
            search.Play(chosen);
        }
        var final = game.Result ?? GameResult.FromScore(AreaScoring.BlackMinusWhite(game.Current, game.Rules.Komi));
        return new SelfPlayRecord(id, game, moves, final, policy.ResignationEnabled, policy.WouldHaveResigned, clock.Elapsed);
    }
}
