using GoZero.Engine;

namespace GoZero.Engine.Tests;

public class KoTests
{
    private const string KoShape = """
        .....
        .XO..
        XO.O.
        .XO..
        .....
        """;

    /// <summary>Three kos: in the first and third Black can take a white stone, in the second White a black one.</summary>
    private const string TripleKo = """
        .........
        .XO..OX..
        XO.OOX.X.
        .XO..OX..
        .........
        .XO......
        XO.O.....
        .XO......
        .........
        """;

    [Fact]
    public void ImmediateRecaptureOfAKoIsIllegal()
    {
        var game = Diagram.Game(KoShape, new RulesOptions(KoRule.Simple));
        game.Play(Color.Black, Diagram.At(game, "C3"));
        Assert.Equal(Diagram.At(game, "B3").Point, game.Current.KoPoint);
        Assert.Equal(MoveLegality.Ko, game.CheckLegality(Color.White, Diagram.At(game, "B3")));
    }

    [Fact]
    public void AKoMayBeRetakenAfterAMoveElsewhere()
    {
        var game = Diagram.Game(KoShape, new RulesOptions(KoRule.Simple));
        game.Play(Color.Black, Diagram.At(game, "C3"));
        game.Play(Color.White, Diagram.At(game, "E5"));
        game.Play(Color.Black, Diagram.At(game, "E1"));
        Assert.Equal(MoveLegality.Legal, game.CheckLegality(Color.White, Diagram.At(game, "B3")));
        game.Play(Color.White, Diagram.At(game, "B3"));
        Assert.Equal(Diagram.At(game, "C3").Point, game.Current.KoPoint);
    }

    [Fact]
    public void CapturingTwoStonesIsNeverAKo()
    {
        var game = Diagram.Game("""
            .....
            .XXO.
            XOO.O
            .XXO.
            .....
            """);
        game.Play(Color.Black, Diagram.At(game, "D3"));
        Assert.Equal(2, game.Current.Captures(Color.Black));
        Assert.Equal(-1, game.Current.KoPoint);
        Assert.Equal(1, game.Current.LibertiesOf(Diagram.At(game, "D3").Point));
        game.Play(Color.White, Diagram.At(game, "C3"));
        Assert.Equal(Color.Empty, game.Current[Diagram.At(game, "D3").Point]);
    }

    private static readonly string[] TripleKoCycle = ["C7", "G7", "C3", "B7", "F7", "B3"];

    [Fact]
    public void TripleKoCycleIsAllowedBySimpleKo()
    {
        var game = Diagram.Game(TripleKo, new RulesOptions(KoRule.Simple));
        string start = game.Current.ToString();
        foreach (string vertex in TripleKoCycle)
            game.Play(game.ToMove, Diagram.At(game, vertex));
        Assert.Equal(start, game.Current.ToString());
        Assert.Equal(game.InitialPosition.StoneHash, game.Current.StoneHash);
    }

    [Fact]
    public void TripleKoCycleIsForbiddenByPositionalSuperko()
    {
        var game = Diagram.Game(TripleKo, new RulesOptions(KoRule.PositionalSuperko));
        foreach (string vertex in TripleKoCycle[..^1])
            game.Play(game.ToMove, Diagram.At(game, vertex));
        Assert.Equal(MoveLegality.Superko, game.CheckLegality(Color.White, Diagram.At(game, "B3")));
        Assert.DoesNotContain(Diagram.At(game, "B3"), game.LegalMoves());
    }

    [Fact]
    public void SituationalSuperkoAllowsARepeatedBoardWithTheOtherPlayerToMove()
    {
        // With a pass in the cycle Black makes the last capture: the board repeats with White, not Black, to move.
        string[] moves = ["C7", "G7", "C3", "B7", "pass", "B3"];
        var positional = Diagram.Game(TripleKo, new RulesOptions(KoRule.PositionalSuperko));
        var situational = Diagram.Game(TripleKo, new RulesOptions(KoRule.SituationalSuperko));
        foreach (var game in new[] { positional, situational })
            foreach (string vertex in moves)
                game.Play(game.ToMove, Diagram.At(game, vertex));

        Assert.Equal(MoveLegality.Superko, positional.CheckLegality(Color.Black, Diagram.At(positional, "F7")));
        Assert.Equal(MoveLegality.Legal, situational.CheckLegality(Color.Black, Diagram.At(situational, "F7")));
        situational.Play(Color.Black, Diagram.At(situational, "F7"));
        Assert.Equal(situational.InitialPosition.StoneHash, situational.Current.StoneHash);
        Assert.NotEqual(situational.InitialPosition.Hash, situational.Current.Hash);
    }

    [Fact]
    public void SituationalSuperkoForbidsTheSameBoardWithTheSamePlayerToMove()
    {
        var game = Diagram.Game(TripleKo, new RulesOptions(KoRule.SituationalSuperko));
        foreach (string vertex in TripleKoCycle[..^1])
            game.Play(game.ToMove, Diagram.At(game, vertex));
        Assert.Equal(MoveLegality.Superko, game.CheckLegality(Color.White, Diagram.At(game, "B3")));
    }

    [Fact]
    public void UndoTakesAPositionOutOfTheSuperkoHistory()
    {
        var game = Diagram.Game(TripleKo, new RulesOptions(KoRule.PositionalSuperko));
        game.Play(Color.Black, Diagram.At(game, "C7"));
        game.Play(Color.White, Diagram.At(game, "G7"));
        Assert.True(game.Undo());
        Assert.True(game.Undo());
        game.Play(Color.Black, Diagram.At(game, "C3"));
        Assert.Equal(MoveLegality.Legal, game.CheckLegality(Color.White, Diagram.At(game, "G7")));
    }
}
