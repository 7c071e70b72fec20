using GoZero.Engine;

namespace GoZero.Mcts.Tests;

public class BatchingTests
{
    /// <summary>Records the size of every batch it is given, then delegates.</summary>
    private sealed class RecordingEvaluator(IEvaluator inner) : IEvaluator
    {
        public readonly System.Collections.Concurrent.ConcurrentBag<int> Sizes = [];

        public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
        {
            Sizes.Add(batch.Length);
            inner.Evaluate(batch);
        }
    }

    private sealed class FailingEvaluator(int after) : IEvaluator
    {
        private int calls;

        public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
        {
            if (Interlocked.Increment(ref calls) > after) throw new InvalidOperationException("evaluator failed");
            foreach (var request in batch)
            {
                request.Priors.AsSpan(0, request.MoveCount).Fill(1f / request.MoveCount);
                request.Value = 0;
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    public void TheSearchGoesOnAfterAFailedRun(int threads, int batch)
    {
        var evaluator = new FailingOnceEvaluator(failingCall: 4);
        var search = new Search(SmallGame(), evaluator, new SearchOptions { MaxPlayouts = 300, Threads = threads, BatchSize = batch });
        Assert.Throws<AggregateException>(() => search.Run());
        int before = search.Tree[SearchTree.Root].Visits;
        var result = search.Run();
        Assert.Equal(300, result.Playouts);
        Assert.Equal(before + 300, result.RootVisits);
        SearchAccountingTests.AssertTreeConsistent(search.Tree);
    }

    private sealed class FailingOnceEvaluator(int failingCall) : IEvaluator
    {
        private int calls;

        public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
        {
            if (Interlocked.Increment(ref calls) == failingCall) throw new InvalidOperationException("evaluator failed once");
            foreach (var request in batch)
            {
                request.Priors.AsSpan(0, request.MoveCount).Fill(1f / request.MoveCount);
                request.Value = 0.1f;
            }
        }
    }

    private static Game SmallGame() => new(7, new RulesOptions(Komi: 0.5));

    [Theory]
    [InlineData(1, 8)]
    [InlineData(4, 4)]
    [InlineData(2, 8)]
    [InlineData(8, 3)]
    public void ThreadsFillSharedBatchesOfAtMostB(int threads, int batch)
    {
        var evaluator = new RecordingEvaluator(new RolloutEvaluator(1, seed: 4));
        var search = new Search(SmallGame(), evaluator, new SearchOptions { MaxPlayouts = 600, Threads = threads, BatchSize = batch });
        var result = search.Run();
        Assert.Equal(600, result.RootVisits);
        Assert.All(evaluator.Sizes, size => Assert.InRange(size, 1, batch));
        Assert.Equal(batch, evaluator.Sizes.Max());
        SearchAccountingTests.AssertTreeConsistent(search.Tree);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(3, 8)]
    public void AnEvaluatorFailureEndsTheSearchWithTheError(int threads, int batch)
    {
        var search = new Search(SmallGame(), new FailingEvaluator(after: 5), new SearchOptions { MaxPlayouts = 10_000, Threads = threads, BatchSize = batch });
        var error = Assert.Throws<AggregateException>(() => search.Run());
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }
}

public class RandomizedSearchInvariantTests
{
    [Fact]
    public void SeededRandomThreadsBatchesAndBudgetsNeverLoseAVisit()
    {
        var random = new Random(2026);
        for (int trial = 0; trial < 40; trial++)
        {
            int threads = random.Next(1, 9), batch = random.Next(1, 11), playouts = random.Next(1, 250);
            int budget = random.Next(2) == 0 ? random.Next(1, 400) : 1_000_000;
            var game = new Game(random.Next(2) == 0 ? 5 : 7, new RulesOptions(Komi: 0.5));
            for (int m = random.Next(0, 6); m > 0; m--)
            {
                var legal = game.LegalMoves();
                game.Play(legal[random.Next(legal.Count)]);
            }
            var search = new Search(game, new EvaluationCache(new RolloutEvaluator(1, (ulong)trial), 4096),
                new SearchOptions { MaxPlayouts = playouts, Threads = threads, BatchSize = batch, NodeBudget = budget, DirichletNoise = trial % 3 == 0 });
            for (int move = 0; move < 3 && !search.Game.IsOver; move++)
            {
                int before = search.Tree[SearchTree.Root].Visits;
                var result = search.Run();
                string what = $"trial {trial}: T={threads} B={batch} playouts={playouts} budget={budget}";
                Assert.True(before + result.Playouts == result.RootVisits, what);
                Assert.True(search.Tree.Count <= budget, what);
                Assert.True(result.StopReason == StopReason.NodeBudget || result.Playouts == playouts, what);
                SearchAccountingTests.AssertTreeConsistent(search.Tree, budgetReached: budget < 1_000_000);
                search.Play(result.BestMove);
            }
        }
    }
}
