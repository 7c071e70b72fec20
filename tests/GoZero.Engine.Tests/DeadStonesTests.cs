using static GoZero.Engine.Tests.PointSets;

namespace GoZero.Engine.Tests;

public class DeadStonesTests
{
    /// <summary>A finished game: White's C5 is a lone stone inside Black's area, Black's H4 one inside White's.</summary>
    private const string LoneStonesInTerritory = """
        .X.XO.O..
        X.XXO.O..
        .X.XOO.O.
        XXXXXOOOO
        ..O.XO...
        ...XXO.X.
        XXXXOO...
        ...XO.OO.
        ...XO....
        """;

    /// <summary>A finished game: White's B6-C6 and Black's H6-H7 are two-stone groups without eyes in the other's area.</summary>
    private const string EyelessPairsInTerritory = """
        ...XO....
        .X.XO.OO.
        ..XXO.OX.
        .OOXO.OX.
        ...XOO.O.
        XX.XXO...
        .XX.XOOOO
        X.XXXO...
        .X..XO...
        """;

    /// <summary>A finished game: White's six stones at the left have one eye (A5) and one outside liberty (A3).</summary>
    private const string OneEyedGroupInTerritory = """
        ...XO....
        .X.XO.O..
        XXXXO....
        OOOXO....
        .OXXO....
        OOXXO....
        .XX.XO...
        X.XXXO...
        .X..XO...
        """;

    /// <summary>
    /// A seki at the bottom: Black's B1-F2 chain and White's D1 share the liberties C1 and E1, and whoever fills one is
    /// captured. Black's top group and White's big group are pass-alive, so the playouts have nothing to play.
    /// </summary>
    internal const string SekiBetweenPassAliveGroups = """
        .X.X.X.X.
        XXXXXXXXX
        OOOOOOOOO
        O.O.O.O.O
        OOOOOOOOO
        O.O.O.O.O
        OOOOOOOOO
        OXXXXXO.O
        OX.O.XOO.
        """;

    /// <summary>The same seki with open territory on both sides, which the playouts fill first.</summary>
    private const string SekiAmongOpenTerritory = """
        ....X....
        ....X....
        XXXXXXXXX
        OOOOOOOOO
        ...O.....
        ...O.....
        OOOOOOO..
        OXXXXXO..
        OX.O.XO..
        """;

    [Fact]
    public void OwnershipDecidesTheChainsBensonLeavesOpenButNeverAPassAliveOne()
    {
        // An ownership that gives White every point: Black's top group is pass-alive and stays, the rest of Black's
        // stones are taken off; White's stones are alive by it.
        var position = Diagram.Position(SekiBetweenPassAliveGroups);
        var allWhite = Enumerable.Repeat(-1f, position.Geometry.Area).ToArray();
        var judgement = DeadStones.JudgeByOwnership(position, allWhite);
        Assert.Equal("B1 F1 B2 C2 D2 E2 F2", Vertices(position, judgement.DeadPoints));
        Assert.Equal(StoneStatus.Alive, judgement.StatusOf(position.Geometry.PointAt(1, 8)));
        Assert.Equal(-1, judgement.BlackOwnership(position.Geometry.PointAt(1, 8)));
    }

    [Theory]
    [InlineData(0.39f, StoneStatus.Alive)]
    [InlineData(0.41f, StoneStatus.Dead)]
    public void AStoneIsDeadWhenTheOpponentsOwnershipReachesTheThreshold(float blackOwnership, StoneStatus expected)
    {
        // Issue 18's walls, neither pass-alive, and White's B5 inside Black's side. The default threshold 0.7 is a
        // share of the ends; an ownership o of Black's reads as the share (1 + o)/2, so B5 is dead from o = 0.4.
        var position = Diagram.Position("""
            ...XO....
            ...XO....
            ...XO....
            ...XO....
            .O.XO....
            ...XO....
            ...XO....
            ...XO....
            ...XO....
            """);
        var ownership = new float[position.Geometry.Area]; // 0 everywhere: a coin toss, so the walls live
        int b5 = position.Geometry.PointAt(1, 4);
        ownership[position.Geometry.DenseIndexOf(b5)] = blackOwnership;
        var judgement = DeadStones.JudgeByOwnership(position, ownership);
        Assert.Equal(expected, judgement.StatusOf(b5));
        Assert.Equal(StoneStatus.Alive, judgement.StatusOf(position.Geometry.PointAt(3, 4)));
        Assert.Equal(StoneStatus.Alive, judgement.StatusOf(position.Geometry.PointAt(4, 4)));
    }

