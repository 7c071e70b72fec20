using static GoZero.Engine.Tests.PointSets;

namespace GoZero.Engine.Tests;

public class SelfAtariTests
{
    [Theory]
    [InlineData("C1", Color.Black)]
    [InlineData("E1", Color.Black)]
    [InlineData("C1", Color.White)]
    [InlineData("E1", Color.White)]
    public void FillingASharedLibertyOfASekiIsMultiStoneSelfAtariForBothSides(string vertex, Color player)
    {
        var position = Diagram.Position(DeadStonesTests.SekiBetweenPassAliveGroups);
        Assert.True(SelfAtari.IsMultiStoneSelfAtari(position, Point(position, vertex), player));
    }

    [Fact]
    public void JoiningAStoneIntoAChainWithOneLibertyIsSelfAtari()
    {
        var position = Diagram.Position("""
            .....
            .....
            .....
            .O...
            X.O..
            """);
        Assert.True(SelfAtari.IsMultiStoneSelfAtari(position, Point(position, "B1"), Color.Black));
    }

    [Fact]
    public void LoneStoneInAtariIsNotCounted()
    {
        // A sacrifice of one stone is how eyes are destroyed; the playouts keep it.
        var position = Diagram.Position("""
            .....
            .....
            .....
            .O...
            ..O..
            """);
        Assert.False(SelfAtari.IsMultiStoneSelfAtari(position, Point(position, "B1"), Color.Black));
    }

    [Fact]
    public void MoveThatCapturesIsNotSelfAtari()
    {
        var position = Diagram.Position("""
            .....
            .....
            .....
            .OX..
            X.OX.
            """);
        Assert.True(position.WouldCapture(Point(position, "B1"), Color.Black));
        Assert.False(SelfAtari.IsMultiStoneSelfAtari(position, Point(position, "B1"), Color.Black));
    }

    [Fact]
    public void ChainThatKeepsTwoLibertiesIsNotInAtari()
    {
        var position = Diagram.Position("""
            .....
            .....
            .....
            .....
            X.O..
            """);
        Assert.False(SelfAtari.IsMultiStoneSelfAtari(position, Point(position, "B1"), Color.Black));
    }

    [Fact]
    public void ChainJoinedFromTwoSidesIsWalkedOnce()
    {
        // B2 touches the chain A1-A2-B1 twice; the chain's other liberty is A3, so B2 leaves it in atari.
        var position = Diagram.Position("""
            .....
            .....
            .OO..
            X.O..
            XXO..
            """);
        Assert.True(SelfAtari.IsMultiStoneSelfAtari(position, Point(position, "B2"), Color.Black));
        // With B3 empty, B2 keeps A3 and B3.
        position.SetStone(Point(position, "B3"), Color.Empty);
        Assert.False(SelfAtari.IsMultiStoneSelfAtari(position, Point(position, "B2"), Color.Black));
    }
}
