using static GoZero.Engine.Tests.PointSets;

namespace GoZero.Engine.Tests;

public class PlayoutCaptureTests
{
    /// <summary>The position after <paramref name="lastMove"/> is played by <paramref name="mover"/> on the diagram.</summary>
    private static Position After(string diagram, Color mover, string lastMove)
    {
        var position = Diagram.Position(diagram, mover);
        position.Play(new Move(Point(position, lastMove)));
        return position;
    }

    /// <summary>The moves the playouts choose next from <paramref name="position"/>, one playout per seed.</summary>
    private static HashSet<string> NextMoves(Position position, bool capturesLastMove) =>
        Enumerable.Range(1, 40)
            .Select(seed => new Playout(position.Geometry, (ulong)seed) { CapturesLastMoveInAtari = capturesLastMove }
                .RandomMove(position))
            .Select(move => Vertex.ToGtp(move, position.Geometry))
            .ToHashSet();

    [Fact]
    public void TheLibertyOfAChainInAtariIsFoundAndOtherChainsHaveNone()
    {
        var position = Diagram.Position("""
            .....
            .....
            .....
            X....
            OOX..
            """);
        Assert.Equal("B2", Vertices(position, [position.AtariLibertyOf(Point(position, "A1"))]));
        Assert.Equal(-1, position.AtariLibertyOf(Point(position, "A2")));
        Assert.Equal(-1, position.AtariLibertyOf(Point(position, "E5")));
    }

    [Fact]
    public void AStoneJustPlayedIntoAtariIsCapturedAtOnce()
    {
        // White's B1 has A1 as its only liberty.
        var position = After("""
            .....
            .....
            .....
            .X...
            ..X..
            """, Color.White, "B1");
        Assert.Equal(["A1"], NextMoves(position, capturesLastMove: true));
        Assert.True(NextMoves(position, capturesLastMove: false).Count > 1);
    }

    [Fact]
    public void AChainOfTheMoverLeftInAtariIsNotForcedToRun()
    {
        // White's C4 leaves Black's C3 with C2 alone: Black's reply stays random (running out is no rule here).
        var position = After("""
            .....
            .....
            .OXO.
            .....
            .....
            """, Color.White, "C4");
        Assert.True(NextMoves(position, capturesLastMove: true).Count > 1);
    }

    [Fact]
    public void TwoStonesLeftInsideTheOpponentsAreaOfAPlayedGameAreJudgedDeadAsGnuGoJudgesThem()
    {
        // The end of a 9×9 game of GoZero against GNU Go level 1 (both passed; issue 20's level-1 match, game 70).
        // White's C7 and C8 have two liberties inside Black's area; GNU Go's final_status_list dead gives them, and
        // final_score W+6.5. Uniform playouts left them on the board half the time and the judgement said W+18.5.
        var position = Diagram.Position("""
            ....X....
            .XO..XX..
            .XOXXOX..
            XXXOXOXXX
            XXXOXOXOX
            OXOOOOOOX
            OOO.O..OO
            .....O...
            .........
            """);
        var judgement = DeadStones.Judge(position);
        Assert.Equal("C7 C8", Vertices(position, judgement.DeadPoints));
        Assert.Equal(-6.5, judgement.BlackMinusWhite(7.5));
    }
}
