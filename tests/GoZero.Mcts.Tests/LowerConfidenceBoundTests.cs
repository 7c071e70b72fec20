using System.Runtime.CompilerServices;
using GoZero.Engine;

namespace GoZero.Mcts.Tests;

public class LowerConfidenceBoundTests
{
    [Fact]
    public void TQuantilesMatchTheirClosedFormsAndTendToTheNormal()
    {
        const double alpha = LowerConfidenceBound.Alpha;
        // One degree of freedom is Cauchy: t = cot(πα). Two: t = (1 − 2α)/√(2α(1 − α)).
        Assert.Equal(1 / Math.Tan(Math.PI * alpha), LowerConfidenceBound.TQuantile(1), 1e-6 * 31831);
        Assert.Equal((1 - 2 * alpha) / Math.Sqrt(2 * alpha * (1 - alpha)), LowerConfidenceBound.TQuantile(2), 1e-8 * 224);
        // Many: z(1e-5) = 4.26489 plus Cornish-Fisher's (z³ + z)/4v and (5z⁵ + 16z³ + 3z)/96v² at v = 1000.
        Assert.Equal(4.2855, LowerConfidenceBound.TQuantile(1000), 5e-4);
        Assert.Equal(LowerConfidenceBound.TQuantile(1000), LowerConfidenceBound.TQuantile(50_000));
        for (int v = 2; v <= 1000; v++)
            Assert.True(LowerConfidenceBound.TQuantile(v) < LowerConfidenceBound.TQuantile(v - 1));
    }

    [Fact]
    public void WelfordIncrementsSumToTheSquaredDeviationsOfTheValues()
    {
        double[] values = [0.2, -0.4, 1.0];
        double sum = 0, m2 = 0;
        for (int i = 0; i < values.Length; i++)
        {
            m2 += LowerConfidenceBound.SquaredDeviationIncrement(sum, i, values[i]);
            sum += values[i];
        }
        // Mean 0.8/3; deviations −0.2/3, −2/3, 2.2/3; squares sum to (0.04 + 4 + 4.84)/9.
        Assert.Equal(8.88 / 9, m2, 12);
        Assert.Equal(8.88 / 9 / 2, LowerConfidenceBound.Variance(m2, 3), 12);
    }

    [Fact]
    public void BoundIsTheWinRateLessTTimesItsStandardError()
    {
        // Values 0.2, −0.4, 1.0: Q = 0.8/3, win rate (1 + Q)/2, variance 4.44/9 in value units, a quarter of it in
        // win-rate units; t with 2 degrees of freedom.
        double q = 0.8 / 3, variance = 4.44 / 9;
        double t2 = (1 - 2e-5) / Math.Sqrt(2e-5 * (1 - 1e-5));
        double expected = (1 + q) / 2 - t2 * Math.Sqrt(variance / 4 / 3);
        Assert.Equal(expected, LowerConfidenceBound.OfWinRate(q, variance, 3), 9);
        Assert.Equal(expected, new RootMoveStats(Move.Pass, 3, q, 0.5f, variance).Lcb, 9);
        // No spread: the bound is the win rate. Under 2 visits: below any real bound, more visits higher.
        Assert.Equal(0.75, LowerConfidenceBound.OfWinRate(0.5, 0, 40), 12);
        Assert.True(LowerConfidenceBound.OfWinRate(1, 0, 1) < LowerConfidenceBound.OfWinRate(-1, 1, 2));
        Assert.True(LowerConfidenceBound.OfWinRate(1, 0, 0) < LowerConfidenceBound.OfWinRate(1, 0, 1));
    }

    /// <summary>Records every leaf value from the view of the root's player to move (the root's backed-up values
    /// negated, which leaves their variance alone).</summary>
    private sealed class RecordingEvaluator(IEvaluator inner, Color rootToMove) : IEvaluator
    {
        public List<double> Values { get; } = [];

        public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
        {
            inner.Evaluate(batch);
            foreach (var request in batch)
                Values.Add(Math.Clamp(request.Game.ToMove == rootToMove ? request.Value : -request.Value, -1, 1));
        }
    }

    [Fact]
    public void TheSearchKeepsTheVarianceOfTheValuesBackedUpThroughANode()
    {
        var game = new Game(7, new RulesOptions(Komi: 7.5));
        var evaluator = new RecordingEvaluator(new RolloutEvaluator(2, seed: 3), game.ToMove);
        var search = new Search(game, evaluator, new SearchOptions { MaxPlayouts = 300, Seed = 4 });
        search.Run();
        var root = search.Tree[SearchTree.Root];
        // Every playout reached a leaf the evaluator saw (no finished game): the root's values are exactly these.
        Assert.Equal(root.Visits, evaluator.Values.Count);
        double mean = evaluator.Values.Average();
        double variance = evaluator.Values.Sum(v => (v - mean) * (v - mean)) / (evaluator.Values.Count - 1);
        Assert.Equal(variance, root.ValueVariance, 4);
        Assert.True(variance > 0.01);

        // Tree reuse keeps a child's variance with its counts.
        var best = search.RootMoves()[0];
        search.Play(best.Move);
        Assert.Equal(best.Variance, search.Tree[SearchTree.Root].ValueVariance);
    }

    [Fact]
    public void TheVarianceFitsInTheNodesPadding() => Assert.Equal(40, Unsafe.SizeOf<SearchNode>());
}
