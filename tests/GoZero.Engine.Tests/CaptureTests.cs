using GoZero.Engine;

namespace GoZero.Engine.Tests;

public class CaptureTests
{
    [Fact]
    public void SurroundingAStoneCapturesIt()
    {
        var game = Diagram.Game("""
            .....
            ..X..
            .XO..
            ..X..
            .....
            """);
        game.Play(Color.Black, Diagram.At(game, "D3"));
        Assert.Equal(Diagram.Normalize("""
            .....
            ..X..
            .X.X.
            ..X..
            .....
            """), game.Current.ToString());
        Assert.Equal(1, game.Current.Captures(Color.Black));
        Assert.Equal(0, game.Current.Captures(Color.White));
    }

    [Fact]
    public void CornerAndEdgeStonesNeedFewerStonesToCapture()
    {
        var game = Diagram.Game("""
            O....
            X....
            .....
            .....
            ..XO.
            """);
        game.Play(Color.Black, Diagram.At(game, "B5"));
        Assert.Equal(Color.Empty, game.Current.At(0, 4));
        game.Play(Color.White, Diagram.At(game, "A1"));
        game.Play(Color.Black, Diagram.At(game, "D2"));
        game.Play(Color.White, Diagram.At(game, "B2"));
        game.Play(Color.Black, Diagram.At(game, "E1"));
        Assert.Equal(Color.Empty, game.Current.At(3, 0));
        Assert.Equal(2, game.Current.Captures(Color.Black));
    }

    [Fact]
    public void OneMoveCanCaptureSeveralGroupsAtOnce()
    {
        var game = Diagram.Game("""
            .XOX.
            XO.OX
            .XOX.
            ..X..
            .....
            """);
        Assert.Equal(1, game.Current.LibertiesOf(game.Geometry.PointAt(1, 3)));
        game.Play(Color.Black, Diagram.At(game, "C4"));
        Assert.Equal(Diagram.Normalize("""
            .X.X.
            X.X.X
            .X.X.
            ..X..
            .....
            """), game.Current.ToString());
        Assert.Equal(4, game.Current.Captures(Color.Black));
        var center = game.Geometry.PointAt(2, 3);
        Assert.Equal(4, game.Current.LibertiesOf(center));
    }

    [Fact]
    public void CapturingALargeChainFreesItsPointsAsLibertiesOfTheCapturers()
    {
        var game = Diagram.Game("""
            XXXX.
            OOOX.
            XXOX.
            X.OX.
            XXOX.
            """);
        var whiteChain = game.Geometry.PointAt(2, 0);
        Assert.Equal(6, game.Current.ChainSizeOf(whiteChain));
        Assert.Equal(1, game.Current.LibertiesOf(whiteChain));
        game.Play(Color.Black, Diagram.At(game, "B2"));
        Assert.Equal(6, game.Current.Captures(Color.Black));
        Assert.Equal(0, game.Current.StoneCount(Color.White));
        var left = game.Geometry.PointAt(0, 0);
        Assert.Equal(game.Current.ChainIdOf(left), game.Current.ChainIdOf(game.Geometry.PointAt(1, 2)));
        Assert.Equal(5, game.Current.LibertiesOf(left));
    }

    [Fact]
    public void SnapbackRecapturesTheStonesThatTookTheThrowIn()
    {
        var game = Diagram.Game("""
            .....
            .....
            XXX..
            OOOX.
            ..OX.
            """);
        var throwIn = Diagram.At(game, "A1");
        game.Play(Color.Black, throwIn);
        Assert.Equal(1, game.Current.LibertiesOf(throwIn.Point));
        game.Play(Color.White, Diagram.At(game, "B1"));
        Assert.Equal(Color.Empty, game.Current[throwIn.Point]);
        Assert.Equal(-1, game.Current.KoPoint);
        Assert.Equal(MoveLegality.Legal, game.CheckLegality(Color.Black, throwIn));
        game.Play(Color.Black, throwIn);
        Assert.Equal(5, game.Current.Captures(Color.Black));
        Assert.Equal(1, game.Current.Captures(Color.White));
        Assert.Equal(0, game.Current.StoneCount(Color.White));
    }

