using GoZero.Engine;

namespace GoZero.Engine.Tests;

public class HandicapTests
{
    [Theory]
    [InlineData(19, 2, "D4 Q16")]
    [InlineData(19, 3, "D4 Q16 D16")]
    [InlineData(19, 4, "D4 Q16 D16 Q4")]
    [InlineData(19, 5, "D4 Q16 D16 Q4 K10")]
    [InlineData(19, 6, "D4 Q16 D16 Q4 D10 Q10")]
    [InlineData(19, 7, "D4 Q16 D16 Q4 D10 Q10 K10")]
    [InlineData(19, 8, "D4 Q16 D16 Q4 D10 Q10 K4 K16")]
    [InlineData(19, 9, "D4 Q16 D16 Q4 D10 Q10 K4 K16 K10")]
    [InlineData(13, 4, "D4 K10 D10 K4")]
    [InlineData(13, 9, "D4 K10 D10 K4 D7 K7 G4 G10 G7")]
    [InlineData(9, 2, "C3 G7")]
    [InlineData(9, 5, "C3 G7 C7 G3 E5")]
    [InlineData(9, 9, "C3 G7 C7 G3 C5 G5 E3 E7 E5")]
    public void FixedHandicapFollowsTheGtpSpecification(int size, int count, string expected)
    {
        var geometry = BoardGeometry.Of(size);
        var points = Handicap.FixedPoints(geometry, count).Select(m => Vertex.ToGtp(m, geometry)).Order();
        Assert.Equal(expected.Split(' ').Order(), points);
    }

    [Theory]
    [InlineData(19, 10)]
    [InlineData(19, 1)]
    [InlineData(10, 5)]
    [InlineData(5, 2)]
    public void ImpossibleFixedHandicapsAreRefused(int size, int count)
    {
        Assert.Throws<ArgumentException>(() => Handicap.FixedPoints(BoardGeometry.Of(size), count));
    }

    [Fact]
    public void WhiteMovesFirstAfterHandicap()
    {
        var game = new Game(19);
        game.PlaceHandicap(Handicap.FixedPoints(game.Geometry, 4).ToList());
        Assert.Equal(Color.White, game.ToMove);
        Assert.Equal(4, game.HandicapStones);
        Assert.Equal(4, game.Current.StoneCount(Color.Black));
        Assert.Equal(0, game.MoveCount);
        Assert.False(game.Undo());
    }

    [Fact]
    public void FreeHandicapPlacesDistinctPointsAwayFromTheEdge()
    {
        var geometry = BoardGeometry.Of(19);
        var points = Handicap.FreePoints(geometry, 13);
        Assert.Equal(13, points.Distinct().Count());
        Assert.All(points, m => Assert.InRange(geometry.ColumnOf(m.Point), 3, 15));
        Assert.All(points, m => Assert.InRange(geometry.RowOf(m.Point), 3, 15));
        var game = new Game(19);
        game.PlaceHandicap(points.ToList());
        Assert.Equal(13, game.Current.StoneCount(Color.Black));
    }

    [Fact]
    public void HandicapOnlyGoesOnAnEmptyBoard()
    {
        var game = new Game(9);
        game.Play(Color.Black, Vertex.ParseGtp("E5", game.Geometry));
        Assert.Throws<InvalidOperationException>(() => game.PlaceHandicap(Handicap.FixedPoints(game.Geometry, 2).ToList()));
        var fresh = new Game(9);
        var twice = new[] { Vertex.ParseGtp("E5", fresh.Geometry), Vertex.ParseGtp("E5", fresh.Geometry) };
        Assert.Throws<ArgumentException>(() => fresh.PlaceHandicap(twice));
    }
}
