using GoZero.Engine;

namespace GoZero.Engine.Tests;

public class VertexTests
{
    private static readonly BoardGeometry Nineteen = BoardGeometry.Of(19);

    [Theory]
    [InlineData("A1", 0, 0)]
    [InlineData("a1", 0, 0)]
    [InlineData("T19", 18, 18)]
    [InlineData("J10", 8, 9)]
    [InlineData("h8", 7, 7)]
    public void GtpVerticesNameColumnAndRowFromTheLowerLeft(string text, int x, int y)
    {
        var move = Vertex.ParseGtp(text, Nineteen);
        Assert.Equal(Nineteen.PointAt(x, y), move.Point);
        Assert.Equal(text.ToUpperInvariant(), Vertex.ToGtp(move, Nineteen));
    }

    [Fact]
    public void PassIsCaseInsensitive()
    {
        Assert.True(Vertex.ParseGtp("PASS", Nineteen).IsPass);
        Assert.Equal("pass", Vertex.ToGtp(Move.Pass, Nineteen));
    }

    [Theory]
    [InlineData("I5", "GTP skips the letter I")]
    [InlineData("Z1", "off a 19×19 board")]
    [InlineData("A20", "off a 19×19 board")]
    [InlineData("A0", "off a 19×19 board")]
    [InlineData("5A", "the column must be a letter")]
    [InlineData("A", "expected a column letter")]
    [InlineData("AA1", "the row must be a number")]
    [InlineData("A-1", "the row must be a number")]
    [InlineData("", "expected a column letter")]
    public void BadGtpTextIsRejectedWithAMessageThatNamesIt(string text, string reason)
    {
        var error = Assert.Throws<VertexFormatException>(() => Vertex.ParseGtp(text, Nineteen));
        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void TwentyFiveByTwentyFiveUsesTheLetterZ()
    {
        var geometry = BoardGeometry.Of(25);
        var move = Vertex.ParseGtp("Z25", geometry);
        Assert.Equal(geometry.PointAt(24, 24), move.Point);
    }

    [Fact]
    public void SgfRowsCountFromTheTop()
    {
        Assert.Equal(Nineteen.PointAt(0, 18), Vertex.ParseSgf("aa", Nineteen).Point);
        Assert.Equal(Nineteen.PointAt(3, 15), Vertex.ParseSgf("dd", Nineteen).Point);
        Assert.Equal("pd", Vertex.ToSgf(Vertex.ParseGtp("Q16", Nineteen), Nineteen));
    }

    [Fact]
    public void EmptyAndTtAreSgfPassesButTtIsAPointOnLargerBoards()
    {
        Assert.True(Vertex.ParseSgf("", Nineteen).IsPass);
        Assert.True(Vertex.ParseSgf("tt", Nineteen).IsPass);
        var big = BoardGeometry.Of(21);
        Assert.Equal(big.PointAt(19, 1), Vertex.ParseSgf("tt", big).Point);
        Assert.Equal("", Vertex.ToSgf(Move.Pass, Nineteen));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("abc")]
    [InlineData("a1")]
    [InlineData("zz")]
    public void BadSgfPointsAreRejected(string text)
    {
        var error = Assert.Throws<VertexFormatException>(() => Vertex.ParseSgf(text, Nineteen));
        Assert.Contains($"'{text}'", error.Message);
    }

    [Fact]
    public void EveryPointRoundTripsThroughGtpAndSgfOnEverySize()
    {
        for (int size = BoardGeometry.MinSize; size <= BoardGeometry.MaxSize; size++)
        {
            var geometry = BoardGeometry.Of(size);
            foreach (int point in geometry.Points)
            {
                var move = new Move(point);
                Assert.Equal(move, Vertex.ParseGtp(Vertex.ToGtp(move, geometry), geometry));
                Assert.Equal(move, Vertex.ParseSgf(Vertex.ToSgf(move, geometry), geometry));
            }
        }
    }

    [Fact]
    public void BoardSizesOutsideTwoToTwentyFiveAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoardGeometry.Of(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoardGeometry.Of(26));
        Assert.Equal(4, BoardGeometry.Of(2).Area);
    }
}
