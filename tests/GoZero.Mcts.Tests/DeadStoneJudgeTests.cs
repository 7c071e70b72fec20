using GoZero.Engine;
using GoZero.Engine.Tests;
using GoZero.Network;

namespace GoZero.Mcts.Tests;

public class DeadStoneJudgeTests
{
    /// <summary>Issue 18's case: Black's wall on D, White's on E, a white stone at B5 inside Black's side, both passed.
    /// GNU Go (--chinese-rules) lists B5 dead and scores W+16.5.</summary>
    internal const string WallsWithAStoneInsideDiagram = """
        . . . X O . . . .
        . . . X O . . . .
        . . . X O . . . .
        . . . X O . . . .
        . O . X O . . . .
        . . . X O . . . .
        . . . X O . . . .
        . . . X O . . . .
        . . . X O . . . .
        """;

    private static Game WallsWithAStoneInside()
    {
        var game = Diagram.Game(WallsWithAStoneInsideDiagram);
        game.Play(Move.Pass);
        game.Play(Move.Pass);
        return game;
    }

    [Fact]
    public void OwnershipJudgesTheStoneInsideTheWallDeadAndScoresAsGnuGo()
    {
        var game = WallsWithAStoneInside();
        var model = new InfluenceOwnershipModel(9);
        var judge = DeadStoneJudge.For(model);

        var judgement = judge.Judge(game);

        Assert.True(judge.UsesOwnership);
        Assert.Equal(["B5"], judgement.PointsWithStatus(StoneStatus.Dead).Select(p => Vertex.ToGtp(new Move(p), game.Geometry)));
        Assert.Empty(judgement.PointsWithStatus(StoneStatus.Seki));
        Assert.Equal(-16.5, judgement.BlackMinusWhite(game.Rules.Komi));
        Assert.Equal("W+16.5", judgement.Result(game.Rules.Komi).ToString());
        // A search of SearchPlayouts playouts, each leaf under all 8 symmetries (the terminal ones cost no network).
        Assert.InRange(model.Rows, 8, 8 * DeadStoneJudge.SearchPlayouts);
    }

    [Fact]
    public void ASearchThatKeepsPassingDoesNotPullTheDeadStoneBackToLife()
    {
        // A policy that all but insists on passing: most playouts end the game at once, in a Tromp-Taylor count that
        // leaves B5 on the board. Those finished games are not the network's ownership and must not count in it.
        var game = WallsWithAStoneInside();
        var judgement = DeadStoneJudge.For(new InfluenceOwnershipModel(9, passLogit: 12)).Judge(game);
        Assert.Equal(["B5"], judgement.PointsWithStatus(StoneStatus.Dead).Select(p => Vertex.ToGtp(new Move(p), game.Geometry)));
        Assert.Equal(-16.5, judgement.BlackMinusWhite(game.Rules.Komi));
    }

    [Fact]
    public void TheSameGameIsAlwaysJudgedTheSame()
    {
        var game = WallsWithAStoneInside();
        var judge = DeadStoneJudge.For(new InfluenceOwnershipModel(9));
        var first = judge.Judge(game);
        var second = judge.Judge(game);
        foreach (int point in game.Geometry.Points)
            Assert.Equal(first.BlackOwnership(point), second.BlackOwnership(point));
    }

    [Fact]
    public void WithoutAnOwnershipHeadThePlayoutsJudgeAsBefore()
    {
        var game = WallsWithAStoneInside();
        using var policyValueOnly = ModelFactory.OpenInference(NetworkWeights.Random(new NetworkShape(9, 1, 8), seed: 1));
        var judge = DeadStoneJudge.For(policyValueOnly);

        var judgement = judge.Judge(game);

        Assert.False(judge.UsesOwnership);
        Assert.Same(DeadStoneJudge.Playouts, judge);
        Assert.Same(DeadStoneJudge.Playouts, DeadStoneJudge.For(null));
        var playouts = DeadStones.Judge(game);
        Assert.Equal(playouts.DeadPoints, judgement.DeadPoints);
        Assert.Equal(playouts.BlackMinusWhite(7.5), judgement.BlackMinusWhite(7.5));
    }

    [Fact]
    public void ANetworkForAnotherBoardCannotJudge()
    {
        var judge = DeadStoneJudge.For(new InfluenceOwnershipModel(7));
        Assert.Throws<ArgumentException>(() => judge.Judge(new Game(9)));
    }
}
