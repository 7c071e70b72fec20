namespace GoZero.SelfPlay;

/// <summary>What a sequential test says after the games so far.</summary>
public enum SprtDecision
{
    /// <summary>Neither bound is crossed: play on.</summary>
    Continue,

    /// <summary>The candidate is stronger (the alternative hypothesis holds): promote it.</summary>
    Stronger,

    /// <summary>The candidate is not stronger (the null hypothesis holds): keep the best network.</summary>
    NotStronger,
}

/// <summary>
/// Wald's sequential probability ratio test for a gating match, as Leela Zero and fishtest gate networks: the null
/// hypothesis is that the candidate is <see cref="Elo0"/> stronger than the best network (0: equal), the alternative
/// that it is <see cref="Elo1"/> stronger. Each game adds to the log-likelihood ratio — a win ln(p1/p0), a loss
/// ln((1−p1)/(1−p0)), a draw half of each, where p is the expected score at that Elo difference — and the match stops
/// as soon as the ratio leaves [ln(β/(1−α)), ln((1−β)/α)]. With α = β = 0.05 the test passes an equal candidate at most
/// 5% of the time, where a fixed 40 games at 55% promote one in three.
/// </summary>
public sealed record GatingSprt(double Elo0, double Elo1, double Alpha = 0.05, double Beta = 0.05)
{
    /// <summary>The ratio at or below which the candidate is judged not stronger.</summary>
    public double LowerBound => Math.Log(Beta / (1 - Alpha));

    /// <summary>The ratio at or above which the candidate is judged stronger.</summary>
    public double UpperBound => Math.Log((1 - Beta) / Alpha);

    /// <summary>The log-likelihood ratio of the alternative over the null after the match's games (A = candidate).</summary>
    public double LogLikelihoodRatio(MatchSummary summary)
    {
        double p0 = ExpectedScore(Elo0), p1 = ExpectedScore(Elo1);
        double win = Math.Log(p1 / p0), loss = Math.Log((1 - p1) / (1 - p0));
        return summary.AWins * win + summary.BWins * loss + summary.Draws * 0.5 * (win + loss);
    }

    public SprtDecision Decide(MatchSummary summary)
    {
        double ratio = LogLikelihoodRatio(summary);
        return ratio >= UpperBound ? SprtDecision.Stronger
             : ratio <= LowerBound ? SprtDecision.NotStronger
             : SprtDecision.Continue;
    }

    /// <summary>The logistic model's expected score of a player this many Elo stronger.</summary>
    public static double ExpectedScore(double elo) => 1 / (1 + Math.Pow(10, -elo / 400));

    /// <summary>Throws <see cref="ArgumentException"/> when the test cannot be run.</summary>
    public GatingSprt Validated()
    {
        if (!double.IsFinite(Elo0) || !double.IsFinite(Elo1) || Elo1 <= Elo0 || Math.Abs(Elo0) > 2000 || Math.Abs(Elo1) > 2000)
            throw new ArgumentException($"SPRT needs finite Elo bounds with elo0 < elo1 (within ±2000), not {Elo0} and {Elo1}");
        if (Alpha is <= 0 or >= 0.5 || Beta is <= 0 or >= 0.5 || double.IsNaN(Alpha) || double.IsNaN(Beta))
            throw new ArgumentException($"SPRT error rates must be in (0, 0.5), not α {Alpha} and β {Beta}");
        return this;
    }
}
