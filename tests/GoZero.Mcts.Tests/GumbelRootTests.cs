using GoZero.Engine;
using GoZero.Engine.Tests;

namespace GoZero.Mcts.Tests;

public class GumbelRootTests
{
    [Fact]
    public void SequentialHalvingTableFollowsMctx()
    {
        // m = 4, n = 8: one round over 4 (⌊8/(2·4)⌋ = 1), then two rounds over the best 2.
        Assert.Equal([0, 0, 0, 0, 1, 1, 2, 2], GumbelRoot.ConsideredVisits(4, 8));
        // More simulations than the phases need: the last two share the rest.
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5], GumbelRoot.ConsideredVisits(4, 16));
        Assert.Equal([0, 1, 2], GumbelRoot.ConsideredVisits(1, 3));
        Assert.Equal([0, 0], GumbelRoot.ConsideredVisits(16, 2));
    }

    [Fact]
    public void SigmaAndMixedValueFollowThePaper()
    {
        Assert.Equal((50 + 8) * 1.0 * 0.75, GumbelRoot.Sigma(0.75, 8, 50, 1.0), 12);
        Assert.Equal(0.75, GumbelRoot.Normalised(0.5), 12);
        // v_mix = (v̂ + ΣN·Σ P·q / Σ P)/(1 + ΣN): v̂ 0.1, 4 visits over moves of prior 0.2 (q 0.5) and 0.6 (q −0.1).
        double weighted = (0.2 * 0.5 + 0.6 * -0.1) / 0.8;
        Assert.Equal((0.1 + 4 * weighted) / 5, GumbelRoot.MixedValue(0.1, 4, 0.8, 0.2 * 0.5 + 0.6 * -0.1), 12);
        Assert.Equal(0.1, GumbelRoot.MixedValue(0.1, 0, 0, 0), 12);
    }

    private static RootMoveStats Stats(int point, int visits, double q, float prior) => new(new Move(point), visits, q, prior, 0);

    [Fact]
    public void ImprovedPolicyIsThePriorBeforeAnyVisitAndMovesTowardsHigherValues()
    {
        var unvisited = new[] { Stats(1, 0, 0, 0.7f), Stats(2, 0, 0, 0.2f), Stats(3, 0, 0, 0.1f) };
        var target = new double[3];
        GumbelRoot.ImprovedPolicy(unvisited, 0.3, 50, 1.0, target);
        Assert.Equal([0.7, 0.2, 0.1], target.Select(t => Math.Round(t, 6)));

        // The less likely move wins its game: its win rate 0.6 against 0.4 is worth (50 + 1)·0.2 ≈ 10 logits.
        var searched = new[] { Stats(1, 1, -0.2, 0.7f), Stats(2, 1, 0.2, 0.2f), Stats(3, 0, 0, 0.1f) };
        GumbelRoot.ImprovedPolicy(searched, 0, 50, 1.0, target);
        Assert.Equal(1.0, target.Sum(), 12);
        Assert.True(target[1] > 0.99, $"π' = {string.Join(", ", target)}");
    }

    private static Game Atari() => Diagram.Game("""
        . . . . .
        . X X . .
        X O O . .
        . X X . .
        . . . . .
        """, new RulesOptions(Komi: 0.5), Color.Black);

    private static SearchOptions Gumbel(int playouts, int considered, int batch = 1, int threads = 1) =>
        new() { MaxPlayouts = playouts, GumbelRoot = true, GumbelConsideredMoves = considered, BatchSize = batch, Threads = threads, Seed = 9 };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(2, 2)]
    public void SimulationsAreSharedBySequentialHalvingWhateverTheBatching(int batch, int threads)
    {
        var search = new Search(Atari(), new RolloutEvaluator(4, 2), Gumbel(8, 4, batch, threads));
        var result = search.Run();
        Assert.Equal(9, result.Playouts); // the root's own evaluation, then the 8 simulations
        Assert.Equal([3, 3, 1, 1], result.Moves.Where(m => m.Visits > 0).Select(m => m.Visits));
        Assert.NotNull(result.GumbelMove);
        Assert.Contains(result.GumbelMove!.Value, result.Moves.Where(m => m.Visits == 3).Select(m => m.Move));
        Assert.Equal(1.0, result.Moves.Sum(m => m.PolicyTarget), 9);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16)]
    public void WorksWithTwoToSixteenSimulations(int simulations)
    {
        var game = Atari();
        var search = new Search(game, new RolloutEvaluator(4, 2), Gumbel(simulations, 16));
        for (int move = 0; move < 3; move++)
        {
            var result = search.Run();
            Assert.Equal(simulations + 1, result.Playouts);
            Assert.Equal(simulations, result.Moves.Sum(m => m.Visits));
            var chosen = result.GumbelMove!.Value;
            Assert.Equal(result.Moves.Max(m => m.Visits), result.Moves.Single(m => m.Move == chosen).Visits);
            Assert.All(result.Moves, m => Assert.True(m.PolicyTarget > 0)); // every legal move keeps some π'
            game.Play(chosen);
            search.Play(chosen);
            Assert.Equal(0, search.RootVisits); // no tree is kept
        }
    }

    [Fact]
    public void WithoutExplorationTheCaptureWinsTheHalving()
    {
        // Every legal move considered and no Gumbel noise: Sequential Halving keeps the moves that win their playouts.
        var search = new Search(Atari(), new RolloutEvaluator(8, 5), Gumbel(200, 32));
        var result = search.Run(new SearchLimits { RootExploration = false });
        Assert.Equal("D3", Vertex.ToGtp(result.GumbelMove!.Value, Atari().Geometry));
        Assert.Equal(result.GumbelMove, result.Moves.MaxBy(m => m.PolicyTarget).Move);
    }

    [Fact]
    public void GumbelTakesNeitherDirichletNoiseNorForcedPlayouts()
    {
        Assert.Throws<ArgumentException>(() => (Gumbel(8, 4) with { DirichletNoise = true }).Validated());
        Assert.Throws<ArgumentException>(() => (Gumbel(8, 4) with { ForcedPlayoutsK = 2 }).Validated());
    }
}
