using GoZero.Engine;

namespace GoZero.Mcts.Tests;

public class EvaluationCacheTests
{
    /// <summary>Counts the positions it is asked about; values and priors depend on the position only.</summary>
    private sealed class CountingEvaluator : IEvaluator
    {
        public int Positions;

        public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
        {
            Interlocked.Add(ref Positions, batch.Length);
            foreach (var request in batch)
            {
                ulong hash = request.Game.Current.Hash;
                double sum = 0;
                for (int m = 0; m < request.MoveCount; m++) sum += request.Priors[m] = 1 + (float)((hash >> (m % 60)) & 7);
                for (int m = 0; m < request.MoveCount; m++) request.Priors[m] = (float)(request.Priors[m] / sum);
                request.Value = (float)((hash & 0xFF) / 255.0 * 2 - 1);
            }
        }
    }

    private static Game Played(params string[] moves)
    {
        var game = new Game(7);
        foreach (string move in moves) game.Play(Vertex.ParseGtp(move, game.Geometry));
        return game;
    }

    private static EvaluationRequest Request(Game game)
    {
        var request = new EvaluationRequest(game);
        request.ListLegalMoves();
        return request;
    }

    [Fact]
    public void ATranspositionWithTheSameLastEightBoardsIsEvaluatedOnce()
    {
        var inner = new CountingEvaluator();
        var cache = new EvaluationCache(inner, 1000);
        string[] tail = ["B2", "F6", "B6", "F2", "C4", "E4", "D3", "D5"];
        var first = Request(Played(["A1", "G7", "A7", .. tail]));
        var second = Request(Played(["A7", "G7", "A1", .. tail]));
        cache.Evaluate([first]);
        cache.Evaluate([second]);
        Assert.Equal(1, inner.Positions);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(first.Priors.Take(first.MoveCount), second.Priors.Take(second.MoveCount));
    }

    [Fact]
    public void TheSameBoardWithAnotherRecentHistoryIsEvaluatedAgain()
    {
        var inner = new CountingEvaluator();
        var cache = new EvaluationCache(inner, 1000);
        cache.Evaluate([Request(Played("A1", "G7", "A7", "G1"))]);
        cache.Evaluate([Request(Played("A7", "G7", "A1", "G1"))]);
        Assert.Equal(2, inner.Positions);
    }

    [Fact]
    public void ASecondSearchOfThePositionIsServedFromTheCache()
    {
        var inner = new CountingEvaluator();
        // Direct-mapped: room enough that none of the ~200 keys shares a slot.
        var cache = new EvaluationCache(inner, 1 << 20);
        var options = new SearchOptions { MaxPlayouts = 200 };
        var first = new Search(Played("D4"), cache, options).Run();
        int evaluated = inner.Positions;
        var second = new Search(Played("D4"), cache, options).Run();
        Assert.Equal(evaluated, inner.Positions);
        Assert.Equal(first.Moves, second.Moves);
    }

    [Fact]
    public void ParallelSearchThroughTheCacheKeepsItsAccounting()
    {
        var cache = new EvaluationCache(new RolloutEvaluator(1, seed: 2), 64);
        var search = new Search(Played("D4"), cache, new SearchOptions { MaxPlayouts = 400, Threads = 4, BatchSize = 3 });
        var result = search.Run();
        Assert.Equal(400, result.RootVisits);
        Assert.True(cache.Misses > 0);
        Assert.InRange(cache.Hits + cache.Misses, 1, 400);
        SearchAccountingTests.AssertTreeConsistent(search.Tree);
    }
}
