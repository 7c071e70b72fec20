using GoZero.Engine;
using GoZero.Engine.Tests;
using GoZero.Mcts;

namespace GoZero.Mcts.Tests;

public sealed class PassRuleTests
{
    private static readonly RulesOptions Komi = RulesOptions.Default with { Komi = 0.5 };

    // Black owns columns A–C (15 points), White D–E (10): Black wins by 4.5 whoever moves.
    private const string BlackAhead = """
        . . X O .
        . . X O .
        . . X O .
        . . X O .
        . . X O .
        """;

    private static IReadOnlyList<RootMoveStats> Visits(Game game, params (string Vertex, int Visits)[] moves) =>
        moves.Select(m => new RootMoveStats(m.Vertex == "pass" ? Move.Pass : Vertex.ParseGtp(m.Vertex, game.Geometry), m.Visits, 0, 0.1f)).ToList();

    [Fact]
    public void PassThatLosesIsReplacedByTheMostVisitedPlay()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        var moves = Visits(game, ("pass", 50), ("A3", 20), ("E3", 10));
        Assert.Equal(Vertex.ParseGtp("A3", game.Geometry), PassRule.Apply(game, Move.Pass, moves, PassRule.TrompTaylorMargin));
    }

    [Fact]
    public void PassThatWinsStays()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.Black);
        var moves = Visits(game, ("pass", 50), ("E3", 20));
        Assert.Equal(Move.Pass, PassRule.Apply(game, Move.Pass, moves, PassRule.TrompTaylorMargin));
    }

    [Fact]
    public void AfterTheOpponentPassesAWinningPlayerPasses()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        game.Play(Color.White, Move.Pass);
        var moves = Visits(game, ("E3", 50), ("pass", 20));
        Assert.Equal(Move.Pass, PassRule.Apply(game, moves[0].Move, moves, PassRule.TrompTaylorMargin));
    }

    [Fact]
    public void AfterTheOpponentPassesALosingPlayerPlaysOn()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.Black);
        game.Play(Color.Black, Move.Pass);
        var moves = Visits(game, ("B3", 50), ("pass", 20));
        Assert.Equal(moves[0].Move, PassRule.Apply(game, moves[0].Move, moves, PassRule.TrompTaylorMargin));
    }

    [Fact]
    public void OwnEyesAreNeverFilledInsteadOfPassing()
    {
        // White is behind but has only its own eyes left to fill: passing is all that is left.
        var game = Diagram.Game("""
            X X X X X
            X X X X X
            X X O O O
            X X O . O
            X X O O .
            """, Komi, Color.White);
        var moves = Visits(game, ("pass", 30), ("D2", 5), ("E1", 5));
        Assert.Equal(Move.Pass, PassRule.Apply(game, Move.Pass, moves, PassRule.TrompTaylorMargin));
    }

    [Fact]
    public void JudgedMarginTakesDeadStonesOff()
    {
        // A lone white stone in Black's mouth is dead: by Tromp-Taylor it keeps its point and spoils Black's area
        // around the mouth; judged, Black has the whole board.
        var game = Diagram.Game("""
            . . . . .
            . X X X .
            . X O X .
            . X . X .
            . . . . .
            """, RulesOptions.Default with { Komi = 0 }, Color.White);
        Assert.Equal(-25, PassRule.JudgedMargin(game, Color.White));
        Assert.True(PassRule.TrompTaylorMargin(game, Color.White) > -25);
    }

    private static readonly SearchOptions ResignAt5 = new() { ResignThreshold = 0.05, ResignMinVisits = 100 };

    private static IReadOnlyList<RootMoveStats> Valued(Game game, params (string Vertex, int Visits, double WinRate)[] moves) =>
        moves.Select(m => new RootMoveStats(m.Vertex == "pass" ? Move.Pass : Vertex.ParseGtp(m.Vertex, game.Geometry), m.Visits, 2 * m.WinRate - 1, 0.1f)).ToList();

    [Fact]
    public void ALosingPassThatTheRuleReplacesIsNoReasonToResign()
    {
        // White, behind, would lose by passing (win rate 1%), the most visited move; the rule plays A3 instead, at 40%.
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        var moves = Valued(game, ("pass", 120, 0.01), ("A3", 60, 0.40), ("E3", 20, 0.30));
        Assert.False(PassRule.Resigns(game, moves, 200, ResignAt5, PassRule.TrompTaylorMargin));
        // The search alone (most visited move below 5%) would have resigned.
        Assert.True((1 + moves[0].Q) / 2 < ResignAt5.ResignThreshold);
    }

    [Fact]
    public void ResignsWhenTheMoveItWouldPlayIsLost()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        Assert.True(PassRule.Resigns(game, Valued(game, ("pass", 120, 0.01), ("A3", 60, 0.03)), 200, ResignAt5, PassRule.TrompTaylorMargin));
        Assert.True(PassRule.Resigns(game, Valued(game, ("A3", 150, 0.02), ("pass", 50, 0.01)), 200, ResignAt5, PassRule.TrompTaylorMargin));
    }

    [Fact]
    public void NoResignationWithoutEnoughVisitsOrWithoutThreshold()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        var lost = Valued(game, ("A3", 150, 0.02));
        Assert.False(PassRule.Resigns(game, lost, 99, ResignAt5, PassRule.TrompTaylorMargin));
        Assert.False(PassRule.Resigns(game, lost, 200, ResignAt5 with { ResignThreshold = 0 }, PassRule.TrompTaylorMargin));
        // A replacement the search never visited tells nothing about the game: no resignation.
        Assert.False(PassRule.Resigns(game, Valued(game, ("pass", 200, 0.01)), 200, ResignAt5, PassRule.TrompTaylorMargin));
    }

    [Fact]
    public void ResignationIsLeftAlone()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        Assert.Equal(Move.Resign, PassRule.Apply(game, Move.Resign, Visits(game, ("pass", 5)), PassRule.TrompTaylorMargin));
    }
}
