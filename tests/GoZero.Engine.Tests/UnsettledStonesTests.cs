using static GoZero.Engine.Tests.PointSets;

namespace GoZero.Engine.Tests;

public class UnsettledStonesTests
{
    [Fact]
    public void ACapturingRaceLeftOnTheBoardIsUnsettled()
    {
        // Black's first-line chain (two liberties, A1 and J1) and White's second-line chains are in a race that GNU Go
        // gives to White; the playouts cannot call it, so it is left on the board and reported open.
        var position = Diagram.Position(EndPositions.Game25);
        var judgement = DeadStones.Judge(position);
        Assert.Equal("B1 C1 D1 E1 F1 G1 H1 E2", Vertices(position, judgement.UnsettledPoints));
        Assert.DoesNotContain(judgement.UnsettledPoints, judgement.IsDead);
    }

    [Fact]
    public void ChainsThePlayoutsCallClearlyAreSettled()
    {
        // Game 93: the playouts take off the four black stones GNU Go takes off, and are sure of every chain.
        var position = Diagram.Position(EndPositions.Game93);
        var judgement = DeadStones.Judge(position);
        Assert.Equal("E1 H1 E2 J2", Vertices(position, judgement.DeadPoints));
        Assert.Empty(judgement.UnsettledPoints);
    }

    [Fact]
    public void PassAliveChainsAndStonesInPassAliveTerritoryAreNeverUnsettled()
    {
        // A single playout (a share of 0 or 1) with a threshold of 1 leaves only Benson's status certain.
        var position = Diagram.Position("""
            .....
            .....
            XXXXX
            X.X..
            XXX.O
            """);
        var judgement = DeadStones.Judge(position, new DeadStoneOptions(Playouts: 1, DeadThreshold: 1.0));
        Assert.Equal("E1", Vertices(position, judgement.DeadPoints));
        Assert.Empty(judgement.UnsettledPoints);
    }
}
