using System.Diagnostics;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// Plays one self-play game (AlphaGo Zero, Methods, "Self-play"): both sides search with the same evaluator and the
/// tree kept from move to move; Dirichlet noise at every root; each move chosen by a <see cref="MovePolicy"/> of the
/// game (<see cref="SelfPlayOptions.MovePolicy"/>: the first moves drawn in proportion to their visit counts, the rest
/// the most visited, the pass rules judged by Tromp-Taylor, and resignation below the threshold unless this is one of
/// the games played out to check resignations). Under playout cap randomisation
/// (<see cref="SelfPlayOptions.FullSearchShare"/>) a move is searched in full or fast as
/// <see cref="PlayoutCapRandomisation"/> draws, the fast ones without noise or temperature; π is the search's policy
/// target (<see cref="RootMoveStats.PolicyTarget"/>: visit counts, pruned ones under forced playouts, or the Gumbel
/// root's improved policy).
/// </summary>
public static class SelfPlayGame
{
    public static SelfPlayRecord Play(long id, IEvaluator evaluator, SelfPlayOptions options, ulong seed, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var policy = new MovePolicy(options.MovePolicy, seed);
        var game = new Game(options.BoardSize, options.Rules);
        var search = new Search(game, evaluator, options.SearchOptionsFor(seed));
        var playoutCap = new PlayoutCapRandomisation(options.FullSearchShare, seed);
        var fastMove = options.FastMoveLimits;
        var moves = new List<SelfPlayMove>();
        int area = options.BoardSize * options.BoardSize;
        var geometry = game.Geometry;

        while (!game.IsOver && game.MoveCount < options.MaxMovesFor)
        {
            cancellation.ThrowIfCancellationRequested();
            bool full = playoutCap.NextMoveIsFull();
            var result = search.Run(full ? SearchLimits.None : fastMove, cancellation);
            cancellation.ThrowIfCancellationRequested();
            Color player = game.ToMove;
            var chosen = policy.Choose(game, result, explore: full);
            if (chosen.IsResign)
            {
                game.Play(player, Move.Resign);
                return new SelfPlayRecord(id, game, moves, GameResult.ByResignation(player), true, Color.Empty, clock.Elapsed);
            }
            var target = new float[area + 1];
            double total = 0;
            foreach (var m in result.Moves) total += m.PolicyTarget;
            if (total > 0) foreach (var m in result.Moves) target[geometry.PolicyIndexOf(m.Move)] = (float)(m.PolicyTarget / total);
            else target[area] = 1;
            var stats = result.Moves.FirstOrDefault(m => m.Move == chosen);
            moves.Add(new SelfPlayMove(chosen, target, (1 + stats.Q) / 2, result.RootVisits, full));
            game.Play(player, chosen);
            search.Play(chosen);
        }
        var final = game.Result ?? GameResult.FromScore(AreaScoring.BlackMinusWhite(game.Current, game.Rules.Komi));
        return new SelfPlayRecord(id, game, moves, final, policy.ResignationEnabled, policy.WouldHaveResigned, clock.Elapsed);
    }
}
