namespace GoZero.SelfPlay;

/// <summary>
/// What a match says about A against B: wins, draws, forfeits, A's score (a draw counts half), its 95% interval
/// (Wilson's score interval, which stays inside [0, 1] and is sound for few games and lopsided results) and the Elo
/// difference those imply under the logistic model, E = 1 / (1 + 10^(−D/400)). <see cref="Counted"/> games, ended by
/// two passes, were also counted by a player (<see cref="MatchGameRecord.Counts"/>); in
/// <see cref="CountDisagreements"/> of them a player's count differed from the referee's. In <see cref="Cleanups"/>
/// games two passes left a dispute that a cleanup settled.
/// </summary>
public sealed record MatchSummary(int Games, int AWins, int BWins, int Draws, int AForfeits, int BForfeits,
                                  int Counted = 0, int CountDisagreements = 0, int Cleanups = 0)
{
    private const double Z95 = 1.959964;

    public static MatchSummary Of(IEnumerable<MatchGameRecord> games)
    {
        int n = 0, aWins = 0, bWins = 0, draws = 0, aForfeits = 0, bForfeits = 0, counted = 0, disagreements = 0, cleanups = 0;
        foreach (var game in games)
        {
            n++;
            if (game.Counts is { Count: > 0 }) counted++;
            if (game.Disagreements.Count > 0) disagreements++;
            if (game.HadCleanup) cleanups++;
            double score = game.ScoreOfA;
            if (score == 1) { aWins++; if (game.IsForfeit) bForfeits++; }
            else if (score == 0) { bWins++; if (game.IsForfeit) aForfeits++; }
            else draws++;
        }
        return new MatchSummary(n, aWins, bWins, draws, aForfeits, bForfeits, counted, disagreements, cleanups);
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
            // At p = 0 or 1 one end is exactly 0 or 1; rounding could leave it a hair inside, a finite but absurd Elo.
            return (p == 0 ? 0 : Math.Max(0, centre - half), p == 1 ? 1 : Math.Min(1, centre + half));
        }
    }

    /// <summary>A's Elo advantage over B implied by <see cref="Score"/>. A score of 0 or 1 has no finite Elo, so it is
    /// taken as half a game from the end (½/n or 1 − ½/n), a finite stand-in that the training loop can chain from
    /// generation to generation; it means little for a short sweep (one game: 0), which is better described by the
    /// finite end of <see cref="EloInterval"/>.</summary>
    public double EloDifference => Elo(Games == 0 ? 0.5 : Math.Clamp(Score, 0.5 / Games, 1 - 0.5 / Games));

    /// <summary>Whether one side won every game: the score is 0 or 1, its Elo infinite, and only the
    /// <see cref="EloInterval"/>'s finite end says anything.</summary>
    public bool IsSweep => Games > 0 && (AWins == Games || BWins == Games);

    /// <summary>The Elo differences at the ends of <see cref="ScoreInterval"/>. Wilson's interval reaches 1 (or 0) only
    /// for a sweep, whose interval is therefore open on that side (+∞ or −∞); it is not clamped, since a clamp at half
    /// a game from the end would, for one game, squeeze the interval to nothing (0 to 0).</summary>
    public (double Low, double High) EloInterval
    {
        get
        {
            if (Games == 0) return (double.NegativeInfinity, double.PositiveInfinity);
            var (low, high) = ScoreInterval;
            return (Elo(low), Elo(high));
        }
    }

    /// <summary>An Elo figure for people: "+120", "-35", "0", and "+∞" or "-∞" for the open end of a sweep's interval.</summary>
    public static string Signed(double elo) =>
        double.IsInfinity(elo) ? (elo > 0 ? "+∞" : "-∞") : elo.ToString("+0;-0;0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>D such that 1 / (1 + 10^(−D/400)) = <paramref name="score"/>.</summary>
    public static double Elo(double score) => -400 * Math.Log10(1 / score - 1);
}
