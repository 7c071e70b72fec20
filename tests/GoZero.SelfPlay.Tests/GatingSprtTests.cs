using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

public sealed class GatingSprtTests
{
    private static readonly GatingSprt ZeroAgainst100 = new(0, 100);

    private static MatchSummary Score(int wins, int losses, int draws = 0) => new(wins + losses + draws, wins, losses, draws, 0, 0);

    [Fact]
    public void BoundsAreWaldsForFivePercentErrors()
    {
        Assert.Equal(Math.Log(19), ZeroAgainst100.UpperBound, 12);
        Assert.Equal(-Math.Log(19), ZeroAgainst100.LowerBound, 12);
    }

    [Fact]
    public void RatioAddsTheLogLikelihoodOfEachGame()
    {
        double p1 = 1 / (1 + Math.Pow(10, -100 / 400.0));
        double win = Math.Log(p1 / 0.5), loss = Math.Log((1 - p1) / 0.5);
        Assert.Equal(7 * win + 3 * loss, ZeroAgainst100.LogLikelihoodRatio(Score(7, 3)), 12);
        Assert.Equal(0.5 * (win + loss), ZeroAgainst100.LogLikelihoodRatio(Score(0, 0, draws: 1)), 12);
        Assert.Equal(0, ZeroAgainst100.LogLikelihoodRatio(Score(0, 0)));
    }

    [Fact]
    public void ClearResultsDecideEarlyAndEvenOnesPlayOn()
    {
        // One win is worth ln(p1/p0) = 0.247: 12 straight wins cross ln 19 = 2.94, 11 do not.
        Assert.Equal(SprtDecision.Continue, ZeroAgainst100.Decide(Score(11, 0)));
        Assert.Equal(SprtDecision.Stronger, ZeroAgainst100.Decide(Score(12, 0)));
        // A loss is worth ln((1-p1)/(1-p0)) = -0.329: 9 straight losses cross -2.94.
        Assert.Equal(SprtDecision.Continue, ZeroAgainst100.Decide(Score(0, 8)));
        Assert.Equal(SprtDecision.NotStronger, ZeroAgainst100.Decide(Score(0, 9)));
        Assert.Equal(SprtDecision.Continue, ZeroAgainst100.Decide(Score(20, 20)));
    }

    [Fact]
    public void AnEqualCandidateIsRarelyPromoted()
    {
        // Simulated gatings of a candidate exactly as strong as the best, up to 400 games: the test promotes it in
        // at most about α of them (Wald's bound), where a fixed 40 games at 55% would promote about one in three.
        var random = new Random(7);
        var sprt = new GatingSprt(0, 35);
        int promoted = 0, trials = 2000;
        for (int trial = 0; trial < trials; trial++)
        {
            int wins = 0, losses = 0;
            var decision = SprtDecision.Continue;
            while (decision == SprtDecision.Continue && wins + losses < 400)
            {
                if (random.Next(2) == 0) wins++; else losses++;
                decision = sprt.Decide(Score(wins, losses));
            }
            if (decision == SprtDecision.Stronger) promoted++;
        }
        Assert.InRange(promoted / (double)trials, 0, 0.06);
    }

    [Theory]
    [InlineData(0, 0, 0.05, 0.05)]
    [InlineData(10, 0, 0.05, 0.05)]
    [InlineData(0, double.NaN, 0.05, 0.05)]
    [InlineData(0, 35, 0, 0.05)]
    [InlineData(0, 35, 0.05, 0.5)]
    public void UnusableSettingsAreRefused(double elo0, double elo1, double alpha, double beta) =>
        Assert.Throws<ArgumentException>(() => new GatingSprt(elo0, elo1, alpha, beta).Validated());
}
