using GoZero.Engine;
using GoZero.Network;

namespace GoZero.Mcts.Tests;

/// <summary>A search's cost a move must not grow with the game's history: GTP's loadsgf can hand it 100,000 moves.</summary>
public class LongHistoryTests
{
    /// <summary><paramref name="passes"/> passes, then Black plays in the centre, so that the game goes on.</summary>
    private static Game AfterPasses(int passes)
    {
        var game = new Game(9, new RulesOptions(Komi: 7));
        for (int i = 0; i < passes; i++) game.Play(i % 2 == 0 ? Color.Black : Color.White, Move.Pass);
        game.Play(game.ToMove, Vertex.ParseGtp("E5", game.Geometry));
        return game;
    }

    private static long AllocatedByASecondRun(Game game)
    {
        var search = new Search(game, new RolloutEvaluator(4, 7), new SearchOptions { MaxPlayouts = 16, Threads = 1, BatchSize = 8 });
        search.Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = search.Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(16, result.Playouts);
        return allocated;
    }

    [Fact]
    public void ASearchOnAHundredThousandMovesAllocatesNoMoreThanOnTwenty()
    {
        AllocatedByASecondRun(AfterPasses(20));
        long onShort = AllocatedByASecondRun(AfterPasses(20));
        long onLong = AllocatedByASecondRun(AfterPasses(100_000));
        // The same work on the same board; a copy of the history per search thread slot was megabytes.
        Assert.True(onLong <= onShort + 16 * 1024, $"{onLong} bytes after 100,000 moves, {onShort} after 20");
    }

    [Fact]
    public void SearchThreadsKeepEveryBoardTheNetworkReads() =>
        Assert.True(EvaluationRequest.HistoryBoards >= InputPlanes.HistoryLength);
}
