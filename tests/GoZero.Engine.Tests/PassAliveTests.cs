using static GoZero.Engine.Tests.PointSets;

namespace GoZero.Engine.Tests;

public class PassAliveTests
{
    [Fact]
    public void GroupWithTwoSeparateSinglePointEyesIsPassAlive()
    {
        var position = Diagram.Position("""
            X.X.X
            XXXXX
            .....
            .....
            .....
            """);
        var alive = PassAlive.Stones(position, Color.Black);
        Assert.Equal(StonesOf(position, Color.Black), Marked(position, alive));
    }

    [Fact]
    public void EyesOfAPassAliveGroupAreItsTerritoryButTheOpenSideIsNot()
    {
        var position = Diagram.Position("""
            X.X.X
            XXXXX
            .....
            .....
            .....
            """);
        Assert.Equal("B5 D5", Marked(position, PassAlive.Territory(position, Color.Black)));
        Assert.Equal("", Marked(position, PassAlive.Territory(position, Color.White)));
    }

    [Fact]
    public void GroupWithOneEyeIsNotPassAlive()
    {
        var position = Diagram.Position("""
            X.XXX
            XXXXX
            .....
            .....
            .....
            """);
        Assert.Equal("", Marked(position, PassAlive.Stones(position, Color.Black)));
        Assert.Equal("", Marked(position, PassAlive.Territory(position, Color.Black)));
    }

    [Fact]
    public void TwoPointEyeIsOneRegionSoTheGroupIsNotPassAlive()
    {
        var position = Diagram.Position("""
            X..XX
            XXXXX
            .....
            .....
            .....
            """);
        Assert.Equal("", Marked(position, PassAlive.Stones(position, Color.Black)));
    }

    [Fact]
    public void FalseEyeDoesNotMakeASecondEye()
    {
        // D5 looks like a second eye, but E5 is a chain of its own that White captures by playing D5.
        var position = Diagram.Position("""
            X.X.X
            XXXXO
            .....
            .....
            .....
            """);
        Assert.Equal("", Marked(position, PassAlive.Stones(position, Color.Black)));
    }

    [Fact]
    public void TwoChainsThatShareTheirEyesAreBothPassAlive()
    {
        // C1 is a chain of one stone and owns no eye alone; every eye is shared with the other chain, and each eye is
        // vital to both, so each chain has three vital regions.
        var position = Diagram.Position("""
            .....
            .....
            .XXX.
            XX.XX
            X.X.X
            """);
        Assert.NotEqual(position.ChainIdOf(Point(position, "C1")), position.ChainIdOf(Point(position, "A1")));
        Assert.Equal(StonesOf(position, Color.Black), Marked(position, PassAlive.Stones(position, Color.Black)));
        Assert.Equal("B1 D1 C2", Marked(position, PassAlive.Territory(position, Color.Black)));
    }

    [Fact]
    public void ChainLosesItsRegionsWhenTheOtherChainAroundThemDies()
    {
        // The lone stone C1 has two vital regions (B1 and D1), but they are also bordered by the chains A1-A2-B2 and
        // D2-E2-E1, which have no second eye; once those are dropped, their regions go with them and C1 dies too.
        var position = Diagram.Position("""
            .....
            .....
            .....
            XXOXX
            X.X.X
            """);
        Assert.Equal("", Marked(position, PassAlive.Stones(position, Color.Black)));
    }

    [Fact]
    public void BigEyeHoldingAnOpponentStoneIsNotVitalWhenOneOfItsEmptyPointsIsNoLiberty()
    {
        // E1 is empty and touches no black stone, so White's D2 stone can live there as far as Benson knows.
        var position = Diagram.Position("""
            .....
            .....
            XXXXX
            X.XO.
            XXX..
            """);
        Assert.Equal("", Marked(position, PassAlive.Stones(position, Color.Black)));
    }

    [Fact]
    public void OpponentStoneInAnEyeLeavesItVitalWhenEveryEmptyPointIsALiberty()
    {
        // Every empty point of D2-E2-D1-E1 touches the black chain, so White cannot fill the region without suicide.
        var position = Diagram.Position("""
            .....
            .....
            XXXXX
            X.X..
            XXX.O
            """);
        Assert.Equal(StonesOf(position, Color.Black), Marked(position, PassAlive.Stones(position, Color.Black)));
        Assert.Equal("D1 E1 B2 D2 E2", Marked(position, PassAlive.Territory(position, Color.Black)));
    }

    [Fact]
    public void WhereSuicideIsLegalAnEyeHoldingAnOpponentStoneAwayFromTheChainIsNotVital()
    {
        // White could fill D2, E2 and D1 and then take its own stones off by suicide: E1 would be empty and no liberty.
        var position = Diagram.Position("""
            .....
            .....
            XXXXX
            X.X..
            XXX.O
            """);
        Assert.Equal("", Marked(position, PassAlive.Stones(position, Color.Black, SuicideRule.Allowed)));
    }

    [Fact]
    public void WhiteChainsAreJudgedLikeBlackOnes()
    {
        var position = Diagram.Position("""
            O.O.O
            OOOOO
            XXXXX
            .X.X.
            .....
            """);
        Assert.Equal(StonesOf(position, Color.White), Marked(position, PassAlive.Stones(position, Color.White)));
        Assert.Equal("", Marked(position, PassAlive.Stones(position, Color.Black)));
    }

    [Fact]
    public void EmptyBoardHasNeitherPassAliveStonesNorTerritory()
    {
        var position = new Position(9);
        foreach (Color player in new[] { Color.Black, Color.White })
        {
            Assert.DoesNotContain(true, PassAlive.Stones(position, player));
            Assert.DoesNotContain(true, PassAlive.Territory(position, player));
        }
    }

    [Fact]
    public void OutputsMustCoverThePaddedBoard()
    {
        var position = new Position(9);
        Assert.Throws<ArgumentException>(() =>
            PassAlive.Find(position, Color.Black, new bool[10], new bool[position.Geometry.PaddedArea]));
        Assert.Throws<ArgumentException>(() => PassAlive.Stones(position, Color.Empty));
    }
}
