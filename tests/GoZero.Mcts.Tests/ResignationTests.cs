using GoZero.Engine;
using GoZero.Engine.Tests;

namespace GoZero.Mcts.Tests;

public class ResignationTests
{
    // Black's one group owns the board with nine eyes; White has no stone and no legal move but a pass.
    private const string BlackOwnsTheBoard = """
        . X . X .
        X X X X X
        . X . X .
        X X X X X
        . X . X .
        """;

    private static Search SearchFor(Color toMove, int playouts, SearchOptions? options = null)
    {
        var game = Diagram.Game(BlackOwnsTheBoard, new RulesOptions(Komi: 0.5), toMove);
        var search = new Search(game, new RolloutEvaluator(8, 5), (options ?? SearchOptions.Default) with { MaxPlayouts = playouts });
        return search;
    }

    [Fact]
    public void ResignsALostPositionAfterEnoughVisits()
    {
        var search = SearchFor(Color.White, 200);
        var result = search.Run();
        Assert.True((1 + result.Moves[0].Q) / 2 < search.Options.ResignThreshold);
        Assert.True(result.Resigns);
        Assert.Equal(Move.Resign, result.ChosenMove);
        Assert.Equal(Move.Resign, search.ChooseMove());
    }

    [Fact]
    public void DoesNotResignBeforeTheMinimumVisits()
    {
        var search = SearchFor(Color.White, 50, new SearchOptions { ResignMinVisits = 100 });
        var result = search.Run();
        Assert.False(result.Resigns);
        Assert.True(result.ChosenMove.IsPass);
        Assert.True(search.ChooseMove().IsPass);
    }

    [Fact]
    public void ZeroThresholdNeverResigns()
    {
        var search = SearchFor(Color.White, 200, new SearchOptions { ResignThreshold = 0 });
        Assert.False(search.Run().Resigns);
        Assert.False(search.ChooseMove().IsResign);
    }

    [Fact]
    public void TheWinnerDoesNotResign()
    {
        var search = SearchFor(Color.Black, 200);
        var result = search.Run();
        Assert.False(result.Resigns);
        Assert.False(search.ChooseMove().IsResign);
    }

    [Fact]
    public void ThresholdMustBeAWinRate() =>
        Assert.Throws<ArgumentException>(() => new SearchOptions { ResignThreshold = 1.5 }.Validated());
}
