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

    [Fact]
    public void ResignationIsLeftAlone()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        Assert.Equal(Move.Resign, PassRule.Apply(game, Move.Resign, Visits(game, ("pass", 5)), PassRule.TrompTaylorMargin));
    }
}
