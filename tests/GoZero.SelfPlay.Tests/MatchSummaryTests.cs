using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

public sealed class MatchSummaryTests
{
    private static MatchGameRecord Game(int number, bool aIsBlack, string result) => new(number, aIsBlack, result, "two passes", 50, 1, $"game-{number:D4}.sgf");

    [Fact]
    public void WinsAreCountedForTheRightPlayerWhateverTheColour()
    {
        var summary = MatchSummary.Of([Game(1, true, "B+3.5"), Game(2, false, "B+R"), Game(3, true, "W+0.5"), Game(4, false, "W+T")]);
        Assert.Equal((4, 2, 2, 0), (summary.Games, summary.AWins, summary.BWins, summary.Draws));
        Assert.Equal(0.5, summary.Score);
    }

    [Fact]
    public void DrawCountsHalf()
    {
        var summary = MatchSummary.Of([Game(1, true, "0"), Game(2, false, "W+1")]);
        Assert.Equal((1, 0, 1), (summary.AWins, summary.BWins, summary.Draws));
        Assert.Equal(0.75, summary.Score);
    }

    [Fact]
    public void ForfeitsAreChargedToTheLoser()
    {
        var summary = MatchSummary.Of([Game(1, true, "W+F"), Game(2, true, "B+F"), Game(3, false, "W+F")]);
        Assert.Equal((1, 2), (summary.AForfeits, summary.BForfeits));
        Assert.Equal((2, 1), (summary.AWins, summary.BWins));
    }

    [Fact]
    public void WilsonIntervalMatchesTheTextbookValue()
    {
        // 7 wins in 10: the 95% Wilson score interval is 0.3968–0.8922 (Wilson 1927; Newcombe 1998, table I).
        var summary = MatchSummary.Of(Enumerable.Range(1, 10).Select(i => Game(i, true, i <= 7 ? "B+1" : "W+1")));
        var (low, high) = summary.ScoreInterval;
        Assert.Equal(0.3968, low, 3);
        Assert.Equal(0.8922, high, 3);
    }

    [Fact]
    public void EloOfThreeQuartersIsAbout191()
    {
        Assert.Equal(190.85, MatchSummary.Elo(0.75), 2);
        Assert.Equal(0, MatchSummary.Elo(0.5), 9);
        Assert.Equal(-MatchSummary.Elo(0.9), MatchSummary.Elo(0.1), 9);
    }

    [Fact]
    public void ClearSweepHasFiniteEloBoundAndIntervalBelowOne()
    {
        var summary = MatchSummary.Of(Enumerable.Range(1, 20).Select(i => Game(i, i % 2 == 1, i % 2 == 1 ? "B+R" : "W+R")));
        Assert.Equal(1, summary.Score);
        Assert.True(double.IsFinite(summary.EloDifference) && summary.EloDifference > 400);
        var (low, high) = summary.ScoreInterval;
        Assert.Equal(1, high);
        Assert.InRange(low, 0.8, 0.86);
        var (eloLow, eloHigh) = summary.EloInterval;
        Assert.True(eloLow < summary.EloDifference && eloHigh >= summary.EloDifference);
    }

    [Fact]
    public void OneWinIsAnIntervalOpenAboveNotZeroToZero()
    {
        // 1 win in 1: Wilson's interval is 0.2065–1, so the Elo interval runs from about −234 to +∞; a clamp at half
        // a game from the end used to squeeze it to "0 to 0".
        var summary = MatchSummary.Of([Game(1, true, "B+R")]);
        Assert.True(summary.IsSweep);
        var (low, high) = summary.EloInterval;
        Assert.Equal(MatchSummary.Elo(summary.ScoreInterval.Low), low, 9);
        Assert.InRange(low, -240, -225);
        Assert.Equal(double.PositiveInfinity, high);
    }

    [Fact]
    public void SweepByBIsOpenBelow()
    {
        var summary = MatchSummary.Of(Enumerable.Range(1, 4).Select(i => Game(i, i % 2 == 1, i % 2 == 1 ? "W+R" : "B+R")));
        Assert.True(summary.IsSweep);
        Assert.Equal(0, summary.ScoreInterval.Low);
        var (low, high) = summary.EloInterval;
        Assert.Equal(double.NegativeInfinity, low);
        Assert.True(double.IsFinite(high) && high < 0);
    }

    [Fact]
    public void MixedResultIsNoSweepAndHasAFiniteInterval()
    {
        var summary = MatchSummary.Of([Game(1, true, "B+R"), Game(2, true, "0")]);
        Assert.False(summary.IsSweep);
        var (low, high) = summary.EloInterval;
        Assert.True(double.IsFinite(low) && double.IsFinite(high) && low < summary.EloDifference && summary.EloDifference < high);
    }
}
