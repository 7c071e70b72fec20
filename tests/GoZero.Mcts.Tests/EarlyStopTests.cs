using GoZero.Engine;
using GoZero.Engine.Tests;

namespace GoZero.Mcts.Tests;

public class EarlyStopTests
{
    private static Game TwoStonesInAtari() => Diagram.Game("""
        . . . . .
        . X X . .
        X O O . .
        . X X . .
        . . . . .
        """, new RulesOptions(Komi: 0.5), Color.Black);

    private static SearchResult SearchFrom(Game game, bool earlyStop, int playouts = 2000) =>
        new Search(game, new RolloutEvaluator(8, 7), new SearchOptions { MaxPlayouts = playouts, BatchSize = 1, EarlyStop = earlyStop }).Run();

    [Fact]
    public void StopsOnceTheBestMoveCannotBeOvertaken()
    {
        var game = TwoStonesInAtari();
        var result = SearchFrom(game, earlyStop: true);
        Assert.Equal(StopReason.EarlyStop, result.StopReason);
        Assert.True(result.Playouts < 2000, $"{result.Playouts} playouts");
        Assert.Equal("D3", Vertex.ToGtp(result.BestMove, game.Geometry));
        // One thread, one leaf a batch: nothing was in flight when it stopped, so the lead is beyond the playouts left.
        int second = result.Moves.Count > 1 ? result.Moves[1].Visits : 0;
        Assert.True(result.Moves[0].Visits > second + (2000 - result.Playouts));
    }

    [Fact]
    public void DisabledEarlyStopSpendsEveryPlayoutOnTheSameMove()
    {
        var game = TwoStonesInAtari();
        var full = SearchFrom(game, earlyStop: false);
        Assert.Equal(StopReason.PlayoutLimit, full.StopReason);
        Assert.Equal(2000, full.Playouts);
        Assert.Equal(SearchFrom(game, earlyStop: true).BestMove, full.BestMove);
    }

    [Fact]
    public void AnOnlyMoveIsDecidedAtOnce()
    {
        // White's only legal move is a pass: every empty point is an eye of Black's single group.
        var game = Diagram.Game("""
            . X . X .
            X X X X X
            . X . X .
            X X X X X
            . X . X .
            """, new RulesOptions(Komi: 0.5), Color.White);
        var result = SearchFrom(game, earlyStop: true, playouts: 500);
        Assert.Equal(StopReason.EarlyStop, result.StopReason);
        Assert.True(result.Playouts < 10, $"{result.Playouts} playouts");
        Assert.True(result.BestMove.IsPass);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 4)]
    public void EarlyStopKeepsTheAccountingWithThreads(int threads, int batch)
    {
        var game = TwoStonesInAtari();
        var search = new Search(game, new RolloutEvaluator(8, 7), new SearchOptions { MaxPlayouts = 2000, Threads = threads, BatchSize = batch, EarlyStop = true });
        var result = search.Run();
        Assert.Equal(StopReason.EarlyStop, result.StopReason);
        Assert.Equal(result.Playouts, result.RootVisits);
        SearchAccountingTests.AssertTreeConsistent(search.Tree);
    }
}
