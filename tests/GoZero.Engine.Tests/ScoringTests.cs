using GoZero.Engine;

namespace GoZero.Engine.Tests;

public class ScoringTests
{
    private const string Finished = """
        .X.O.
        XX.OO
        X.XO.
        XXXO.
        .X.O.
        """;

    [Fact]
    public void AreaScoreCountsStonesAndRegionsThatReachOnlyOneColour()
    {
        // Black: 9 stones + A5, B3, A1 = 12. White: 6 stones + E5, E3, E2, E1 = 10. C5-C4 and C1 touch both: dame.
        var position = Diagram.Position(Finished);
        Assert.Equal(12 - 10 - 7.5, AreaScoring.BlackMinusWhite(position, 7.5));
    }

    [Fact]
    public void EqualAreasWithIntegerKomiAreAJigo()
    {
        var position = Diagram.Position(Finished);
        Assert.Equal(0, AreaScoring.BlackMinusWhite(position, 2));
        Assert.Equal("0", GameResult.FromScore(AreaScoring.BlackMinusWhite(position, 2)).ToString());
    }

    [Fact]
    public void AnEmptyBoardBelongsToNobody()
    {
        Assert.Equal(-7.5, AreaScoring.BlackMinusWhite(new Position(9), 7.5));
    }

    [Fact]
    public void TwoPassesEndTheGameWithTheAreaScore()
    {
        var game = Diagram.Game(Finished, new RulesOptions(Komi: 0.5));
        Assert.False(game.IsOver);
        game.Play(Color.Black, Move.Pass);
        Assert.Null(game.Result);
        game.Play(Color.White, Move.Pass);
        Assert.True(game.IsOver);
        Assert.Equal("B+1.5", game.Result!.ToString());
    }

    [Fact]
    public void AMoveAfterTwoPassesResumesTheGame()
    {
        var game = Diagram.Game(Finished);
        game.Play(Color.Black, Move.Pass);
        game.Play(Color.White, Move.Pass);
        Assert.True(game.IsOver);
        game.Play(Color.Black, Diagram.At(game, "C5"));
        Assert.False(game.IsOver);
        Assert.Null(game.Result);
    }

    [Fact]
    public void NoMoveIsLegalAfterAResignation()
    {
        var game = Diagram.Game(Finished);
        game.Play(Color.Black, Move.Resign);
        Assert.Equal(MoveLegality.GameOver, game.CheckLegality(Color.White, Diagram.At(game, "C5")));
        Assert.Equal(MoveLegality.GameOver, game.CheckLegality(Color.White, Move.Pass));
        Assert.Empty(game.LegalMoves());
    }

    [Fact]
    public void ResignationEndsTheGameAndUndoReopensIt()
    {
        var game = new Game(9);
        game.Play(Color.Black, Vertex.ParseGtp("E5", game.Geometry));
        game.Play(Color.White, Move.Resign);
        Assert.True(game.IsOver);
        Assert.Equal("B+R", game.Result!.ToString());
        Assert.True(game.Undo());
        Assert.False(game.IsOver);
        Assert.Equal(Color.White, game.ToMove);
    }

    [Theory]
    [InlineData(3.5, "B+3.5")]
    [InlineData(-0.5, "W+0.5")]
    [InlineData(12, "B+12")]
    [InlineData(0, "0")]
    public void ScoresAreWrittenAsSgfResults(double blackMinusWhite, string expected)
    {
        Assert.Equal(expected, GameResult.FromScore(blackMinusWhite).ToString());
        Assert.Equal(GameResult.FromScore(blackMinusWhite), GameResult.Parse(expected));
        Assert.Equal(blackMinusWhite, GameResult.Parse(expected)!.BlackMinusWhite);
    }

    [Theory]
    [InlineData("B+R")]
    [InlineData("W+T")]
    [InlineData("B+F")]
    [InlineData("W+")]
    public void AResultWithoutItsMarginGivesNoScore(string text) => Assert.Null(GameResult.Parse(text)!.BlackMinusWhite);

    [Theory]
    [InlineData("W+R", Color.White, ResultKind.Resignation)]
    [InlineData("B+Resign", Color.Black, ResultKind.Resignation)]
    [InlineData("B+T", Color.Black, ResultKind.Time)]
    [InlineData("W+F", Color.White, ResultKind.Forfeit)]
    [InlineData("Draw", Color.Empty, ResultKind.Score)]
    public void SgfResultsAreRead(string text, Color winner, ResultKind kind)
    {
        var result = GameResult.Parse(text)!;
        Assert.Equal(winner, result.Winner);
        Assert.Equal(kind, result.Kind);
    }

    [Theory]
    [InlineData("?")]
    [InlineData("Void")]
    [InlineData("B+x")]
    [InlineData("")]
    public void UnknownResultsReadAsNull(string text) => Assert.Null(GameResult.Parse(text));
}