    [Fact]
    public void LibertiesOfMergedChainsAreCountedOnce()
    {
        var game = Diagram.Game("""
            .....
            .X.X.
            .....
            .....
            .....
            """);
        game.Play(Color.Black, Diagram.At(game, "C4"));
        var chain = game.Geometry.PointAt(1, 3);
        Assert.Equal(3, game.Current.ChainSizeOf(chain));
        Assert.Equal(8, game.Current.LibertiesOf(chain));
    }

    [Fact]
    public void SuicideIsIllegalUnderDefaultRules()
    {
        var game = Diagram.Game("""
            .O...
            O....
            .....
            .....
            .....
            """);
        Assert.Equal(MoveLegality.Suicide, game.CheckLegality(Color.Black, Diagram.At(game, "A5")));
        Assert.Throws<IllegalMoveException>(() => game.Play(Color.Black, Diagram.At(game, "A5")));
    }

    [Fact]
    public void MultiStoneSuicideRemovesTheGroupWhenAllowed()
    {
        const string board = """
            X.O..
            OOO..
            .....
            .....
            .....
            """;
        var forbidden = Diagram.Game(board);
        Assert.Equal(MoveLegality.Suicide, forbidden.CheckLegality(Color.Black, Diagram.At(forbidden, "B5")));

        var allowed = Diagram.Game(board, RulesOptions.TrompTaylor);
        allowed.Play(Color.Black, Diagram.At(allowed, "B5"));
        Assert.Equal(Color.Empty, allowed.Current.At(0, 4));
        Assert.Equal(Color.Empty, allowed.Current.At(1, 4));
        Assert.Equal(2, allowed.Current.Captures(Color.White));
        Assert.Equal(Color.White, allowed.ToMove);
    }

    [Fact]
    public void SingleStoneSuicideIsRefusedEvenWhenSuicideIsAllowed()
    {
        var game = Diagram.Game("""
            .O...
            O....
            .....
            .....
            .....
            """, RulesOptions.TrompTaylor);
        Assert.Equal(MoveLegality.Suicide, game.CheckLegality(Color.Black, Diagram.At(game, "A5")));
    }

    [Fact]
    public void AMoveThatCapturesIsNotSuicide()
    {
        var game = Diagram.Game("""
            .OX..
            OX...
            X....
            .....
            .....
            """);
        Assert.Equal(MoveLegality.Legal, game.CheckLegality(Color.Black, Diagram.At(game, "A5")));
        game.Play(Color.Black, Diagram.At(game, "A5"));
        Assert.Equal(2, game.Current.Captures(Color.Black));
    }

    [Fact]
    public void OccupiedAndOffBoardPointsAreIllegal()
    {
        var game = Diagram.Game("""
            X..
            ...
            ...
            """);
        Assert.Equal(MoveLegality.Occupied, game.CheckLegality(Color.White, Diagram.At(game, "A3")));
        Assert.Equal(MoveLegality.OffBoard, game.CheckLegality(Color.White, new Move(0)));
        Assert.Equal(MoveLegality.OffBoard, game.CheckLegality(Color.White, new Move(10_000)));
    }

    [Fact]
    public void PositionRefusesBadPointsWithoutChangingAnything()
    {
        var position = Diagram.Position("""
            X..
            ...
            ...
            """);
        string before = position.ToString();
        ulong hash = position.Hash;
        var occupied = Vertex.ParseGtp("A3", position.Geometry);
        Assert.Throws<InvalidOperationException>(() => position.Play(occupied, Color.White));
        Assert.Throws<ArgumentOutOfRangeException>(() => position.Play(new Move(10_000), Color.White));
        Assert.Throws<ArgumentOutOfRangeException>(() => position.LibertiesOf(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => position[position.Geometry.PaddedArea]);
        Assert.Equal(before, position.ToString());
        Assert.Equal(hash, position.Hash);
        Assert.Equal(Color.Black, position.ToMove);
    }
}
