using GoZero.Engine;

namespace GoZero.Mcts.Tests;

public class AnalysisTests
{
    private static List<SearchAnalysis> Analyse(int threads, TimeSpan timeLimit, TimeSpan interval)
    {
        var snapshots = new List<SearchAnalysis>();
        var search = new Search(new Game(7, new RulesOptions(Komi: 7.5)), new RolloutEvaluator(8, 11),
            new SearchOptions { MaxPlayouts = int.MaxValue, Threads = threads, BatchSize = 4 });
        search.Run(new SearchLimits
        {
            TimeLimit = timeLimit,
            AnalysisInterval = interval,
            Analysis = snapshot => { lock (snapshots) snapshots.Add(snapshot); },
        });
        return snapshots;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CallbacksArriveEveryIntervalAndOnceAtTheEnd(int threads)
    {
        var snapshots = Analyse(threads, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(40));
        Assert.True(snapshots.Count >= 3, $"{snapshots.Count} callbacks");
        Assert.True(snapshots[^1].IsFinal);
        Assert.All(snapshots.Take(snapshots.Count - 1), s => Assert.False(s.IsFinal));
        for (int i = 1; i < snapshots.Count; i++)
            Assert.True(snapshots[i].RootVisits >= snapshots[i - 1].RootVisits);
        Assert.True(snapshots[^1].RootVisits > snapshots[0].RootVisits);
    }

    [Fact]
    public void EveryMoveHasAWinRateItsBoundAndAVariationStartingWithIt()
    {
        var snapshots = Analyse(1, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50));
        foreach (var snapshot in snapshots)
        {
            for (int i = 0; i < snapshot.Moves.Count; i++)
            {
                var move = snapshot.Moves[i];
                Assert.Equal(i, move.Order);
                Assert.True(move.Visits > 0);
                if (i > 0) Assert.True(move.Visits <= snapshot.Moves[i - 1].Visits);
                Assert.InRange(move.WinRate, 0, 1);
                Assert.InRange(move.Lcb, 0, move.WinRate);
                Assert.InRange(move.Prior, 0f, 1f);
                Assert.Equal(move.Move, move.PrincipalVariation[0]);
            }
        }
        var final = snapshots[^1];
        Assert.True(final.Moves[0].PrincipalVariation.Count > 1, "the best move's variation goes deeper than the move");
        Assert.Equal(final.RootVisits - 1, final.Moves.Sum(m => m.Visits));
    }

    [Fact]
    public void LowerBoundTightensWithVisitsAndNeverPassesTheWinRate()
    {
        Assert.Equal(0, AnalysisMove.LowerBound(0.7, 0));
        double previous = 0;
        foreach (int visits in new[] { 1, 4, 16, 100, 10_000 })
        {
            double bound = AnalysisMove.LowerBound(0.7, visits);
            Assert.InRange(bound, previous, 0.7);
            previous = bound;
        }
        Assert.Equal(1.0, AnalysisMove.LowerBound(1.0, 3));
        Assert.Equal(0.0, AnalysisMove.LowerBound(0.0, 3));
    }

    [Fact]
    public void FormatsLeelaZerosAnalyzeLine()
    {
        var geometry = BoardGeometry.Of(19);
        Move At(string v) => Vertex.ParseGtp(v, geometry);
        var moves = new[]
        {
            new AnalysisMove(At("D4"), 120, 0.5234, 0.1123f, 0.51, 0, [At("D4"), At("Q16")]),
            new AnalysisMove(At("Q16"), 7, 0.4, 0.05f, 0.2, 1, [At("Q16")]),
        };
        Assert.Equal(
            "info move D4 visits 120 winrate 5234 prior 1123 lcb 5100 order 0 pv D4 Q16 " +
            "info move Q16 visits 7 winrate 4000 prior 500 lcb 2000 order 1 pv Q16",
            AnalysisLine.Format(moves, geometry));
    }

    [Fact]
    public void FormatsASearchsSnapshot()
    {
        var game = new Game(5, new RulesOptions(Komi: 0.5));
        var search = new Search(game, new RolloutEvaluator(8, 2), new SearchOptions { MaxPlayouts = 60 });
        search.Run();
        var analysis = search.Analyze();
        string line = AnalysisLine.Format(analysis, game.Geometry);
        Assert.StartsWith("info move " + Vertex.ToGtp(analysis.Moves[0].Move, game.Geometry) + " visits ", line);
        Assert.Equal(analysis.Moves.Count, line.Split("info move ").Length - 1);
    }
}
