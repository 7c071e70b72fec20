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