    [Fact]
    public void AnOwnershipOfAnotherBoardIsRefused() =>
        Assert.Throws<ArgumentException>(() => DeadStones.JudgeByOwnership(new Position(9), new float[49]));

    [Fact]
    public void LoneStonesInsideSolidTerritoryAreDead()
    {
        var position = Diagram.Position(LoneStonesInTerritory);
        var judgement = DeadStones.Judge(position);
        Assert.Equal("H4 C5", Vertices(position, judgement.DeadPoints));
        Assert.Equal("H4 C5", Vertices(position, judgement.PointsWithStatus(StoneStatus.Dead)));
        Assert.Empty(judgement.PointsWithStatus(StoneStatus.Seki));
        Assert.Equal(StonesCount(position) - 2, judgement.PointsWithStatus(StoneStatus.Alive).Count);
    }

    [Fact]
    public void ScoreCountsTheDeadStonesPointsForTheSurroundingPlayer()
    {
        // With C5 and H4 off, Black has columns A-D (36 points) and E4-E6 (3): 39. White has the other 42.
        var position = Diagram.Position(LoneStonesInTerritory);
        var judgement = DeadStones.Judge(position);
        Assert.Equal(39 - 42 - 7.5, judgement.BlackMinusWhite(7.5));
        Assert.Equal(39 - 42 - 7.5, DeadStones.ScoreWithDeadRemoved(position, 7.5));
        Assert.Equal("W+10.5", judgement.Result(7.5).ToString());
        // Counting every stone as alive, C5 and H4 would spoil the regions around them.
        Assert.NotEqual(39 - 42 - 7.5, AreaScoring.BlackMinusWhite(position, 7.5));
    }

    [Fact]
    public void TwoStoneGroupsWithoutEyesAreDeadAndScoredForTheOpponent()
    {
        // Without the dead pairs, Black owns columns A-D and E1-E4: 40 points; White the other 41.
        var position = Diagram.Position(EyelessPairsInTerritory);
        var judgement = DeadStones.Judge(position);
        Assert.Equal("B6 C6 H6 H7", Vertices(position, judgement.DeadPoints));
        Assert.Equal(40 - 41 - 7.5, judgement.BlackMinusWhite(7.5));
    }

    [Fact]
    public void GroupWithOneEyeInsideTerritoryIsDeadAsAWhole()
    {
        // Without White's six stones, Black owns columns A-D and E1-E3: 39 points; White the other 42.
        var position = Diagram.Position(OneEyedGroupInTerritory);
        var judgement = DeadStones.Judge(position);
        Assert.Equal("A4 B4 B5 A6 B6 C6", Vertices(position, judgement.DeadPoints));
        Assert.Equal(StoneStatus.Alive, judgement.StatusOf(Point(position, "B8")));
        Assert.Equal(39 - 42 - 7.5, judgement.BlackMinusWhite(7.5));
    }

    [Fact]
    public void JudgementDoesNotDependOnWhoIsToMove()
    {
        var blackToMove = DeadStones.Judge(Diagram.Position(EyelessPairsInTerritory, Color.Black));
        var whiteToMove = DeadStones.Judge(Diagram.Position(EyelessPairsInTerritory, Color.White));
        Assert.Equal(blackToMove.DeadPoints, whiteToMove.DeadPoints);
    }

    /// <summary>A game both sides passed out early (a network against a random one): stones scattered on an open board.</summary>
    private const string OpenBoardPassedOut = """
        ...XO....
        ...X.....
        ...O.OX..
        ..OX..OXX
        O....X..O
        X.O.X....
        .....X.X.
        X..X.....
        ...XO..X.
        """;

    [Fact]
    public void OpenPositionIsJudgedTheSameWhoeverIsToMove()
    {
        // The pass rule judges with the passer to move, the referee after both passes with the other side to move: one
        // judgement for both, or a player passes "into a win" that the referee scores as a loss.
        var blackToMove = DeadStones.Judge(Diagram.Position(OpenBoardPassedOut, Color.Black));
        var whiteToMove = DeadStones.Judge(Diagram.Position(OpenBoardPassedOut, Color.White));
        var position = Diagram.Position(OpenBoardPassedOut);
        foreach (int point in position.Geometry.Points)
            Assert.Equal(blackToMove.BlackOwnership(point), whiteToMove.BlackOwnership(point));
        Assert.Equal(blackToMove.DeadPoints, whiteToMove.DeadPoints);
        Assert.Equal(blackToMove.BlackMinusWhite(7.5), whiteToMove.BlackMinusWhite(7.5));
    }

