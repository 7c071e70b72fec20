using GoZero.Engine;
using GoZero.Engine.Tests;
using Xunit.Abstractions;

namespace GoZero.Mcts.Tests;

public class TacticsTests(ITestOutputHelper output)
{
    private SearchResult SearchFrom(Game game, int playouts, int threads = 1, int batch = 1, ulong seed = 7)
    {
        var search = new Search(game, new RolloutEvaluator(8, seed), new SearchOptions { MaxPlayouts = playouts, Threads = threads, BatchSize = batch });
        var result = search.Run();
        foreach (var m in result.Moves.Take(4))
            output.WriteLine($"{Vertex.ToGtp(m.Move, game.Geometry)} N={m.Visits} Q={m.Q:F3} P={m.Prior:F3}");
        return result;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4)]
    [InlineData(4, 2)]
    public void CapturesTwoStonesInAtari(int threads, int batch)
    {
        var game = Diagram.Game("""
            . . . . .
            . X X . .
            X O O . .
            . X X . .
            . . . . .
            """, new RulesOptions(Komi: 0.5), Color.Black);
        var result = SearchFrom(game, 1000, threads, batch);
        Assert.Equal("D3", Vertex.ToGtp(result.BestMove, game.Geometry));
    }

    [Theory]
    [InlineData(7UL)]
    [InlineData(8UL)]
    public void ExtendsTheOnlySavingMove(ulong seed)
    {
        var game = Diagram.Game("""
            . . . . .
            . O O . X
            O X X . X
            . O O . X
            . . . . .
            """, new RulesOptions(Komi: 0.5), Color.Black);
        var result = SearchFrom(game, 600, seed: seed);
        Assert.Equal("D3", Vertex.ToGtp(result.BestMove, game.Geometry));
    }

    [Fact]
    public void CapturesOnSevenBySeven()
    {
        var game = Diagram.Game("""
            . . . . . . .
            . . . . . . .
            . . X X X . .
            . X O O O . .
            . . X X X . .
            . . . . . . .
            . . . . . . .
            """, new RulesOptions(Komi: 7.5), Color.Black);
        var result = SearchFrom(game, 400);
        Assert.Equal("F4", Vertex.ToGtp(result.BestMove, game.Geometry));
    }

    [Fact]
    public void PassingEndsAWonGameAndIsScoredNotEvaluated()
    {
        // White passed; Black owns the whole board bar White's dead-looking stone, so passing wins outright by area.
        var game = Diagram.Game("""
            . X . X .
            X X X X X
            . X . X .
            X X X X X
            . X . X O
            """, new RulesOptions(Komi: 7.5), Color.White);
        game.Play(Move.Pass);
        var result = SearchFrom(game, 100);
        var pass = result.Moves.Single(m => m.Move.IsPass);
        Assert.True(pass.Visits > 0);
        Assert.Equal(1.0, pass.Q);
    }

    [Theory]
    [InlineData(7UL)]
    [InlineData(8UL)]
    public void TakesTheLastNeutralPointThatDecidesTheGame(ulong seed)
    {
        // Black 10 points, White 14, C3 open to both: with komi −3.5 Black wins by 0.5 only by taking it.
        var game = Diagram.Game("""
            . X O . .
            . X O . .
            . X . O .
            . X O . .
            . X O . .
            """, new RulesOptions(Komi: -3.5), Color.Black);
        var result = SearchFrom(game, 1000, seed: seed);
        Assert.Equal("C3", Vertex.ToGtp(result.BestMove, game.Geometry));
    }
}
