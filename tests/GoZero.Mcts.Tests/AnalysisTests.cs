using GoZero.Engine;

namespace GoZero.Mcts.Tests;

public class AnalysisTests
{
    private static List<SearchAnalysis> Analyse(int threads, TimeSpan timeLimit, TimeSpan interval)
    {
        var snapshots = new List<SearchAnalysis>();
        var search = new Search(new Game(7, new RulesOptions(Komi: 7.5)), new RolloutEvaluator(8, 11),
            // A budget no run of these lengths can fill (the tree grows lazily): the time limit alone ends the search,
            // where a fast machine could fill the default million nodes of this 7×7 tree early and send fewer callbacks.
            new SearchOptions { MaxPlayouts = int.MaxValue, Threads = threads, BatchSize = 4, NodeBudget = 100_000_000 });
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
    public void RankedByLcbTheFirstMoveIsTheOneLcbSelectionPlays()
    {
        var search = new Search(new Game(7, new RulesOptions(Komi: 7.5)), new RolloutEvaluator(8, 11), new SearchOptions { MaxPlayouts = 600 });
        SearchAnalysis? final = null;
        var result = search.Run(new SearchLimits { AnalysisRankedByLcb = true, Analysis = a => { if (a.IsFinal) final = a; } });
        var ranked = MovePolicy.RankedByLcb(result.Moves).Where(m => m.Visits > 0).ToList();
        Assert.Equal(ranked.Select(m => m.Move), final!.Moves.Select(m => m.Move));
        Assert.Equal(Enumerable.Range(0, ranked.Count), final.Moves.Select(m => m.Order));
        var policy = new MovePolicy(MovePolicyOptions.Default with { ResignThreshold = 0 }, seed: 1);
        Assert.Equal(final.Moves[0].Move, policy.Choose(search.Game, result));
    }

    [Fact]
    public void ReportedBoundIsTheMovesLowerConfidenceBoundClampedToItsWinRate()
    {
        var snapshots = Analyse(1, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300));
        var final = snapshots[^1];
        Assert.Contains(final.Moves, m => m.Lcb > 0);
        Assert.All(final.Moves, m => Assert.True(m.Visits >= 2 || m.Lcb == 0));
    }
}