    [Fact]
    public void SekiStonesStayAliveAndTheirSharedLibertiesAreNeutral()
    {
        var position = Diagram.Position(SekiBetweenPassAliveGroups);
        var judgement = DeadStones.Judge(position);
        Assert.Empty(judgement.DeadPoints);
        Assert.Equal("B1 D1 F1 B2 C2 D2 E2 F2", Vertices(position, judgement.PointsWithStatus(StoneStatus.Seki)));
        Assert.Equal("C1 E1", Vertices(position, judgement.SharedLiberties));
        Span<sbyte> owner = stackalloc sbyte[position.Geometry.PaddedArea];
        judgement.FillOwnership(owner);
        Assert.Equal(0, owner[Point(position, "C1")]);
        Assert.Equal(0, owner[Point(position, "E1")]);
        Assert.Equal(1, owner[Point(position, "B1")]);
        Assert.Equal(-1, owner[Point(position, "D1")]);
        // Nobody's points, but no dame: neither side can fill them, so the game is finished as it stands.
        Assert.Empty(judgement.OpenPoints());
        Assert.True(judgement.IsFinished());
    }

    [Fact]
    public void SekiIsScoredWithBothGroupsOnTheBoardAndTheSharedLibertiesForNobody()
    {
        // Black: rows 8-9 (18) and the seven seki stones: 25. White: rows 1-7 less those seven and C1, E1: 54.
        var position = Diagram.Position(SekiBetweenPassAliveGroups);
        Assert.Equal(25 - 54 - 7.5, DeadStones.ScoreWithDeadRemoved(position, 7.5));
    }

    [Fact]
    public void SekiSurvivesPlayoutsThatFillOpenTerritoryAroundIt()
    {
        // Black: rows 7-9 (27) and the seven seki stones: 34. White: rows 1-6 less those seven and C1, E1: 45.
        var position = Diagram.Position(SekiAmongOpenTerritory);
        var judgement = DeadStones.Judge(position);
        Assert.Empty(judgement.DeadPoints);
        Assert.Equal("B1 D1 F1 B2 C2 D2 E2 F2", Vertices(position, judgement.PointsWithStatus(StoneStatus.Seki)));
        Assert.Equal("C1 E1", Vertices(position, judgement.SharedLiberties));
        Assert.Equal(34 - 45 - 7.5, judgement.BlackMinusWhite(7.5));
    }

    [Fact]
    public void DameBetweenLivingGroupsAreNoSharedLiberties()
    {
        // E4, E5 and E6 touch both colours, but either side may fill them safely: they are dame, and no stone is in seki.
        var position = Diagram.Position("""
            ...XO....
            .X.XO.O..
            ...XO....
            XXXX.OOOO
            ...X.O...
            XXXX.OOOO
            ...XO....
            .X.XO.O..
            ...XO....
            """);
        var judgement = DeadStones.Judge(position);
        Assert.Empty(judgement.SharedLiberties);
        Assert.Empty(judgement.PointsWithStatus(StoneStatus.Seki));
        Assert.Empty(judgement.DeadPoints);
    }

    [Fact]
    public void PlainRandomPlayoutsKillTheSekiThatJudgementPlayoutsKeep()
    {
        // With Black to move, Black's only moves are C1 and E1, each a self-atari of the whole chain.
        var position = Diagram.Position(SekiBetweenPassAliveGroups);
        int b2 = Point(position, "B2");
        Span<sbyte> owner = stackalloc sbyte[position.Geometry.PaddedArea];
        foreach (bool avoidsSelfAtari in new[] { false, true })
        {
            var playout = new Playout(position.Geometry, 11) { AvoidsMultiStoneSelfAtari = avoidsSelfAtari };
            int whiteTakesB2 = 0;
            for (int i = 0; i < 50; i++)
            {
                playout.Run(position);
                AreaScoring.FillOwnership(playout.FinalPosition, owner);
                if (owner[b2] < 0) whiteTakesB2++;
            }
            Assert.Equal(avoidsSelfAtari ? 0 : 50, whiteTakesB2);
        }
    }

