using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Mcts.Tests;

public sealed class BatchingEvaluatorTests
{
    /// <summary>Writes each request's value as its game's move count and records the size of every call.</summary>
    private sealed class RecordingEvaluator : IEvaluator
    {
        public List<int> Calls { get; } = [];

        public Exception? Throw { get; set; }

        public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
        {
            lock (Calls) Calls.Add(batch.Length);
            if (Throw is { } e) throw e;
            Thread.Sleep(2);
            foreach (var request in batch)
            {
                request.Value = request.Game.MoveCount / 100f;
                request.Priors.AsSpan(0, request.MoveCount).Fill(1f / request.MoveCount);
            }
        }
    }

    private static EvaluationRequest[] Requests(int count, int moves)
    {
        var game = new Game(5);
        for (int i = 0; i < moves; i++) game.Play(game.LegalMoves()[0]);
        return Enumerable.Range(0, count).Select(_ => { var r = new EvaluationRequest(game.Clone()); r.ListLegalMoves(); return r; }).ToArray();
    }

    [Fact]
    public void EveryCallerGetsItsOwnResults()
    {
        var inner = new RecordingEvaluator();
        var batching = new BatchingEvaluator(inner, maxBatch: 16);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            using var member = batching.Join();
            for (int round = 0; round < 20; round++)
            {
                var requests = Requests(4, t);
                batching.Evaluate(requests);
                Assert.All(requests, r => Assert.Equal(t / 100f, r.Value));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(8 * 20 * 4, inner.Calls.Sum());
        Assert.All(inner.Calls, size => Assert.InRange(size, 1, 16));
        Assert.Equal(8 * 20 * 4, batching.Positions);
    }

    [Fact]
    public void BatchesFillWhenEverySearchIsWaiting()
    {
        var inner = new RecordingEvaluator();
        var batching = new BatchingEvaluator(inner, maxBatch: 32, maxWait: TimeSpan.FromSeconds(10));
        using var barrier = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            using var member = batching.Join();
            barrier.SignalAndWait();
            batching.Evaluate(Requests(4, 0));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        // 8 searches of 4 = 32: the long wait never fires, so the batch runs once full (or all are waiting).
        Assert.Equal([32], inner.Calls);
        Assert.Equal(1.0, batching.Fill);
    }

    [Fact]
    public async Task SearchThatLeftDoesNotStallTheOthers()
    {
        var inner = new RecordingEvaluator();
        var batching = new BatchingEvaluator(inner, maxBatch: 64, maxWait: TimeSpan.FromSeconds(30));
        var idle = batching.Join();
        using var member = batching.Join();
        var worker = Task.Run(() => batching.Evaluate(Requests(2, 0)));
        await Task.Delay(50);
        Assert.False(worker.IsCompleted);
        idle.Dispose();
        await worker.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitLimitRunsAPartialBatch()
    {
        var inner = new RecordingEvaluator();
        var batching = new BatchingEvaluator(inner, maxBatch: 64, maxWait: TimeSpan.FromMilliseconds(20));
        using var a = batching.Join();
        using var b = batching.Join();
        var requests = Requests(3, 0);
        await Task.Run(() => batching.Evaluate(requests)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([3], inner.Calls);
    }

    [Fact]
    public void CallerLargerThanTheBatchRunsAlone()
    {
        var inner = new RecordingEvaluator();
        var batching = new BatchingEvaluator(inner, maxBatch: 4);
        batching.Evaluate(Requests(10, 1));
        Assert.Equal([10], inner.Calls);
    }

    [Fact]
    public void InnerFailureReachesEveryCallerOfThatBatch()
    {
        var inner = new RecordingEvaluator { Throw = new InvalidDataException("broken network") };
        var batching = new BatchingEvaluator(inner, maxBatch: 8);
        var error = Assert.Throws<InvalidOperationException>(() => batching.Evaluate(Requests(2, 0)));
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public async Task SearchesShareOneEvaluatorWithoutDeadlock()
    {
        var batching = new BatchingEvaluator(new RolloutEvaluator(playouts: 1), maxBatch: 16);
        var games = Enumerable.Range(0, 6).Select(i => Task.Run(() =>
        {
            using var member = batching.Join();
            var search = new Search(new Game(5), batching, new SearchOptions { MaxPlayouts = 64, BatchSize = 4, Seed = (ulong)i + 1 });
            for (int move = 0; move < 5; move++)
            {
                var result = search.Run();
                Assert.Equal(64, result.Playouts);
                search.Play(result.BestMove);
            }
        })).ToArray();
        await Task.WhenAll(games).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(batching.Fill > 0);
    }
}
