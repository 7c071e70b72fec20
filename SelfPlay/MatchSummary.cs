namespace GoZero.SelfPlay;

/// <summary>
/// What a match says about A against B: wins, draws, forfeits, A's score (a draw counts half), its 95% interval
/// (Wilson's score interval, which stays inside [0, 1] and is sound for few games and lopsided results) and the Elo
/// difference those imply under the logistic model, E = 1 / (1 + 10^(−D/400)).
/// </summary>
public sealed record MatchSummary(int Games, int AWins, int BWins, int Draws, int AForfeits, int BForfeits)
{
    private const double Z95 = 1.959964;

    public static MatchSummary Of(IEnumerable<MatchGameRecord> games)
    {
        int n = 0, aWins = 0, bWins = 0, draws = 0, aForfeits = 0, bForfeits = 0;
        foreach (var game in games)
        {
            n++;
            double score = game.ScoreOfA;
            if (score == 1) { aWins++; if (game.IsForfeit) bForfeits++; }
            else if (score == 0) { bWins++; if (game.IsForfeit) aForfeits++; }
            else draws++;
        }
        return new MatchSummary(n, aWins, bWins, draws, aForfeits, bForfeits);
    }

    /// <summary>A's share of the points, a draw counting half; 0.5 before any game.</summary>
    public double Score => Games == 0 ? 0.5 : (AWins + 0.5 * Draws) / Games;

    /// <summary>The 95% Wilson score interval of <see cref="Score"/>.</summary>
    public (double Low, double High) ScoreInterval
    {
        get
        {
            if (Games == 0) return (0, 1);
            double n = Games, p = Score, z2 = Z95 * Z95;
            double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
            double half = Z95 / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
            return (Math.Max(0, centre - half), Math.Min(1, centre + half));
        }
    }

    /// <summary>A's Elo advantage over B implied by <see cref="Score"/>. A score of 0 or 1 has no finite Elo, so it is
    /// taken as half a game from the end (½/n or 1 − ½/n), a bound rather than an estimate.</summary>
    public double EloDifference => Elo(Games == 0 ? 0.5 : Math.Clamp(Score, 0.5 / Games, 1 - 0.5 / Games));

    /// <summary>The Elo differences at the ends of <see cref="ScoreInterval"/>, clamped as <see cref="EloDifference"/> is.</summary>
    public (double Low, double High) EloInterval
    {
        get
        {
            var (low, high) = ScoreInterval;
            double floor = Games == 0 ? 1e-3 : 0.5 / Games;
            return (Elo(Math.Clamp(low, floor, 1 - floor)), Elo(Math.Clamp(high, floor, 1 - floor)));
        }
    }

    /// <summary>D such that 1 / (1 + 10^(−D/400)) = <paramref name="score"/>.</summary>
    public static double Elo(double score) => -400 * Math.Log10(1 / score - 1);
}