    [Fact]
    public void StoneInPassAliveTerritoryIsDeadWhateverThePlayoutsSay()
    {
        // E1 sits in an eye of a pass-alive group; Benson settles it before any playout (one playout is no majority
        // of anything, so a threshold of 1 and a single playout leave the verdict to Benson).
        var position = Diagram.Position("""
            .....
            .....
            XXXXX
            X.X..
            XXX.O
            """);
        for (ulong seed = 1; seed <= 8; seed++)
        {
            var judgement = DeadStones.Judge(position, new DeadStoneOptions(Playouts: 1, DeadThreshold: 1.0, Seed: seed));
            Assert.Equal("E1", Vertices(position, judgement.DeadPoints));
        }
    }

    [Fact]
    public void PositionAfterTwoPassesIsJudgedLikeTheSameBoardBeforeThem()
    {
        // The playouts must not stop at once because the game being scored has just ended with two passes.
        var position = Diagram.Position(LoneStonesInTerritory);
        position.Play(Move.Pass);
        position.Play(Move.Pass);
        Assert.Equal(2, position.ConsecutivePasses);
        var judgement = DeadStones.Judge(position);
        Assert.Equal("H4 C5", Vertices(position, judgement.DeadPoints));
    }

    [Fact]
    public void JudgementLeavesThePositionUnchanged()
    {
        var position = Diagram.Position(EyelessPairsInTerritory);
        string before = position.ToString();
        ulong hash = position.Hash;
        var judgement = DeadStones.Judge(position);
        Assert.Equal(before, position.ToString());
        Assert.Equal(hash, position.Hash);
        Assert.Equal(Color.White, position[Point(position, "B6")]);
        Assert.Equal(Color.Empty, judgement.WithDeadRemoved()[Point(position, "B6")]);
    }

    [Fact]
    public void SameSeedGivesTheSameJudgement()
    {
        var position = Diagram.Position(SekiAmongOpenTerritory);
        var options = new DeadStoneOptions(Playouts: 100, Seed: 42);
        var first = DeadStones.Judge(position, options);
        var second = DeadStones.Judge(position, options);
        foreach (int point in position.Geometry.Points)
            Assert.Equal(first.BlackOwnership(point), second.BlackOwnership(point));
        Assert.Equal(first.DeadPoints, second.DeadPoints);
        Assert.Equal(first.SharedLiberties, second.SharedLiberties);
    }

    [Fact]
    public void PlayoutEndOn19x19HasNoDeadStonesAndScoresAsTrompTaylor()
    {
        // A random playout ends when neither side has a move but to fill its own eyes: every chain left lives.
        var playout = new Playout(BoardGeometry.Of(19), 5);
        playout.Run(new Position(19));
        var position = playout.FinalPosition.Clone();
        var judgement = DeadStones.Judge(position);
        Assert.Empty(judgement.DeadPoints);
        Assert.Equal(AreaScoring.BlackMinusWhite(position, 7.5), judgement.BlackMinusWhite(7.5));
    }

    [Fact]
    public void StatusOfAnEmptyPointIsAnError()
    {
        var position = Diagram.Position(LoneStonesInTerritory);
        var judgement = DeadStones.Judge(position, new DeadStoneOptions(Playouts: 10));
        Assert.Throws<ArgumentException>(() => judgement.StatusOf(Point(position, "A1")));
        Assert.False(judgement.IsDead(Point(position, "A1")));
    }

    [Theory]
    [InlineData(0, 0.7, 0.7)]
    [InlineData(100, 0.5, 0.7)]
    [InlineData(100, 1.1, 0.7)]
    [InlineData(100, 0.7, 0.0)]
    [InlineData(100, double.NaN, 0.7)]
    public void OptionsOutsideTheirRangeAreRejected(int playouts, double deadThreshold, double sekiThreshold)
    {
        var options = new DeadStoneOptions(playouts, deadThreshold, sekiThreshold);
        Assert.Throws<ArgumentException>(() => DeadStones.Judge(new Position(9), options));
    }

    private static int StonesCount(Position position) =>
        position.StoneCount(Color.Black) + position.StoneCount(Color.White);
}
