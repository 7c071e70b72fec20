using GoZero.Engine;
using GoZero.Engine.Tests;

namespace GoZero.Mcts.Tests;

public class ForcedPlayoutsTests
{
    private static RootMoveStats Stats(int point, int visits, double q, float prior) => new(new Move(point), visits, q, prior, 0);

    [Fact]
    public void ForcedVisitsAreTheSquareRootOfKTimesPriorTimesParentVisits()
    {
        Assert.Equal(10, ForcedPlayouts.Minimum(0.125, 400, 2), 12);
        Assert.True(ForcedPlayouts.IsForced(0.125, 9, 400, 2));
        Assert.False(ForcedPlayouts.IsForced(0.125, 10, 400, 2));
        Assert.False(ForcedPlayouts.IsForced(0, 0, 400, 2));
    }

    [Fact]
    public void PruningSubtractsTheForcedVisitsAChildDidNotEarnByPuct()
    {
        // ΣN = 121 (√ = 11), c_puct 1: PUCT(c*) = 0.2 + 11·0.5/101. The second child would have earned only
        // 11·0.1/(PUCT(c*) + 0.5) − 1 ≈ 0.46 visits, so n_forced = √(2·0.1·121) ≈ 4.92 come off its 10.
        var moves = new[] { Stats(1, 100, 0.2, 0.5f), Stats(2, 10, -0.5, 0.1f) };
        var pruned = new double[2];
        ForcedPlayouts.PrunedVisits(moves, 121, 1.0, 2, pruned);
        Assert.Equal(100, pruned[0]);
        Assert.Equal(10 - Math.Sqrt(2 * 0.1 * 121), pruned[1], 6);
    }

    [Fact]
    public void PruningStopsWherePuctWouldReachTheBestChilds()
    {
        // A close second: with 1 + N ≥ 11·0.3/(PUCT(c*) − 0.12) ≈ 24.5 visits its PUCT stays at most c*'s; it keeps that many.
        var moves = new[] { Stats(1, 100, 0.2, 0.5f), Stats(2, 30, 0.12, 0.3f) };
        var pruned = new double[2];
        ForcedPlayouts.PrunedVisits(moves, 121, 1.0, 2, pruned);
        double bestPuct = 0.2 + 11 * 0.5 / 101;
        double earned = 11 * 0.3f / (bestPuct - 0.12) - 1;
        Assert.InRange(earned, 30 - Math.Sqrt(2 * 0.3 * 121), 30); // the PUCT bound binds, not n_forced
        Assert.Equal(earned, pruned[1], 5);
    }

    [Fact]
    public void AChildWhoseValueAloneBeatsTheBestKeepsEveryVisitAndOneLeftWithASingleVisitIsDropped()
    {
        var moves = new[] { Stats(1, 100, 0.2, 0.5f), Stats(2, 8, 0.9, 0.01f), Stats(3, 5, -0.5, 0.1f), Stats(4, 0, 0, 0.3f) };
        var pruned = new double[4];
        ForcedPlayouts.PrunedVisits(moves, 121, 1.0, 2, pruned);
        Assert.Equal([100, 8, 0, 0], pruned);
    }

    private static Game Atari() => Diagram.Game("""
        . . . . .
        . X X . .
        X O O . .
        . X X . .
        . . . . .
        """, new RulesOptions(Komi: 0.5), Color.Black);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void EveryRootChildGetsItsForcedVisitsAndTheTargetIsPruned(int batch)
    {
        var options = new SearchOptions { MaxPlayouts = 400, BatchSize = batch, ForcedPlayoutsK = 2, DirichletNoise = true, Seed = 3 };
        var search = new Search(Atari(), new RolloutEvaluator(8, 5), options);
        var result = search.Run();
        Assert.Equal(1.0, result.Moves.Sum(m => m.PolicyTarget), 9);
        foreach (var move in result.Moves)
        {
            // Forced below n_forced while the root grew: at the end at most one visit (a batch's worth) behind.
            Assert.True(move.Visits >= Math.Floor(ForcedPlayouts.Minimum(move.Prior, result.RootVisits, 2)) - batch,
                $"{move.Move.Point}: {move.Visits} visits, prior {move.Prior}");
            Assert.True(move.PolicyTarget <= (double)move.Visits / result.Moves[0].Visits * result.Moves[0].PolicyTarget + 1e-9);
        }
        Assert.Contains(result.Moves, m => m.Visits > 1 && m.PolicyTarget == 0);
    }

    [Fact]
    public void FastSearchesNeitherForceNorPrune()
    {
        var options = new SearchOptions { MaxPlayouts = 400, BatchSize = 1, ForcedPlayoutsK = 2, Seed = 3 };
        var search = new Search(Atari(), new RolloutEvaluator(8, 5), options);
        var result = search.Run(new SearchLimits { RootExploration = false, MaxPlayouts = 50 });
        Assert.Equal(50, result.Playouts);
        int total = result.Moves.Sum(m => m.Visits);
        foreach (var move in result.Moves) Assert.Equal((double)move.Visits / total, move.PolicyTarget, 9);
    }
}
